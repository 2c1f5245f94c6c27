using System.Text;
using Crypt.Crypto.Errors;
using Crypt.Crypto.KeySources;
using Crypt.Formats.Dotenv;
using Crypt.Formats.Json;
using Crypt.Formats.Metadata;
using Crypt.Formats.Stores;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Tests.Metadata;

public sealed class MetadataCodecTests
{
    private const string Minimal = "\"lastmodified\": \"2024-01-01T00:00:00Z\", \"mac\": \"M\", \"version\": \"3.13.2\", \"age\": [{\"recipient\": \"r\", \"enc\": \"e\"}]";

    [Fact]
    public void A_document_without_metadata_yields_null_and_is_left_alone()
    {
        TreeDocument document = Json("{\"a\": 1}");
        Assert.Null(MetadataCodec.Extract(document, DocumentFormat.Json));
        Assert.Single(document.Branches[0].Items);
        Assert.Null(MetadataCodec.Extract(Dotenv("a=1\n"), DocumentFormat.Dotenv));
        Assert.False(MetadataCodec.IsEncrypted(null));
    }

    [Fact]
    public void An_empty_sops_map_counts_as_no_metadata_as_in_sops() =>
        Assert.Null(MetadataCodec.Extract(Json("{\"a\": 1, \"sops\": {}}"), DocumentFormat.Json));

    [Fact]
    public void Metadata_is_taken_from_the_first_document_and_removed_from_all()
    {
        TreeMap first = Json("{\"a\": 1, \"sops\": {" + Minimal + "}}").Branches[0];
        TreeMap second = Json("{\"b\": 2, \"sops\": {\"version\": \"ignored\"}}").Branches[0];
        var document = new TreeDocument([first, second]);

        SopsMetadata metadata = MetadataCodec.Extract(document, DocumentFormat.Yaml)!;

        Assert.Equal("3.13.2", metadata.Version);
        Assert.All(document.Branches, b => Assert.Null(b.Get("sops")));
        MetadataCodec.Attach(document, metadata, DocumentFormat.Yaml);
        Assert.All(document.Branches, b => Assert.Equal("sops", b.Items[^1].Key));
        Assert.NotSame(document.Branches[0].Get("sops"), document.Branches[1].Get("sops"));
    }

    [Fact]
    public void Metadata_only_in_a_later_document_is_not_found() =>
        Assert.Null(MetadataCodec.Extract(new TreeDocument([new TreeMap(), Json("{\"sops\": {" + Minimal + "}}").Branches[0]]), DocumentFormat.Yaml));

    [Theory]
    [InlineData("{\"sops\": \"text\"}", "Found sops entry that is not a mapping")]
    [InlineData("{\"sops\": null}", "Found sops entry that is not a mapping")]
    [InlineData("{\"sops\": {" + Minimal + "}, \"sops\": {" + Minimal + "}}", "Found duplicate sops entry")]
    [InlineData("{\"sops\": {\"lastmodified\": \"2024-01-01T00:00:00Z\", \"mac\": \"M\", \"kms\": [], \"age\": null}}", "No keys found in file")]
    [InlineData("{\"sops\": {" + Minimal + ", \"lastmodified\": \"yesterday\"}}", "lastmodified is not an RFC 3339 time")]
    [InlineData("{\"sops\": {" + Minimal + ", \"pgp\": [{\"fp\": \"F\", \"enc\": \"E\"}]}}", "created_at is not an RFC 3339 time")]
    [InlineData("{\"sops\": {" + Minimal + ", \"encrypted_regex\": \"a\", \"unencrypted_suffix\": \"b\"}}", "Cannot use more than one of")]
    [InlineData("{\"sops\": {" + Minimal + ", \"mac_only_encrypted\": \"maybe\"}}", "not a boolean")]
    [InlineData("{\"sops\": {" + Minimal + ", \"shamir_threshold\": \"two\"}}", "not an integer")]
    [InlineData("{\"sops\": {" + Minimal + ", \"version\": [1]}}", "not a string")]
    [InlineData("{\"sops\": {" + Minimal + ", \"kms\": [\"arn\"]}}", "not a map")]
    [InlineData("{\"sops\": {" + Minimal + ", \"kms\": 5}}", "not a list")]
    public void Malformed_metadata_is_a_format_error(string json, string message)
    {
        CryptFormatException e = Assert.Throws<CryptFormatException>(() => MetadataCodec.Extract(Json(json), DocumentFormat.Json));
        Assert.Contains(message, e.Detail, StringComparison.Ordinal);
        Assert.StartsWith("sops", e.KeyPath, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_historical_layout_reads_with_nulls_unsorted_fields_and_key_groups()
    {
        // ≤ 3.12 JSON: struct order, null lists, key_groups with shamir_threshold, quoted numbers.
        const string Json312 = """
            {"sops": {
              "shamir_threshold": "2",
              "key_groups": [
                {"pgp": null, "kms": [{"arn": "arn:a", "role": "", "context": {"z": "1", "a": "2"}, "created_at": "2020-01-01T00:00:00Z", "enc": "K", "aws_profile": ""}],
                 "gcp_kms": null, "azure_kv": null, "hc_vault": null, "age": [{"recipient": "age1x", "enc": "A"}]},
                {"hc_vault": [{"vault_address": "http://v", "engine_path": "transit", "key_name": "k", "created_at": "2020-01-01T00:00:00+01:00", "enc": "vault:v1:x"}],
                 "gcp_kms": [{"resource_id": "projects/p", "created_at": "2020-01-01T00:00:00.5Z", "enc": "G"}],
                 "hckms": [{"key_id": "r:u", "created_at": "2020-01-01T00:00:00Z", "enc": "H"}],
                 "age": null}
              ],
              "kms": null, "gcp_kms": null, "azure_kv": null, "hc_vault": null, "age": null,
              "lastmodified": "2020-01-02T00:00:00Z", "mac": "M", "pgp": null,
              "unencrypted_regex": "^x", "mac_only_encrypted": 1, "version": 3.5
            }}
            """;
        SopsMetadata m = MetadataCodec.Extract(Json(Json312), DocumentFormat.Json)!;

        Assert.Equal(2, m.ShamirThreshold);
        Assert.True(m.MacOnlyEncrypted);
        Assert.Equal("3.5", m.Version);
        Assert.Equal(new EncryptionRule(EncryptionMode.UnencryptedRegex, "^x"), m.Rule);
        Assert.Equal(2, m.KeyGroups.Count);
        var kms = Assert.IsType<KmsKeyEntry>(m.KeyGroups[0][0]);
        Assert.Null(kms.Role);
        Assert.Equal([new("z", "1"), new("a", "2")], kms.Context);
        Assert.Equal(new AgeKeyEntry("age1x", "A"), m.KeyGroups[0][1]);
        Assert.Equal(["gcp_kms", "hckms", "hc_vault"], m.KeyGroups[1].Select(e => e.Type));
        Assert.Equal("vault:v1:x", m.KeyGroups[1][2].Enc);
        Assert.Equal(
            ["created_at", "enc", "engine_path", "key_name", "vault_address"],
            ((OpaqueKeyEntry)m.KeyGroups[1][2]).Fields.Select(f => f.Key));
    }

    [Fact]
    public void Flat_lists_win_over_key_groups_as_in_sops()
    {
        string json = "{\"sops\": {" + Minimal + ", \"key_groups\": [{\"age\": [{\"recipient\": \"other\", \"enc\": \"x\"}]}]}}";
        SopsMetadata m = MetadataCodec.Extract(Json(json), DocumentFormat.Json)!;
        Assert.Equal(new AgeKeyEntry("r", "e"), Assert.Single(Assert.Single(m.KeyGroups)));
    }

    [Fact]
    public void A_yaml_typed_timestamp_and_azure_entry_are_read_keeping_the_text()
    {
        var sops = new TreeMap()
            .Add("azure_kv", new TreeList([new TreeMap()
                .Add("vault_url", TreeScalar.String("https://v.vault.azure.net"))
                .Add("name", TreeScalar.String("n"))
                .Add("version", TreeScalar.String("1"))
                .Add("created_at", TreeScalar.Time("2023-01-01T00:00:00Z"))
                .Add("enc", TreeScalar.String("QQ"))]))
            .Add("lastmodified", TreeScalar.Time("2023-12-25T10:31:01Z"))
            .Add("mac", TreeScalar.String("M"))
            .Add("version", TreeScalar.String("3.7.1"));
        SopsMetadata m = MetadataCodec.Extract(new TreeDocument(new TreeMap().Add("sops", sops)), DocumentFormat.Yaml)!;

        Assert.Equal("2023-12-25T10:31:01Z", m.LastModified);
        Assert.Equal(new AzureKeyVaultEntry("https://v.vault.azure.net", "n", "1", "2023-01-01T00:00:00Z", "QQ"), m.KeyGroups[0][0]);
        Assert.Equal(EncryptionRule.Default, m.Rule);
    }

    [Fact]
    public void Field_names_match_case_insensitively_like_mapstructure()
    {
        SopsMetadata m = MetadataCodec.Extract(Json("{\"sops\": {" + Minimal.Replace("lastmodified", "LastModified", StringComparison.Ordinal) + "}}"), DocumentFormat.Json)!;
        Assert.Equal("2024-01-01T00:00:00Z", m.LastModified);
    }

    [Theory]
    [InlineData("sops_age__list_1__map_enc=x\n", "incomplete metadata list")]
    [InlineData("sops_age__list_0__map_enc=x\nsops_age__list_0__map_enc=y\n", "duplicate metadata value")]
    [InlineData("sops_age=x\nsops_age__list_0__map_enc=y\n", "type mismatch")]
    [InlineData("sops_age__list_0=x\nsops_age__map_a=y\n", "type mismatch")]
    [InlineData("sops_a__map_b__map_c__map_d__map_e__map_f__map_g__map_h__map_i__map_j__map_k__map_l__map_m__map_n__map_o__map_p__map_q=1\n", "nests too deeply")]
    public void Dotenv_metadata_that_does_not_unflatten_is_a_format_error(string env, string message)
    {
        CryptFormatException e = Assert.Throws<CryptFormatException>(() => MetadataCodec.Extract(Dotenv(env), DocumentFormat.Dotenv));
        Assert.Contains(message, e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Dotenv_metadata_lines_may_come_in_any_order_and_between_data_lines()
    {
        TreeDocument document = Dotenv("sops_version=3.7.3\na=1\nsops_age__list_0__map_recipient=r\n#c\nsops_lastmodified=2024-01-01T00:00:00Z\nsops_age__list_0__map_enc=e\\n\nsops_mac=M\n");
        SopsMetadata m = MetadataCodec.Extract(document, DocumentFormat.Dotenv)!;
        Assert.Equal(new AgeKeyEntry("r", "e\n"), m.KeyGroups[0][0]);
        Assert.Equal(["a", null], document.Branches[0].Items.Select(i => i.Key));
    }

    [Fact]
    public void Attach_refuses_data_that_uses_the_reserved_key_or_prefix()
    {
        SopsMetadata m = MetadataGoldenTests.NewMetadata();
        Assert.Throws<CryptFormatException>(() => MetadataCodec.Attach(Json("{\"sops\": 1}"), m, DocumentFormat.Json));
        Assert.Throws<CryptFormatException>(() => MetadataCodec.Attach(Dotenv("sops_x=1\n"), m, DocumentFormat.Dotenv));
        Assert.True(MetadataCodec.HasMetadataKey(Dotenv("sops_x=1\n"), DocumentFormat.Dotenv));
        Assert.False(MetadataCodec.HasMetadataKey(Dotenv("sops=1\n"), DocumentFormat.Dotenv));
        Assert.True(MetadataCodec.HasMetadataKey(Json("{\"sops\": 1}"), DocumentFormat.Binary));
    }

    [Fact]
    public void IsEncrypted_needs_both_a_version_and_a_mac()
    {
        SopsMetadata m = MetadataGoldenTests.NewMetadata();
        Assert.True(MetadataCodec.IsEncrypted(m));
        Assert.False(MetadataCodec.IsEncrypted(m with { Version = string.Empty }));
        Assert.False(MetadataCodec.IsEncrypted(m with { Mac = string.Empty }));
    }

    [Fact]
    public void Metadata_errors_never_quote_field_values()
    {
        const string Sentinel = "SENTINEL-s3cr3t";
        string[] bad =
        [
            "{\"sops\": {" + Minimal + ", \"lastmodified\": \"" + Sentinel + "\"}}",
            "{\"sops\": {" + Minimal + ", \"shamir_threshold\": \"" + Sentinel + "\"}}",
            "{\"sops\": {" + Minimal + ", \"kms\": [{\"arn\": \"a\", \"created_at\": \"" + Sentinel + "\"}]}}",
        ];
        foreach (string json in bad)
        {
            CryptFormatException e = Assert.Throws<CryptFormatException>(() => MetadataCodec.Extract(Json(json), DocumentFormat.Json));
            Assert.DoesNotContain(Sentinel, e.Message, StringComparison.Ordinal);
        }
    }

    private static TreeDocument Json(string text) => new JsonStore().ParsePlain(Encoding.UTF8.GetBytes(text));

    private static TreeDocument Dotenv(string text) => new DotenvStore().ParsePlain(Encoding.UTF8.GetBytes(text));
}

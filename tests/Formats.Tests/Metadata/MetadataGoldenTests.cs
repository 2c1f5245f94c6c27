using System.Text;
using Crypt.Crypto.KeySources;
using Crypt.Formats.Dotenv;
using Crypt.Formats.Json;
using Crypt.Formats.Metadata;
using Crypt.Formats.Stores;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Tests.Metadata;

/// <summary>Byte-exact output of attached metadata, against SOPS-written files and FORMAT.md §5.3/§5.4.</summary>
public sealed class MetadataGoldenTests
{
    private const string Armor = "-----BEGIN AGE ENCRYPTED FILE-----\nYWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSBEbGU2bjFaWWtOeXlrOHl3\n-----END AGE ENCRYPTED FILE-----\n";
    private const string Recipient = "age1deeq9quljsdstn4eqdd68uyu87vwajq7yljcsj3y96xvggvuxv2q35wq4w";
    private const string Mac = "ENC[AES256_GCM,data:bWFj,iv:aXY=,tag:dGFn,type:str]";
    private const string Value = "ENC[AES256_GCM,data:5OHzCogID5WTVZhe7LgUHg==,iv:aXY=,tag:dGFn,type:str]";

    [Fact]
    public void Dotenv_fixture_survives_Extract_Attach_Emit_byte_for_byte()
    {
        // sops 3.8.1 already wrote the flattened metadata sorted, as 3.13 does.
        byte[] original = File.ReadAllBytes(FixtureDocuments.FullPath("humphd-sops-age/secret.enc.env"));
        var store = new DotenvStore();
        TreeDocument document = store.ParseEncrypted(original);
        SopsMetadata metadata = MetadataCodec.Extract(document, DocumentFormat.Dotenv)!;
        Assert.Equal(2, document.Branches[0].Items.Count);

        MetadataCodec.Attach(document, metadata, DocumentFormat.Dotenv);

        Assert.Equal(Encoding.UTF8.GetString(original), Encoding.UTF8.GetString(store.EmitEncrypted(document, EmitOptions.Default)));
    }

    [Fact]
    public void Dotenv_metadata_in_random_order_is_rewritten_sorted_and_reads_back_the_same()
    {
        var store = new DotenvStore();
        TreeDocument document = store.ParseEncrypted(File.ReadAllBytes(FixtureDocuments.FullPath("pgp-comment-vectors/sops-nix-secrets.env")));
        SopsMetadata metadata = MetadataCodec.Extract(document, DocumentFormat.Dotenv)!;

        MetadataCodec.Attach(document, metadata, DocumentFormat.Dotenv);
        string emitted = Encoding.UTF8.GetString(store.EmitEncrypted(document, EmitOptions.Default));

        string[] keys = [.. emitted.Split('\n').Where(l => l.StartsWith("sops_", StringComparison.Ordinal)).Select(l => l[..l.IndexOf('=', StringComparison.Ordinal)])];
        Assert.Equal(
            [
                "sops_lastmodified", "sops_mac",
                "sops_pgp__list_0__map_created_at", "sops_pgp__list_0__map_enc", "sops_pgp__list_0__map_fp",
                "sops_pgp__list_1__map_created_at", "sops_pgp__list_1__map_enc", "sops_pgp__list_1__map_fp",
                "sops_unencrypted_suffix", "sops_version",
            ],
            keys);
        Assert.StartsWith("#ENC[AES256_GCM,data:TfdJsqJ9p/3tnClpyPQbfvbmYUmjryiSGA==", emitted, StringComparison.Ordinal);
        MetadataAssert.Equal(metadata, MetadataCodec.Extract(store.ParseEncrypted(Encoding.UTF8.GetBytes(emitted)), DocumentFormat.Dotenv)!);
    }

    [Fact]
    public void Json_fixture_in_the_3_9_layout_is_rewritten_in_the_3_13_sorted_layout()
    {
        var store = new JsonStore();
        byte[] original = File.ReadAllBytes(FixtureDocuments.FullPath("humphd-sops-age/secret.enc.json"));
        TreeDocument document = store.ParseEncrypted(original);
        SopsMetadata metadata = MetadataCodec.Extract(document, DocumentFormat.Json)!;

        MetadataCodec.Attach(document, metadata, DocumentFormat.Json);
        string emitted = Encoding.UTF8.GetString(store.EmitEncrypted(document, new EmitOptions(2)));

        var expected = new StringBuilder();
        string text = Encoding.UTF8.GetString(original);
        expected.Append(text[..(text.IndexOf("  \"sops\": {", StringComparison.Ordinal) + 12)]);
        expected.Append("    \"age\": [\n");
        IReadOnlyList<MasterKeyEntry> group = metadata.KeyGroups[0];
        for (int i = 0; i < group.Count; i++)
        {
            var age = (AgeKeyEntry)group[i];
            expected.Append("      {\n        \"enc\": \"").Append(age.Enc.Replace("\n", "\\n", StringComparison.Ordinal)).Append("\",\n")
                .Append("        \"recipient\": \"").Append(age.Recipient).Append("\"\n      }").Append(i + 1 < group.Count ? ",\n" : "\n");
        }

        expected.Append("    ],\n    \"lastmodified\": \"2024-12-25T09:03:17Z\",\n")
            .Append("    \"mac\": \"").Append(metadata.Mac).Append("\",\n")
            .Append("    \"unencrypted_suffix\": \"_unencrypted\",\n    \"version\": \"3.9.2\"\n  }\n}\n");
        Assert.Equal(expected.ToString(), emitted);
        MetadataAssert.Equal(metadata, MetadataCodec.Extract(store.ParseEncrypted(Encoding.UTF8.GetBytes(emitted)), DocumentFormat.Json)!);
    }

    [Fact]
    public void A_new_json_file_with_one_age_key_has_the_layout_sops_3_13_writes()
    {
        TreeDocument document = NewDocument();
        MetadataCodec.Attach(document, NewMetadata(), DocumentFormat.Json);

        string json = Encoding.UTF8.GetString(new JsonStore().EmitEncrypted(document, EmitOptions.Default));

        Assert.Equal(
            "{\n" +
            "\t\"stringData\": {\n\t\t\"username\": \"" + Value + "\"\n\t},\n" +
            "\t\"sops\": {\n" +
            "\t\t\"age\": [\n" +
            "\t\t\t{\n" +
            "\t\t\t\t\"enc\": \"-----BEGIN AGE ENCRYPTED FILE-----\\nYWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSBEbGU2bjFaWWtOeXlrOHl3\\n-----END AGE ENCRYPTED FILE-----\\n\",\n" +
            "\t\t\t\t\"recipient\": \"" + Recipient + "\"\n" +
            "\t\t\t}\n" +
            "\t\t],\n" +
            "\t\t\"encrypted_regex\": \"^(data|stringData)\",\n" +
            "\t\t\"lastmodified\": \"2026-07-30T18:26:29Z\",\n" +
            "\t\t\"mac\": \"" + Mac + "\",\n" +
            "\t\t\"version\": \"3.13.3\"\n" +
            "\t}\n" +
            "}\n",
            json);
    }

    [Fact]
    public void A_new_dotenv_file_with_one_age_key_has_the_flattened_sorted_layout()
    {
        var document = new TreeDocument(new TreeMap().Add("secret", TreeScalar.String(Value)));
        MetadataCodec.Attach(document, NewMetadata() with { Rule = EncryptionRule.Default }, DocumentFormat.Dotenv);

        string env = Encoding.UTF8.GetString(new DotenvStore().EmitEncrypted(document, EmitOptions.Default));

        Assert.Equal(
            "secret=" + Value + "\n" +
            "sops_age__list_0__map_enc=-----BEGIN AGE ENCRYPTED FILE-----\\nYWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSBEbGU2bjFaWWtOeXlrOHl3\\n-----END AGE ENCRYPTED FILE-----\\n\n" +
            "sops_age__list_0__map_recipient=" + Recipient + "\n" +
            "sops_lastmodified=2026-07-30T18:26:29Z\n" +
            "sops_mac=" + Mac + "\n" +
            "sops_unencrypted_suffix=_unencrypted\n" +
            "sops_version=3.13.3\n",
            env);
    }

    [Fact]
    public void Key_groups_are_written_with_per_group_rules_sorted_context_and_threshold()
    {
        var metadata = new SopsMetadata
        {
            KeyGroups =
            [
                [
                    new AgeKeyEntry("age1a", "A"),
                    new KmsKeyEntry("arn:aws:kms:eu-west-1:1:key/k", "arn:aws:iam::1:role/r", [new("zone", "2"), new("app", "1")], string.Empty, "2024-01-01T00:00:00Z", "Sw=="),
                ],
                [
                    new AzureKeyVaultEntry("https://v.vault.azure.net", "key", "ver", "2024-01-02T00:00:00Z", "QQ"),
                    new PgpKeyEntry("F1", "2024-01-03T00:00:00Z", "P"),
                ],
            ],
            ShamirThreshold = 2,
            LastModified = "2026-01-01T00:00:00Z",
            Mac = Mac,
            MacOnlyEncrypted = true,
            Version = "3.13.2",
        };
        var document = new TreeDocument(new TreeMap());
        MetadataCodec.Attach(document, metadata, DocumentFormat.Json);

        string json = Encoding.UTF8.GetString(new JsonStore().EmitEncrypted(document, new EmitOptions(1)));

        Assert.Equal(
            """
            {
             "sops": {
              "key_groups": [
               {
                "age": [
                 {
                  "enc": "A",
                  "recipient": "age1a"
                 }
                ],
                "hc_vault": [],
                "kms": [
                 {
                  "arn": "arn:aws:kms:eu-west-1:1:key/k",
                  "aws_profile": "",
                  "context": {
                   "app": "1",
                   "zone": "2"
                  },
                  "created_at": "2024-01-01T00:00:00Z",
                  "enc": "Sw==",
                  "role": "arn:aws:iam::1:role/r"
                 }
                ]
               },
               {
                "age": [],
                "azure_kv": [
                 {
                  "created_at": "2024-01-02T00:00:00Z",
                  "enc": "QQ",
                  "name": "key",
                  "vault_url": "https://v.vault.azure.net",
                  "version": "ver"
                 }
                ],
                "hc_vault": [],
                "pgp": [
                 {
                  "created_at": "2024-01-03T00:00:00Z",
                  "enc": "P",
                  "fp": "F1"
                 }
                ]
               }
              ],
              "lastmodified": "2026-01-01T00:00:00Z",
              "mac": "ENC[AES256_GCM,data:bWFj,iv:aXY=,tag:dGFn,type:str]",
              "mac_only_encrypted": true,
              "shamir_threshold": 2,
              "unencrypted_suffix": "_unencrypted",
              "version": "3.13.2"
             }
            }

            """,
            json);
    }

    [Fact]
    public void Key_groups_flatten_for_dotenv_and_read_back_with_weak_typing()
    {
        var metadata = new SopsMetadata
        {
            KeyGroups =
            [
                // Listed in the order sops builds a group when reading: kms before age.
                [new KmsKeyEntry("arn:k", null, [new("app", "1")], "prof", "2024-01-01T00:00:00Z", "Sw=="), new AgeKeyEntry("age1a", "A\n")],
                [new AgeKeyEntry("age1b", "B")],
            ],
            ShamirThreshold = 2,
            LastModified = "2026-01-01T00:00:00Z",
            Mac = Mac,
            MacOnlyEncrypted = true,
            Version = "3.13.2",
        };
        var document = new TreeDocument(new TreeMap().Add("k", TreeScalar.String("v")));
        MetadataCodec.Attach(document, metadata, DocumentFormat.Dotenv);
        var store = new DotenvStore();

        string env = Encoding.UTF8.GetString(store.EmitEncrypted(document, EmitOptions.Default));

        Assert.Equal(
            "k=v\n" +
            "sops_key_groups__list_0__map_age__list_0__map_enc=A\\n\n" +
            "sops_key_groups__list_0__map_age__list_0__map_recipient=age1a\n" +
            "sops_key_groups__list_0__map_kms__list_0__map_arn=arn:k\n" +
            "sops_key_groups__list_0__map_kms__list_0__map_aws_profile=prof\n" +
            "sops_key_groups__list_0__map_kms__list_0__map_context__map_app=1\n" +
            "sops_key_groups__list_0__map_kms__list_0__map_created_at=2024-01-01T00:00:00Z\n" +
            "sops_key_groups__list_0__map_kms__list_0__map_enc=Sw==\n" +
            "sops_key_groups__list_1__map_age__list_0__map_enc=B\n" +
            "sops_key_groups__list_1__map_age__list_0__map_recipient=age1b\n" +
            "sops_lastmodified=2026-01-01T00:00:00Z\n" +
            "sops_mac=" + Mac + "\n" +
            "sops_mac_only_encrypted=true\n" +
            "sops_shamir_threshold=2\n" +
            "sops_unencrypted_suffix=_unencrypted\n" +
            "sops_version=3.13.2\n",
            env);

        SopsMetadata read = MetadataCodec.Extract(store.ParseEncrypted(Encoding.UTF8.GetBytes(env)), DocumentFormat.Dotenv)!;
        MetadataAssert.Equal(metadata, read);
    }

    [Fact]
    public void The_metadata_tree_types_strings_threshold_and_flag_as_sops_does()
    {
        var document = new TreeDocument(new TreeMap());
        MetadataCodec.Attach(document, NewMetadata() with { ShamirThreshold = 3, MacOnlyEncrypted = true }, DocumentFormat.Yaml);
        var sops = (TreeMap)document.Branches[0].Get("sops")!;

        Assert.Equal(ScalarKind.String, ((TreeScalar)sops.Get("lastmodified")!).Kind);
        Assert.Equal(ScalarKind.String, ((TreeScalar)sops.Get("version")!).Kind);
        Assert.Equal(3, ((TreeScalar)sops.Get("shamir_threshold")!).Int);
        Assert.True(((TreeScalar)sops.Get("mac_only_encrypted")!).Bool);
        Assert.Equal(
            ["age", "encrypted_regex", "lastmodified", "mac", "mac_only_encrypted", "shamir_threshold", "version"],
            sops.Items.Select(i => i.Key));
    }

    [Fact]
    public void Optional_fields_are_omitted_when_unset()
    {
        var document = new TreeDocument(new TreeMap());
        SopsMetadata metadata = NewMetadata() with
        {
            KeyGroups = [[new KmsKeyEntry("arn:k", null, [], string.Empty, "2024-01-01T00:00:00Z", "Sw==")]],
        };
        MetadataCodec.Attach(document, metadata, DocumentFormat.Json);
        var sops = (TreeMap)document.Branches[0].Get("sops")!;

        Assert.Equal(["encrypted_regex", "kms", "lastmodified", "mac", "version"], sops.Items.Select(i => i.Key));
        var kms = (TreeMap)((TreeList)sops.Get("kms")!).Items[0];
        Assert.Equal(["arn", "aws_profile", "created_at", "enc"], kms.Items.Select(i => i.Key));
    }

    internal static TreeDocument NewDocument() =>
        new(new TreeMap().Add("stringData", new TreeMap().Add("username", TreeScalar.String(Value))));

    internal static SopsMetadata NewMetadata() => new()
    {
        KeyGroups = [[new AgeKeyEntry(Recipient, Armor)]],
        LastModified = "2026-07-30T18:26:29Z",
        Mac = Mac,
        Rule = new EncryptionRule(EncryptionMode.EncryptedRegex, "^(data|stringData)"),
        Version = "3.13.3",
    };
}

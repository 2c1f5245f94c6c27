using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Crypt.Crypto.KeySources;
using Crypt.Formats.Metadata;
using Crypt.Formats.Stores;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Tests.Metadata;

/// <summary>
/// Extract against every SOPS-written fixture (sops 3.6.1 … 3.13.1 layouts, plus the rops
/// re-serialised vectors). The oracle is the file text itself (regexes over the metadata block)
/// and the fixture's <c>.expected.json</c>.
/// </summary>
public sealed class MetadataFixtureTests
{
    public static TheoryData<string> Fixtures => new(FixtureDocuments.All());

    [Fact]
    public void The_fixture_list_covers_every_format_and_folder()
    {
        string[] all = [.. FixtureDocuments.All()];
        Assert.Equal(19, all.Length);
        Assert.Contains(all, p => p.EndsWith(".json", StringComparison.Ordinal));
        Assert.Equal(2, all.Count(p => p.EndsWith(".env", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Extract_reads_the_metadata_of_every_fixture(string fixture)
    {
        DocumentFormat format = FixtureDocuments.FormatOf(fixture);
        TreeDocument document = FixtureDocuments.Load(fixture);
        string text = FixtureDocuments.MetadataText(fixture);

        SopsMetadata metadata = MetadataCodec.Extract(document, format)!;

        Assert.NotNull(metadata);
        Assert.False(MetadataCodec.HasMetadataKey(document, format));
        Assert.Equal(Field(text, format, "lastmodified"), metadata.LastModified);
        Assert.Equal(Field(text, format, "mac_only_encrypted") == "true", metadata.MacOnlyEncrypted);

        // The negative (tampered) fixture has no expected file; every other one does.
        string expectedPath = FixtureDocuments.FullPath(fixture) + ".expected.json";
        Assert.Equal(!fixture.Contains("negative", StringComparison.Ordinal), File.Exists(expectedPath));
        if (File.Exists(expectedPath))
        {
            using JsonDocument expected = JsonDocument.Parse(File.ReadAllBytes(expectedPath));
            Assert.Equal(expected.RootElement.GetProperty("lastmodified").GetString(), metadata.LastModified);
            Assert.Equal(expected.RootElement.GetProperty("mac_only_encrypted").GetBoolean(), metadata.MacOnlyEncrypted);
        }
        Assert.Equal(Field(text, format, "mac"), metadata.Mac);
        Assert.StartsWith("ENC[AES256_GCM,data:", metadata.Mac, StringComparison.Ordinal);
        Assert.Equal(Field(text, format, "version"), metadata.Version);
        Assert.Equal(ExpectedRule(text, format), metadata.Rule);

        IReadOnlyList<MasterKeyEntry> group = Assert.Single(metadata.KeyGroups);
        Assert.Equal(ListField(text, format, "age", "recipient"), group.OfType<AgeKeyEntry>().Select(a => a.Recipient));
        Assert.Equal(ListField(text, format, "pgp", "fp"), group.OfType<PgpKeyEntry>().Select(p => p.Fingerprint));
        Assert.Equal(group.Count, ListField(text, format, "age", "recipient").Count + ListField(text, format, "pgp", "fp").Count);
        foreach (AgeKeyEntry age in group.OfType<AgeKeyEntry>())
        {
            Assert.StartsWith("-----BEGIN AGE ENCRYPTED FILE-----\n", age.Enc, StringComparison.Ordinal);
            Assert.EndsWith("\n-----END AGE ENCRYPTED FILE-----\n", age.Enc, StringComparison.Ordinal);
        }

        foreach (PgpKeyEntry pgp in group.OfType<PgpKeyEntry>())
        {
            // The text helper returns YAML scalars as written, quotes included.
            Assert.Equal(ListField(text, format, "pgp", "created_at")[group.OfType<PgpKeyEntry>().ToList().IndexOf(pgp)].Trim('\'', '"'), pgp.CreatedAt);
            Assert.StartsWith("-----BEGIN PGP MESSAGE-----\n", pgp.Enc, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Attach_then_Extract_gives_back_the_same_metadata_for_every_fixture(string fixture)
    {
        DocumentFormat format = FixtureDocuments.FormatOf(fixture);
        TreeDocument document = FixtureDocuments.Load(fixture);
        SopsMetadata original = MetadataCodec.Extract(document, format)!;

        MetadataCodec.Attach(document, original, format);
        if (format == DocumentFormat.Dotenv)
        {
            string[] keys = [.. document.Branches[0].Items.Select(i => i.Key).OfType<string>().Where(k => k.StartsWith("sops_", StringComparison.Ordinal))];
            Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
        }
        else
        {
            Assert.Equal("sops", document.Branches[0].Items[^1].Key);
            AssertSortedEverywhere(document.Branches[0].Items[^1].Value);
        }

        SopsMetadata again = MetadataCodec.Extract(document, format)!;

        MetadataAssert.Equal(original, again);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Version_validation_accepts_sops_files_and_reports_the_missing_version_of_rops_vectors(string fixture)
    {
        SopsMetadata metadata = MetadataCodec.Extract(FixtureDocuments.Load(fixture), FixtureDocuments.FormatOf(fixture))!;
        if (fixture.StartsWith("rops-", StringComparison.Ordinal))
        {
            var e = Assert.Throws<Crypt.Crypto.Errors.CryptFormatException>(() => MetadataRules.Validate(metadata));
            Assert.Contains("missing version", e.Detail, StringComparison.Ordinal);
        }
        else
        {
            MetadataRules.Validate(metadata);
            Assert.True(MetadataCodec.IsEncrypted(metadata));
        }
    }

    // The sops 3.13 layout: every map's keys in ordinal order, at every level.
    private static void AssertSortedEverywhere(TreeNode node)
    {
        switch (node)
        {
            case TreeMap map:
                string[] keys = [.. map.Items.Select(i => i.Key!)];
                Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
                foreach (TreeMapItem item in map.Items)
                {
                    AssertSortedEverywhere(item.Value);
                }

                break;
            case TreeList list:
                list.Items.ForEach(AssertSortedEverywhere);
                break;
            default:
                break;
        }
    }

    private static string Field(string text, DocumentFormat format, string name)
    {
        string pattern = format switch
        {
            DocumentFormat.Json => $"\n\\s*\"{name}\": \"([^\"]*)\"",
            DocumentFormat.Dotenv => $"(?m)^sops_{name}=(.*)$",
            _ => $"\n\\s*{name}: ['\"]?([^'\"\n]*)",
        };
        Match m = Regex.Match(text, pattern);
        return m.Success ? m.Groups[1].Value : string.Empty;
    }

    private static EncryptionRule ExpectedRule(string text, DocumentFormat format)
    {
        foreach (EncryptionMode mode in Enum.GetValues<EncryptionMode>())
        {
            var rule = new EncryptionRule(mode, string.Empty);
            string value = Field(text, format, rule.FieldName);
            if (value.Length > 0)
            {
                return rule with { Value = value };
            }
        }

        return EncryptionRule.Default;
    }

    private static List<string> ListField(string text, DocumentFormat format, string type, string field)
    {
        if (format == DocumentFormat.Dotenv)
        {
            return Regex.Matches(text, $"(?m)^sops_{type}__list_([0-9]+)__map_{field}=(.*)$")
                .OrderBy(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
                .Select(m => m.Groups[2].Value)
                .ToList();
        }

        // Nested formats: the entries of the list, found between the list key and the next top-level key.
        string pattern = format == DocumentFormat.Json ? $"\"{type}\": \\[" : $"\n\\s*{type}:\\s*\n";
        Match list = Regex.Match(text, pattern);
        if (!list.Success)
        {
            return [];
        }

        string rest = text[(list.Index + list.Length)..];
        string fieldPattern = format == DocumentFormat.Json ? $"\"{field}\": \"([^\"]*)\"" : $"(?m)^[ -]*{field}: (\\S+)";
        var result = new List<string>();
        var sb = new StringBuilder();
        foreach (string line in rest.Split('\n'))
        {
            // Stop at the next metadata key of the same level as the list key.
            if (format != DocumentFormat.Json && Regex.IsMatch(line, "^ {2,4}[a-z_]+:") && !Regex.IsMatch(line, "^ {2,4}- "))
            {
                break;
            }

            if (format == DocumentFormat.Json && line.TrimStart().StartsWith(']'))
            {
                break;
            }

            Match m = Regex.Match(line, fieldPattern);
            if (m.Success)
            {
                result.Add(m.Groups[1].Value);
            }
        }

        return result;
    }
}

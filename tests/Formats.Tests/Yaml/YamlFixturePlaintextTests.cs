using System.Globalization;
using System.Text.Json;
using Crypt.Formats.Tree;
using Crypt.Tests;

namespace Crypt.Formats.Tests.Yaml;

/// <summary>
/// The plaintext YAML fixtures parse to the trees the research decryptor recorded in each
/// <c>.expected.json</c> (<c>documents</c>: keys, order, values; comments as <c>"#text": null</c>),
/// and every leaf gets the SOPS type recorded in <c>leaves_in_order</c>.
/// </summary>
public sealed class YamlFixturePlaintextTests
{
    public static TheoryData<string, string> PlainFiles => new()
    {
        { "terragrunt-tests-issue-2103/file.plain.yaml", "terragrunt-tests-issue-2103/file.enc.yaml.expected.json" },
        { "pgp-comment-vectors/getsops-comments.plain.yaml", "pgp-comment-vectors/getsops-comments.enc.yaml.expected.json" },
        { "sops-secrets-operator/03-raw-test-secrets-enforce-ownership.yaml", "sops-secrets-operator/03-test-secrets-enforce-ownership.yaml.expected.json" },
        { "sops-secrets-operator/04-raw-test-secrets-mac-only.yaml", "sops-secrets-operator/04-test-secrets-mac-only.yaml.expected.json" },
        { "rops-sops-references/age_example_plaintext.yaml", "rops-sops-references/age_example.yaml.expected.json" },
        { "rops-sops-references/age_empty_value_plaintext.yaml", "rops-sops-references/age_empty_value.yaml.expected.json" },
        { "rops-sops-references/age_encrypted_regex_plaintext.yaml", "rops-sops-references/age_encrypted_regex.yaml.expected.json" },
        { "rops-sops-references/age_encrypted_suffix_plaintext.yaml", "rops-sops-references/age_encrypted_suffix.yaml.expected.json" },
        { "rops-sops-references/age_mac_only_encrypted_plaintext.yaml", "rops-sops-references/age_mac_only_encrypted.yaml.expected.json" },
        { "rops-sops-references/age_unencrypted_regex_plaintext.yaml", "rops-sops-references/age_unencrypted_regex.yaml.expected.json" },
        { "rops-sops-references/age_unencrypted_suffix_plaintext.yaml", "rops-sops-references/age_unencrypted_suffix.yaml.expected.json" },
    };

    [Theory]
    [MemberData(nameof(PlainFiles))]
    public void A_plaintext_fixture_parses_to_the_recorded_documents(string plain, string expectedJson)
    {
        TreeDocument doc = YamlTestTrees.Parse(File.ReadAllText(Path.Combine(SharedPaths.SopsFixtures, plain)));
        using JsonDocument expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(SharedPaths.SopsFixtures, expectedJson)));

        JsonElement documents = expected.RootElement.GetProperty("documents");
        Assert.Equal(documents.GetArrayLength(), doc.Branches.Count);
        for (int i = 0; i < doc.Branches.Count; i++)
        {
            AssertSame(documents[i], doc.Branches[i], "");
        }

        // Comments, with the AAD SOPS opened them with: the path of the enclosing map or list.
        if (expected.RootElement.TryGetProperty("comments", out JsonElement comments))
        {
            var found = new List<(string, string)>();
            foreach (TreeMap branch in doc.Branches)
            {
                CollectComments(branch, ":", found);
            }

            Assert.Equal(comments.EnumerateArray().Select(c => (c.GetProperty("aad").GetString()!, c.GetProperty("plaintext").GetString()!)), found);
        }
    }

    private static void CollectComments(TreeNode node, string aad, List<(string, string)> found)
    {
        string prefix = aad == ":" ? "" : aad;
        switch (node)
        {
            case TreeMap m:
                foreach (TreeMapItem item in m.Items)
                {
                    if (item.Value is TreeComment c)
                    {
                        found.Add((aad, c.Text));
                    }
                    else
                    {
                        CollectComments(item.Value, prefix + item.Key + ":", found);
                    }
                }

                break;
            case TreeList l:
                foreach (TreeNode item in l.Items)
                {
                    if (item is TreeComment c)
                    {
                        found.Add((aad, c.Text));
                    }
                    else
                    {
                        CollectComments(item, aad, found);
                    }
                }

                break;
        }
    }

    /// <summary>
    /// Also the raw 00 input: its encrypted twin was made after a shell turned <c>$$</c> into a
    /// PID, so its values differ, but its shape and types do not.
    /// </summary>
    public static TheoryData<string, string> TypedFiles
    {
        get
        {
            TheoryData<string, string> rows = PlainFiles;
            rows.Add("sops-secrets-operator/00-raw-test-secrets.yaml", "sops-secrets-operator/00-test-secrets.yaml.expected.json");
            return rows;
        }
    }

    [Theory]
    [MemberData(nameof(TypedFiles))]
    public void Every_leaf_of_a_plaintext_fixture_gets_the_type_sops_recorded(string plain, string expectedJson)
    {
        TreeDocument doc = YamlTestTrees.Parse(File.ReadAllText(Path.Combine(SharedPaths.SopsFixtures, plain)));
        using JsonDocument expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(SharedPaths.SopsFixtures, expectedJson)));

        var leaves = new List<(string Aad, string Type)>();
        foreach (TreeMap branch in doc.Branches)
        {
            Walk(branch, "", leaves);
        }

        var recorded = expected.RootElement.GetProperty("leaves_in_order").EnumerateArray()
            .Select(l => (Aad: l.GetProperty("aad").GetString()!, Type: l.GetProperty("type").GetString()!)).ToList();
        Assert.Equal(recorded.Select(r => r.Aad), leaves.Select(l => l.Aad));
        for (int i = 0; i < recorded.Count; i++)
        {
            if (recorded[i].Type != "unencrypted")
            {
                Assert.Equal(recorded[i].Type, leaves[i].Type);
            }
        }
    }

    [Theory]
    [InlineData("sops-nix/secrets.yaml.expected.json", "sops-nix/secrets.yaml")]
    [InlineData("helm-secrets/secrets.age.yaml.expected.json", "helm-secrets/secrets.age.yaml")]
    [InlineData("humphd-sops-age/secret.enc.yaml.expected.json", "humphd-sops-age/secret.enc.yaml")]
    public void Recorded_plaintexts_written_by_the_store_parse_back_to_the_same_tree(string expectedJson, string encrypted)
    {
        // No plaintext YAML is published for these; the encrypted file fixes keys and order,
        // the JSON the values. Build the tree from JSON, write it, read it back.
        using JsonDocument expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(SharedPaths.SopsFixtures, expectedJson)));
        TreeMap fromJson = FromJson(expected.RootElement.GetProperty("documents")[0]);
        string written = YamlTestTrees.Emit(new TreeDocument(fromJson));
        TreeDocument reread = YamlTestTrees.Parse(written);
        TreeDocument enc = YamlTestTrees.Parse(File.ReadAllText(Path.Combine(SharedPaths.SopsFixtures, encrypted)));

        Assert.Equal(YamlTestTrees.Describe(fromJson), YamlTestTrees.Describe(reread.Branches[0]));
        Assert.Equal(enc.Branches[0].Items.Where(i => i.Key != "sops").Select(i => i.Key), reread.Branches[0].Items.Select(i => i.Key));
    }

    [Theory]
    [InlineData("rops-sops-references/age_example.yaml")]
    [InlineData("rops-sops-references/age_empty_value.yaml")]
    [InlineData("rops-sops-references/age_mac_only_encrypted.yaml")]
    public void Rops_written_files_parse_but_are_not_sops_layout(string file)
    {
        // rops writes unindented sequences ("key:\n- x") and an unquoted lastmodified, which
        // go-yaml (and so sops and Crypt) write as "key:\n  - x" and "\"…\"": not byte-identical.
        string text = File.ReadAllText(Path.Combine(SharedPaths.SopsFixtures, file));
        TreeDocument doc = YamlTestTrees.Parse(text);

        TreeMap sops = (TreeMap)doc.Branches[0].Get("sops")!;
        Assert.Equal(ScalarKind.Time, ((TreeScalar)sops.Get("lastmodified")!).Kind);
        string written = YamlTestTrees.Emit(doc, 2);
        Assert.NotEqual(text, written);
        Assert.Equal(YamlTestTrees.Describe(doc), YamlTestTrees.Describe(YamlTestTrees.Parse(written)));
    }

    private static void Walk(TreeNode node, string path, List<(string, string)> leaves)
    {
        switch (node)
        {
            case TreeMap m:
                foreach (TreeMapItem item in m.Items.Where(i => !i.IsComment))
                {
                    Walk(item.Value, path + item.Key + ":", leaves);
                }

                break;
            case TreeList l:
                foreach (TreeNode item in l.Items.Where(i => i is not TreeComment))
                {
                    Walk(item, path, leaves);
                }

                break;
            case TreeScalar s when s.Kind != ScalarKind.Null && !(s.Kind == ScalarKind.String && s.Text.Length == 0):
                leaves.Add((path, s.Kind switch
                {
                    ScalarKind.String => "str",
                    ScalarKind.Int => "int",
                    ScalarKind.Float => "float",
                    ScalarKind.Bool => "bool",
                    _ => "time",
                }));
                break;
        }
    }

    private static void AssertSame(JsonElement expected, TreeNode actual, string path)
    {
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                TreeMap map = Assert.IsType<TreeMap>(actual);
                var names = expected.EnumerateObject().Select(p => p.Name).ToList();
                var keys = map.Items.Where(i => !i.IsComment || names.Any(n => n.StartsWith('#')))
                    .Select(i => i.IsComment ? "#" + ((TreeComment)i.Value).Text : i.Key!).ToList();
                Assert.Equal(names, keys);
                foreach (JsonProperty p in expected.EnumerateObject().Where(p => !p.Name.StartsWith('#')))
                {
                    AssertSame(p.Value, map.Get(p.Name)!, path + p.Name + ":");
                }

                break;
            case JsonValueKind.Array:
                TreeList list = Assert.IsType<TreeList>(actual);
                var items = list.Items.Where(i => i is not TreeComment).ToList();
                Assert.Equal(expected.GetArrayLength(), items.Count);
                for (int i = 0; i < items.Count; i++)
                {
                    AssertSame(expected[i], items[i], path);
                }

                break;
            default:
                Assert.Equal(Describe(expected), YamlTestTrees.Describe(actual));
                break;
        }
    }

    private static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => "str:" + e.GetString(),
        JsonValueKind.True => "bool:true",
        JsonValueKind.False => "bool:false",
        JsonValueKind.Null => "null",
        _ => e.TryGetInt64(out long l) && !e.GetRawText().Contains('.', StringComparison.Ordinal)
            ? "int:" + l.ToString(CultureInfo.InvariantCulture)
            : "float:" + e.GetDouble().ToString("R", CultureInfo.InvariantCulture),
    };

    private static TreeMap FromJson(JsonElement e)
    {
        var map = new TreeMap();
        foreach (JsonProperty p in e.EnumerateObject())
        {
            map.Add(p.Name, FromJsonValue(p.Value));
        }

        return map;
    }

    private static TreeNode FromJsonValue(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => FromJson(e),
        JsonValueKind.Array => new TreeList([.. e.EnumerateArray().Select(FromJsonValue)]),
        JsonValueKind.String => TreeScalar.String(e.GetString()!),
        JsonValueKind.True => TreeScalar.Boolean(true),
        JsonValueKind.False => TreeScalar.Boolean(false),
        JsonValueKind.Null => TreeScalar.Null,
        _ => e.TryGetInt64(out long l) && !e.GetRawText().Contains('.', StringComparison.Ordinal) ? TreeScalar.Integer(l) : TreeScalar.FloatingPoint(e.GetDouble()),
    };
}

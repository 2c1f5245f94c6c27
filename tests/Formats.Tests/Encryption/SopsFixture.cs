using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Crypt.Crypto.Keys;
using Crypt.Formats.GoCompat;
using Crypt.Formats.Metadata;
using Crypt.Formats.Tree;
using Crypt.Tests;

namespace Crypt.Formats.Tests.Encryption;

/// <summary>
/// One SOPS-written fixture and its <c>.expected.json</c>, read without any store: the
/// <c>ENC[...]</c> strings are pulled out of the file line by line (their order in the file is
/// the walk order), the selection rule from its metadata line, the rest from the JSON.
/// </summary>
internal sealed partial class SopsFixture
{
    private SopsFixture(string name, JsonElement expected, string fileText)
    {
        Name = name;
        Expected = expected;
        List<string> values = [];
        List<string> comments = [];
        foreach (string line in fileText.Split('\n'))
        {
            Match enc = EncPattern().Match(line);
            if (!enc.Success)
            {
                continue;
            }

            if (MacLine().IsMatch(line))
            {
                Mac = enc.Value;
            }
            else if (enc.Value.EndsWith("type:comment]", StringComparison.Ordinal))
            {
                comments.Add(enc.Value);
            }
            else
            {
                values.Add(enc.Value);
            }
        }

        EncryptedValues = values;
        EncryptedComments = comments;
        Match rule = RuleLine().Match(fileText);
        Rule = rule.Success ? new EncryptionRule(ModeOf(rule.Groups["name"].Value), rule.Groups["value"].Value.Trim()) : EncryptionRule.Default;
    }

    public string Name { get; }

    public JsonElement Expected { get; }

    public IReadOnlyList<string> EncryptedValues { get; }

    public IReadOnlyList<string> EncryptedComments { get; }

    public string Mac { get; } = "";

    public EncryptionRule Rule { get; }

    public string LastModified => Expected.GetProperty("lastmodified").GetString()!;

    public string MacPlaintext => Expected.GetProperty("mac_plaintext").GetString()!;

    public bool MacOnlyEncrypted => Expected.GetProperty("mac_only_encrypted").GetBoolean();

    public IEnumerable<(string Aad, string Type, string Plaintext)> Leaves =>
        Expected.GetProperty("leaves_in_order").EnumerateArray()
            .Select(l => (l.GetProperty("aad").GetString()!, l.GetProperty("type").GetString()!, Canonical(l.GetProperty("plaintext"))));

    public IEnumerable<(string Aad, string Plaintext)> Comments =>
        Expected.GetProperty("comments").EnumerateArray()
            .Select(c => (c.GetProperty("aad").GetString()!, c.GetProperty("plaintext").GetString()!));

    public static TheoryData<string> Names
    {
        get
        {
            TheoryData<string> names = [];
            foreach (string path in Directory.GetFiles(SharedPaths.SopsFixtures, "*.expected.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                names.Add(Path.GetRelativePath(SharedPaths.SopsFixtures, path)[..^".expected.json".Length]);
            }

            return names;
        }
    }

    public static SopsFixture Load(string name)
    {
        string file = Path.Combine(SharedPaths.SopsFixtures, name);
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(file + ".expected.json"));
        return new SopsFixture(name, json.RootElement.Clone(), File.ReadAllText(file));
    }

    public DataKey DataKey() => Crypto.Keys.DataKey.FromBytes(Convert.FromHexString(Expected.GetProperty("data_key_hex").GetString()!));

    public SopsMetadata Metadata() => new()
    {
        KeyGroups = [],
        LastModified = LastModified,
        Mac = Mac,
        Rule = Rule,
        MacOnlyEncrypted = MacOnlyEncrypted,
        Version = "3.7.1",
    };

    /// <summary>
    /// The expected plaintext tree, from <c>documents</c>; when <paramref name="encrypted"/>,
    /// every leaf the fixture lists as encrypted is replaced by the next ENC string of the file.
    /// </summary>
    public TreeDocument Tree(bool encrypted)
    {
        using IEnumerator<(string Aad, string Type, string Plaintext)> leaves = Leaves.GetEnumerator();
        Queue<string> values = new(EncryptedValues);
        Queue<string> comments = new(EncryptedComments);
        List<TreeMap> branches = [];
        foreach (JsonElement document in Expected.GetProperty("documents").EnumerateArray())
        {
            branches.Add((TreeMap)Node(document, leaves, values, comments, encrypted));
        }

        return new TreeDocument(branches);
    }

    private TreeNode Node(JsonElement element, IEnumerator<(string Aad, string Type, string Plaintext)> leaves, Queue<string> values, Queue<string> comments, bool encrypted)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                TreeMap map = new();
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    if (property.Name.StartsWith('#') && property.Value.ValueKind == JsonValueKind.Null)
                    {
                        map.AddComment(new TreeComment(encrypted && comments.Count > 0 ? comments.Dequeue() : property.Name[1..]));
                    }
                    else
                    {
                        map.Add(property.Name, Node(property.Value, leaves, values, comments, encrypted));
                    }
                }

                return map;
            case JsonValueKind.Array:
                return new TreeList([.. element.EnumerateArray().Select(e => Node(e, leaves, values, comments, encrypted))]);
            case JsonValueKind.Null:
                return TreeScalar.Null;
            case JsonValueKind.String when element.GetString()!.Length == 0:
                return TreeScalar.String("");
            default:
                Assert.True(leaves.MoveNext(), $"{Name}: more leaves in documents than in leaves_in_order");
                string type = leaves.Current.Type;
                if (encrypted && type != "unencrypted")
                {
                    return TreeScalar.String(values.Dequeue());
                }

                return element.ValueKind switch
                {
                    JsonValueKind.True => TreeScalar.Boolean(true),
                    JsonValueKind.False => TreeScalar.Boolean(false),
                    JsonValueKind.Number when type == "float" || (type == "unencrypted" && element.GetRawText().IndexOfAny(['.', 'e', 'E']) >= 0)
                        => TreeScalar.FloatingPoint(element.GetDouble()),
                    JsonValueKind.Number => TreeScalar.Integer(long.Parse(element.GetRawText(), CultureInfo.InvariantCulture)),
                    _ => TreeScalar.String(element.GetString()!),
                };
        }
    }

    /// <summary>Clear leaves are listed as JSON values: turn them into SOPS's MAC bytes.</summary>
    private static string Canonical(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        JsonValueKind.Number when value.TryGetInt64(out long integer) => integer.ToString(CultureInfo.InvariantCulture),
        JsonValueKind.Number => GoFloat.Format(value.GetDouble(), 'f'),
        _ => throw new InvalidOperationException($"unexpected leaf {value.ValueKind}"),
    };

    private static EncryptionMode ModeOf(string name) => name switch
    {
        "unencrypted_suffix" => EncryptionMode.UnencryptedSuffix,
        "encrypted_suffix" => EncryptionMode.EncryptedSuffix,
        "unencrypted_regex" => EncryptionMode.UnencryptedRegex,
        "encrypted_regex" => EncryptionMode.EncryptedRegex,
        "unencrypted_comment_regex" => EncryptionMode.UnencryptedCommentRegex,
        _ => EncryptionMode.EncryptedCommentRegex,
    };

    [GeneratedRegex(@"ENC\[AES256_GCM,[^\]]*\]")]
    private static partial Regex EncPattern();

    [GeneratedRegex(@"(^|[\s""_])mac""?\s*[:=]")]
    private static partial Regex MacLine();

    [GeneratedRegex(@"(?m)^\s*""?(sops_)?(?<name>(un)?encrypted_(comment_)?(suffix|regex))""?\s*[:=]\s*""?(?<value>[^""\r\n]*)""?,?\s*$")]
    private static partial Regex RuleLine();
}

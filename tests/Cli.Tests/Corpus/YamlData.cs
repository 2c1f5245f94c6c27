using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Tokens;
using YamlDotNet.RepresentationModel;

namespace Crypt.Cli.Tests.Corpus;

/// <summary>
/// YAML read by an independent reader (YamlDotNet's representation model and scanner, a
/// test-only use, not Crypt's reader): every document as data with aliases and merge keys
/// resolved and plain scalars typed as go-yaml v3 types them (go-yaml v3 resolve.go), and every
/// comment with its nesting level.
/// </summary>
internal static partial class YamlData
{
    private const int MaxDepth = 256;

    /// <summary>One line per leaf, <c>path = type:value</c>, documents separated.</summary>
    public static string Dump(byte[] bytes)
    {
        YamlStream stream = [];
        stream.Load(new StringReader(Text(bytes)));
        StringBuilder dump = new();
        for (int i = 0; i < stream.Documents.Count; i++)
        {
            dump.Append("--- document ").Append(i).Append('\n');
            Write(dump, string.Empty, stream.Documents[i].RootNode, 0);
        }

        return dump.ToString();
    }

    /// <summary>Every scalar value (not key) with its path, outside the top-level <c>sops</c> key.</summary>
    public static IEnumerable<(string Path, string Value, bool NullOrEmpty)> Leaves(byte[] bytes)
    {
        YamlStream stream = [];
        stream.Load(new StringReader(Text(bytes)));
        List<(string, string, bool)> leaves = [];
        foreach (YamlDocument document in stream.Documents)
        {
            if (document.RootNode is YamlMappingNode root)
            {
                foreach ((YamlNode key, YamlNode value) in root.Children)
                {
                    if (key is YamlScalarNode { Value: "sops" })
                    {
                        continue;
                    }

                    Collect(leaves, "/" + KeyText(key), value, 0);
                }
            }
        }

        return leaves;
    }

    /// <summary>
    /// Comments in order. The level counts the enclosing block-mapping key columns at or left
    /// of the comment's column, so re-indenting (go-yaml writes 4 spaces) keeps it, while a
    /// nested comment written at column 0 changes it.
    /// </summary>
    public static List<CommentLine> Comments(byte[] bytes)
    {
        List<CommentLine> comments = [];
        List<long> keyColumns = [];
        int flow = 0;
        long lastLine = -1;
        Scanner scanner = new(new StringReader(Text(bytes)), skipComments: false);
        while (scanner.MoveNext())
        {
            Token token = scanner.Current!;
            switch (token)
            {
                case Comment comment:
                    comments.Add(new CommentLine(comment.Value.TrimEnd(), keyColumns.Count(c => c <= comment.Start.Column), comment.IsInline));
                    continue;
                case StreamStart or StreamEnd or BlockEnd or BlockMappingStart or BlockSequenceStart:
                    continue;
                case DocumentStart or DocumentEnd:
                    keyColumns.Clear();
                    continue;
            }

            if (token.Start.Line != lastLine && flow == 0)
            {
                lastLine = token.Start.Line;
                keyColumns.RemoveAll(c => c > token.Start.Column);
            }

            if (token is Key && flow == 0)
            {
                keyColumns.RemoveAll(c => c > token.Start.Column);
                if (keyColumns.Count == 0 || keyColumns[^1] != token.Start.Column)
                {
                    keyColumns.Add(token.Start.Column);
                }
            }

            flow += token switch
            {
                FlowMappingStart or FlowSequenceStart => 1,
                FlowMappingEnd or FlowSequenceEnd => -1,
                _ => 0,
            };
        }

        return comments;
    }

    private static string Text(byte[] bytes) => new UTF8Encoding(false, true).GetString(LineEndings.Plain(bytes));

    private static void Write(StringBuilder dump, string path, YamlNode node, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidDataException($"{path}: nested deeper than {MaxDepth} (a recursive alias?)");
        }

        switch (node)
        {
            case YamlScalarNode scalar:
                dump.Append(path).Append(" = ").Append(Resolve(scalar)).Append('\n');
                break;
            case YamlSequenceNode sequence when sequence.Children.Count == 0:
                dump.Append(path).Append(" = []\n");
                break;
            case YamlSequenceNode sequence:
                for (int i = 0; i < sequence.Children.Count; i++)
                {
                    Write(dump, $"{path}[{i}]", sequence.Children[i], depth + 1);
                }

                break;
            case YamlMappingNode mapping:
                List<(string Key, YamlNode Value)> entries = Merged(mapping, depth);
                if (entries.Count == 0)
                {
                    dump.Append(path).Append(" = {}\n");
                }

                foreach ((string key, YamlNode value) in entries)
                {
                    Write(dump, path + "/" + key, value, depth + 1);
                }

                break;
        }
    }

    /// <summary>The mapping with its <c>&lt;&lt;</c> keys resolved: explicit keys win, the merged ones take the merge key's place.</summary>
    private static List<(string Key, YamlNode Value)> Merged(YamlMappingNode mapping, int depth)
    {
        HashSet<string> explicitKeys = [.. mapping.Children.Where(e => !IsMergeKey(e.Key)).Select(e => KeyText(e.Key))];
        List<(string, YamlNode)> result = [];
        HashSet<string> seen = new(StringComparer.Ordinal);
        foreach ((YamlNode key, YamlNode value) in mapping.Children)
        {
            if (!IsMergeKey(key))
            {
                result.Add((KeyText(key), value));
                continue;
            }

            IEnumerable<YamlNode> sources = value is YamlSequenceNode many ? many.Children : [value];
            foreach (YamlMappingNode source in sources.OfType<YamlMappingNode>())
            {
                foreach ((string mergedKey, YamlNode mergedValue) in Merged(source, depth + 1))
                {
                    if (!explicitKeys.Contains(mergedKey) && seen.Add(mergedKey))
                    {
                        result.Add((mergedKey, mergedValue));
                    }
                }
            }
        }

        return result;
    }

    private static bool IsMergeKey(YamlNode key) =>
        key is YamlScalarNode { Value: "<<" } scalar && scalar.Style is ScalarStyle.Plain or ScalarStyle.Any
        && (scalar.Tag.IsEmpty || scalar.Tag.Value == "tag:yaml.org,2002:merge");

    private static string KeyText(YamlNode key) => key is YamlScalarNode scalar ? scalar.Value ?? string.Empty : "?" + key.NodeType;

    private static void Collect(List<(string, string, bool)> leaves, string path, YamlNode node, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidDataException($"{path}: nested deeper than {MaxDepth}");
        }

        switch (node)
        {
            case YamlScalarNode scalar:
                string resolved = Resolve(scalar);
                leaves.Add((path, scalar.Value ?? string.Empty, resolved is "null" or "str:"));
                break;
            case YamlSequenceNode sequence:
                for (int i = 0; i < sequence.Children.Count; i++)
                {
                    Collect(leaves, $"{path}[{i}]", sequence.Children[i], depth + 1);
                }

                break;
            case YamlMappingNode mapping:
                foreach ((YamlNode key, YamlNode value) in mapping.Children)
                {
                    Collect(leaves, path + "/" + KeyText(key), value, depth + 1);
                }

                break;
        }
    }

    /// <summary>A scalar's go-yaml v3 type and value (go-yaml v3 resolve.go resolve: plain scalars only).</summary>
    private static string Resolve(YamlScalarNode scalar)
    {
        string value = scalar.Value ?? string.Empty;
        string tag = scalar.Tag.IsEmpty ? string.Empty : scalar.Tag.Value;
        if (tag is "!" or "tag:yaml.org,2002:str" || scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return "str:" + value;
        }

        if (value is "" or "~" or "null" or "Null" or "NULL")
        {
            return "null";
        }

        if (value is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return "bool:" + value.ToLowerInvariant();
        }

        string plain = value.Replace("_", string.Empty, StringComparison.Ordinal);
        if (ParseGoInt(plain) is BigInteger integer)
        {
            return "int:" + integer.ToString(CultureInfo.InvariantCulture);
        }

        if (YamlFloat().IsMatch(plain) && double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out double number))
        {
            return "float:" + number.ToString("R", CultureInfo.InvariantCulture);
        }

        return value switch
        {
            ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" => "float:inf",
            "-.inf" or "-.Inf" or "-.INF" => "float:-inf",
            ".nan" or ".NaN" or ".NAN" => "float:nan",
            _ => "str:" + value,
        };
    }

    /// <summary>Go's strconv.ParseInt(s, 0, 64) / ParseUint: sign, 0x/0o/0b prefixes, a leading 0 is octal.</summary>
    private static BigInteger? ParseGoInt(string text)
    {
        Match m = GoInt().Match(text);
        if (!m.Success)
        {
            return null;
        }

        string digits = m.Groups["digits"].Value;
        int radix = m.Groups["prefix"].Value.ToLowerInvariant() switch
        {
            "0x" => 16,
            "0o" => 8,
            "0b" => 2,
            _ => digits.Length > 1 && digits[0] == '0' ? 8 : 10,
        };
        BigInteger result = BigInteger.Zero;
        foreach (char c in digits)
        {
            int digit = Convert.ToInt32(c.ToString(), 16);
            if (digit >= radix)
            {
                return null;
            }

            result = (result * radix) + digit;
        }

        result = m.Groups["sign"].Value == "-" ? -result : result;
        return result >= long.MinValue && result <= ulong.MaxValue ? result : null;
    }

    [GeneratedRegex(@"^(?<sign>[-+]?)(?:(?<prefix>0[xX])(?<digits>[0-9a-fA-F]+)|(?<prefix>0[oO])(?<digits>[0-7]+)|(?<prefix>0[bB])(?<digits>[01]+)|(?<digits>[0-9]+))$")]
    private static partial Regex GoInt();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex YamlFloat();
}

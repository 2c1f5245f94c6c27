using System.Text;
using Crypt.Formats.Yaml.Parsing;
using Crypt.Tests;

namespace Crypt.Formats.Tests.Yaml.Parsing;

/// <summary>
/// The yaml-test-suite (data-2022-01-17) cases in ../shared/corpus/yaml-test-suite and the
/// suite's event notation (its README: <c>+STR</c>, <c>+DOC ---</c>, <c>=VAL :plain</c>, ...).
/// </summary>
internal static class YamlSuiteCases
{
    public static string Root => Path.Combine(SharedPaths.Shared, "corpus", "yaml-test-suite", "data");

    /// <summary>Every case id: <c>229Q</c>, or <c>DK95/01</c> for a numbered sub-case.</summary>
    public static IEnumerable<string> Ids()
    {
        foreach (string dir in Directory.GetDirectories(Root).Order(StringComparer.Ordinal))
        {
            if (File.Exists(Path.Combine(dir, "in.yaml")))
            {
                yield return Path.GetFileName(dir);
                continue;
            }

            foreach (string sub in Directory.GetDirectories(dir).Order(StringComparer.Ordinal))
            {
                yield return Path.GetFileName(dir) + "/" + Path.GetFileName(sub);
            }
        }
    }

    public static string Dir(string id) => Path.Combine(Root, id.Replace('/', Path.DirectorySeparatorChar));

    public static bool IsError(string id) => File.Exists(Path.Combine(Dir(id), "error"));

    public static byte[] Input(string id) => File.ReadAllBytes(Path.Combine(Dir(id), "in.yaml"));

    public static string ExpectedEvents(string id) =>
        File.ReadAllText(Path.Combine(Dir(id), "test.event")).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');

    /// <summary>The events of <paramref name="input"/> in the suite's notation, one per line.</summary>
    public static string Events(byte[] input)
    {
        StringBuilder sb = new();
        foreach (YamlEvent e in YamlParser.ParseAll(input))
        {
            if (sb.Length > 0)
            {
                sb.Append('\n');
            }

            Append(sb, e);
        }

        return sb.ToString();
    }

    private static void Append(StringBuilder sb, YamlEvent e)
    {
        switch (e.Kind)
        {
            case YamlEventKind.StreamStart:
                sb.Append("+STR");
                return;
            case YamlEventKind.StreamEnd:
                sb.Append("-STR");
                return;
            case YamlEventKind.DocumentStart:
                sb.Append(e.Implicit ? "+DOC" : "+DOC ---");
                return;
            case YamlEventKind.DocumentEnd:
                sb.Append(e.Implicit ? "-DOC" : "-DOC ...");
                return;
            case YamlEventKind.MappingStart:
                sb.Append(e.Style == YamlEventStyle.Flow ? "+MAP {}" : "+MAP");
                Properties(sb, e);
                return;
            case YamlEventKind.SequenceStart:
                sb.Append(e.Style == YamlEventStyle.Flow ? "+SEQ []" : "+SEQ");
                Properties(sb, e);
                return;
            case YamlEventKind.MappingEnd:
                sb.Append("-MAP");
                return;
            case YamlEventKind.SequenceEnd:
                sb.Append("-SEQ");
                return;
            case YamlEventKind.Alias:
                sb.Append("=ALI *").Append(e.Anchor);
                return;
            case YamlEventKind.Scalar:
                sb.Append("=VAL");
                Properties(sb, e);
                sb.Append(' ').Append(e.Style switch
                {
                    YamlEventStyle.SingleQuoted => '\'',
                    YamlEventStyle.DoubleQuoted => '"',
                    YamlEventStyle.Literal => '|',
                    YamlEventStyle.Folded => '>',
                    _ => ':',
                });
                foreach (char c in e.Value ?? string.Empty)
                {
                    sb.Append(c switch
                    {
                        '\\' => "\\\\",
                        '\n' => "\\n",
                        '\t' => "\\t",
                        '\r' => "\\r",
                        '\b' => "\\b",
                        _ => c.ToString(),
                    });
                }

                return;
            default:
                sb.Append("=COMMENT");
                return;
        }
    }

    private static void Properties(StringBuilder sb, YamlEvent e)
    {
        if (e.Anchor is not null)
        {
            sb.Append(" &").Append(e.Anchor);
        }

        if (e.Tag is not null)
        {
            sb.Append(" <").Append(e.Tag).Append('>');
        }
    }
}

using System.Globalization;
using System.Text;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Tests.Json;

/// <summary>
/// Structural tree comparison for tests: a canonical text of kinds, keys and values (floats by
/// bit pattern), so a failing assertion shows where two trees differ.
/// </summary>
internal static class TreeEquivalence
{
    public static void AssertEqual(TreeDocument expected, TreeDocument actual) =>
        Assert.Equal(Describe(expected), Describe(actual));

    public static string Describe(TreeDocument document)
    {
        var sb = new StringBuilder();
        foreach (TreeMap branch in document.Branches)
        {
            sb.Append("---\n");
            Describe(branch, sb, 0);
        }

        return sb.ToString();
    }

    public static string Describe(TreeNode node)
    {
        var sb = new StringBuilder();
        Describe(node, sb, 0);
        return sb.ToString();
    }

    private static void Describe(TreeNode node, StringBuilder sb, int depth)
    {
        string pad = new(' ', depth * 2);
        switch (node)
        {
            case TreeMap map:
                sb.Append(pad).Append("map\n");
                foreach (TreeMapItem item in map.Items)
                {
                    if (item.IsComment)
                    {
                        Describe(item.Value, sb, depth + 1);
                    }
                    else
                    {
                        sb.Append(pad).Append("  key ").Append(Quote(item.Key!)).Append('\n');
                        Describe(item.Value, sb, depth + 2);
                    }
                }

                break;
            case TreeList list:
                sb.Append(pad).Append("list\n");
                foreach (TreeNode item in list.Items)
                {
                    Describe(item, sb, depth + 1);
                }

                break;
            case TreeComment comment:
                sb.Append(pad).Append("comment ").Append(Quote(comment.Text)).Append(comment.Inline ? " inline" : string.Empty).Append('\n');
                break;
            case TreeScalar scalar:
                sb.Append(pad).Append(scalar.Kind switch
                {
                    ScalarKind.String => "str " + Quote(scalar.Text),
                    ScalarKind.Time => "time " + Quote(scalar.Text),
                    ScalarKind.Int => "int " + scalar.Int.ToString(CultureInfo.InvariantCulture),
                    ScalarKind.Float => "float " + BitConverter.DoubleToInt64Bits(scalar.Float).ToString("x16", CultureInfo.InvariantCulture),
                    ScalarKind.Bool => "bool " + scalar.Bool,
                    _ => "null",
                }).Append('\n');
                break;
        }
    }

    private static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in s)
        {
            sb.Append(c is < ' ' or '"' or '\\' or > '~' ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return sb.Append('"').ToString();
    }
}

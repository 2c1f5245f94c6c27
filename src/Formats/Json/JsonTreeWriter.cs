using System.Globalization;
using System.Text;
using Crypt.Crypto.Errors;
using Crypt.Formats.GoCompat;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Json;

/// <summary>
/// Writes a tree as SOPS's JSON store does: <c>"key": value</c> items built with Go's
/// <c>json.Marshal</c> for keys and scalars, then laid out by <c>json.Indent</c> with an empty
/// prefix — one element per line, the indent string repeated per depth, empty objects
/// and arrays kept as <c>{}</c>/<c>[]</c>. Comments are dropped (JSON has none).
/// </summary>
internal sealed class JsonTreeWriter
{
    private readonly StringBuilder _sb = new(4096);
    private readonly string _indent;

    private JsonTreeWriter(string indent)
    {
        _indent = indent;
    }

    /// <summary>The text of <paramref name="node"/> without a trailing newline.</summary>
    public static string Write(TreeNode node, string indent)
    {
        var writer = new JsonTreeWriter(indent);
        writer.WriteValue(node, 0, string.Empty);
        return writer._sb.ToString();
    }

    private void WriteValue(TreeNode node, int depth, string path)
    {
        switch (node)
        {
            case TreeMap map:
                WriteMap(map, depth, path);
                break;
            case TreeList list:
                WriteList(list, depth, path);
                break;
            case TreeScalar scalar:
                WriteScalar(scalar, path);
                break;
            default:
                throw new CryptFormatException("a comment cannot be written as a JSON value", keyPath: path);
        }
    }

    private void WriteMap(TreeMap map, int depth, string path)
    {
        _sb.Append('{');
        bool empty = true;
        foreach (TreeMapItem item in map.Items)
        {
            if (item.IsComment)
            {
                continue;
            }

            _sb.Append(empty ? string.Empty : ",");
            NewLine(depth + 1);
            empty = false;
            GoJsonString.Append(_sb, item.Key!);
            _sb.Append(": ");
            WriteValue(item.Value, depth + 1, path.Length == 0 ? item.Key! : path + ":" + item.Key);
        }

        if (!empty)
        {
            NewLine(depth);
        }

        _sb.Append('}');
    }

    private void WriteList(TreeList list, int depth, string path)
    {
        _sb.Append('[');
        bool empty = true;
        int index = 0;
        foreach (TreeNode item in list.Items)
        {
            if (item is TreeComment)
            {
                continue;
            }

            _sb.Append(empty ? string.Empty : ",");
            NewLine(depth + 1);
            empty = false;
            WriteValue(item, depth + 1, string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]"));
            index++;
        }

        if (!empty)
        {
            NewLine(depth);
        }

        _sb.Append(']');
    }

    private void WriteScalar(TreeScalar scalar, string path)
    {
        switch (scalar.Kind)
        {
            case ScalarKind.String or ScalarKind.Time:
                // Go marshals time.Time as its RFC 3339 text, which Time scalars already hold.
                GoJsonString.Append(_sb, scalar.Text);
                break;
            case ScalarKind.Int:
                _sb.Append(scalar.Int.ToString(CultureInfo.InvariantCulture));
                break;
            case ScalarKind.Float:
                if (!GoFloat.TryFormatJson(scalar.Float, out string text))
                {
                    throw new CryptFormatException("JSON cannot hold NaN or infinite numbers", keyPath: path);
                }

                _sb.Append(text);
                break;
            case ScalarKind.Bool:
                _sb.Append(scalar.Bool ? "true" : "false");
                break;
            default:
                _sb.Append("null");
                break;
        }
    }

    private void NewLine(int depth)
    {
        _sb.Append('\n');
        for (int i = 0; i < depth; i++)
        {
            _sb.Append(_indent);
        }
    }
}

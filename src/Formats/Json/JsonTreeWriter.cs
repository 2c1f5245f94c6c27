using System.Globalization;
using System.Text;
using Crypt.Crypto.Errors;
using Crypt.Crypto.Values;
using Crypt.Formats.GoCompat;
using Crypt.Formats.Stores;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Json;

/// <summary>
/// Writes a tree as SOPS's JSON store does: <c>"key": value</c> items built with Go's
/// <c>json.Marshal</c> for keys and scalars, then laid out by <c>json.Indent</c> with an empty
/// prefix — one element per line, the indent string repeated per depth, empty objects
/// and arrays kept as <c>{}</c>/<c>[]</c>. Comments are dropped (JSON has none).
/// The text goes to the output stream as UTF-8 in chunks, so a large file is never held whole;
/// everything JSON cannot hold is refused by a walk before the first byte is written.
/// </summary>
internal sealed partial class JsonTreeWriter
{
    // Chunks are cut only between elements, so a surrogate pair is never split.
    private const int FlushChars = 32 * 1024;

    private readonly StringBuilder _sb = new(FlushChars + 4096);
    private readonly char[] _chars = new char[1024]; // a value's text formatted without a string
    private readonly Encoder _utf8 = Encoding.UTF8.GetEncoder();
    private readonly string _indent;
    private readonly Stream _output;
    private byte[] _bytes = [];

    private JsonTreeWriter(string indent, Stream output)
    {
        _indent = indent;
        _output = output;
    }

    /// <summary>Writes <paramref name="node"/>, then <paramref name="suffix"/>, to <paramref name="output"/>.</summary>
    /// <exception cref="CryptFormatException">The tree holds something JSON cannot (nothing is written then).</exception>
    public static void Write(TreeNode node, string indent, Stream output, string suffix = "")
    {
        EnsureWritable(node, []);
        var writer = new JsonTreeWriter(indent, output);
        writer.WriteValue(node, 0);
        writer._sb.Append(suffix);
        writer.Flush(final: true);
    }

    private static void EnsureWritable(TreeNode node, List<string> path)
    {
        switch (node)
        {
            case TreeMap map:
                foreach (TreeMapItem item in map.Items)
                {
                    if (!item.IsComment)
                    {
                        path.Add(item.Key!);
                        EnsureWritable(item.Value, path);
                        path.RemoveAt(path.Count - 1);
                    }
                }

                break;
            case TreeList list:
                int index = 0;
                foreach (TreeNode item in list.Items)
                {
                    if (item is not TreeComment)
                    {
                        path.Add(string.Create(CultureInfo.InvariantCulture, $"[{index++}]"));
                        EnsureWritable(item, path);
                        path.RemoveAt(path.Count - 1);
                    }
                }

                break;
            case TreeScalar { Kind: ScalarKind.Float } scalar when !double.IsFinite(scalar.Float):
                throw new UnrepresentableOutputException("JSON cannot hold NaN or infinite numbers", keyPath: PathText(path));
            case TreeComment:
                throw new UnrepresentableOutputException("a comment cannot be written as a JSON value", keyPath: PathText(path));
        }
    }

    // "a:b[0]:c": keys joined by ':', list indices appended.
    private static string PathText(List<string> path)
    {
        var text = new StringBuilder();
        foreach (string part in path)
        {
            text.Append(text.Length == 0 || part.StartsWith('[') ? string.Empty : ":").Append(part);
        }

        return text.ToString();
    }

    private void WriteValue(TreeNode node, int depth)
    {
        switch (node)
        {
            case TreeMap map:
                WriteMap(map, depth);
                break;
            case TreeList list:
                WriteList(list, depth);
                break;
            default:
                WriteScalar((TreeScalar)node);
                break;
        }
    }

    private void WriteMap(TreeMap map, int depth)
    {
        _sb.Append('{');
        bool empty = true;
        foreach (TreeMapItem item in map.Items)
        {
            if (item.IsComment)
            {
                continue;
            }

            if (!empty)
            {
                _sb.Append(',');
            }

            NewLine(depth + 1);
            empty = false;
            GoJsonString.Append(_sb, item.Key!);
            _sb.Append(": ");
            WriteValue(item.Value, depth + 1);
        }

        if (!empty)
        {
            NewLine(depth);
        }

        _sb.Append('}');
    }

    private void WriteList(TreeList list, int depth)
    {
        _sb.Append('[');
        bool empty = true;
        foreach (TreeNode item in list.Items)
        {
            if (item is TreeComment)
            {
                continue;
            }

            if (!empty)
            {
                _sb.Append(',');
            }

            NewLine(depth + 1);
            empty = false;
            WriteValue(item, depth + 1);
        }

        if (!empty)
        {
            NewLine(depth);
        }

        _sb.Append(']');
    }

    private void WriteScalar(TreeScalar scalar)
    {
        switch (scalar.Kind)
        {
            case ScalarKind.String or ScalarKind.Time:
                // Go marshals time.Time as its RFC 3339 text, which Time scalars already hold.
                if (TryWriteLong(scalar))
                {
                    break;
                }

                if (scalar.TryGetUtf8(out ReadOnlySpan<byte> utf8))
                {
                    GoJsonString.Append(_sb, utf8);
                }
                else if (scalar.TryFormatText(_chars, out int length))
                {
                    // Text held in another form (an encrypted value's parts), formatted without a string.
                    GoJsonString.Append(_sb, _chars.AsSpan(0, length));
                }
                else
                {
                    WriteText(scalar.Text);
                }

                break;
            case ScalarKind.Int:
                _sb.Append(scalar.Int);
                break;
            case ScalarKind.Float:
                _sb.Append(GoFloat.TryFormatJson(scalar.Float, out string text)
                    ? text
                    : throw new InvalidOperationException("non-finite floats are refused before writing"));
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
        if (_sb.Length >= FlushChars)
        {
            Flush(final: false);
        }

        _sb.Append('\n');
        for (int i = 0; i < depth; i++)
        {
            _sb.Append(_indent);
        }
    }

    // The encoder keeps a surrogate pair that straddles two of the builder's chunks together.
    // The byte buffer may hold plaintext: it is wiped once the document is written.
    private void Flush(bool final)
    {
        foreach (ReadOnlyMemory<char> chunk in _sb.GetChunks())
        {
            Encode(chunk.Span, flush: false);
        }

        _sb.Clear();
        if (final)
        {
            Encode([], flush: true);
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(_bytes);
        }
    }

    private void Encode(ReadOnlySpan<char> chars, bool flush)
    {
        SecretBuffer.Ensure(ref _bytes, _utf8.GetByteCount(chars, flush));
        int count = _utf8.GetBytes(chars, _bytes, flush);
        _output.Write(_bytes, 0, count);
    }
}

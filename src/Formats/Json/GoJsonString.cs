using System.Buffers;
using System.Text;

namespace Crypt.Formats.Json;

/// <summary>
/// A JSON string literal exactly as Go's <c>json.Marshal</c> writes it (HTML escaping on, Go ≥
/// 1.22): <c>"</c> and <c>\</c> backslashed; <c>\b \f \n \r \t</c> short forms; other bytes
/// below 0x20 and <c>&lt; &gt; &amp;</c> as <c>\u00xx</c> (lower-case hex); U+2028/U+2029 as
/// <c>\u2028</c>/<c>\u2029</c>; an unpaired surrogate (Go: invalid UTF-8) as <c>\ufffd</c>.
/// Everything else, DEL included, is written raw as UTF-8.
/// </summary>
internal static class GoJsonString
{
    private const string Hex = "0123456789abcdef";

    // Everything the loop below treats specially; a string without any (every ENC[...] value,
    // most keys) is copied as it is.
    private static readonly SearchValues<char> s_special = SearchValues.Create(
        "\"\\<>&\u2028\u2029" + new string([.. Enumerable.Range(0, 0x20).Select(c => (char)c), .. Enumerable.Range(0xD800, 0x800).Select(c => (char)c)]));

    // The same set for UTF-8 text, with every non-ASCII byte (those take the string path).
    private static readonly SearchValues<byte> s_specialUtf8 = SearchValues.Create(
        [(byte)'"', (byte)'\\', (byte)'<', (byte)'>', (byte)'&', .. Enumerable.Range(0, 0x20).Select(b => (byte)b), .. Enumerable.Range(0x80, 0x80).Select(b => (byte)b)]);

    /// <summary>As <see cref="Append(StringBuilder, ReadOnlySpan{char})"/> for valid UTF-8 text; plain ASCII needs no string.</summary>
    public static void Append(StringBuilder sb, ReadOnlySpan<byte> utf8)
    {
        if (utf8.ContainsAny(s_specialUtf8))
        {
            Append(sb, Encoding.UTF8.GetString(utf8));
            return;
        }

        sb.Append('"');
        Span<char> chars = utf8.Length <= 512 ? stackalloc char[utf8.Length] : new char[utf8.Length];
        Encoding.ASCII.GetChars(utf8, chars);
        sb.Append(chars).Append('"');
    }

    public static void Append(StringBuilder sb, ReadOnlySpan<char> value)
    {
        if (!value.ContainsAny(s_special))
        {
            sb.Append('"').Append(value).Append('"');
            return;
        }

        sb.Append('"');
        AppendEscaped(sb, value);
        sb.Append('"');
    }

    /// <summary>
    /// The text between the quotes of <see cref="Append(StringBuilder, ReadOnlySpan{char})"/>; a
    /// long value is written in slices that do not end between the two halves of a surrogate pair.
    /// </summary>
    public static void AppendEscaped(StringBuilder sb, ReadOnlySpan<char> value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '<' or '>' or '&' or < ' ':
                    sb.Append("\\u00").Append(Hex[c >> 4]).Append(Hex[c & 0xF]);
                    break;
                case '\u2028': sb.Append("\\u2028"); break;
                case '\u2029': sb.Append("\\u2029"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        sb.Append(c).Append(value[i + 1]);
                        i++;
                    }
                    else if (char.IsSurrogate(c))
                    {
                        sb.Append("\\ufffd");
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }
    }
}

using System.Text;

namespace Crypt.Formats.Ini;

/// <summary>
/// <see cref="string.Trim()"/>, <see cref="string.TrimStart()"/> and <see cref="string.TrimEnd()"/>
/// over valid UTF-8: the same white space (<see cref="Rune.IsWhiteSpace"/> is
/// <see cref="char.IsWhiteSpace(char)"/>, and every white-space character is in the BMP), so the
/// INI reader cuts values out of the file's bytes where it used to cut strings.
/// </summary>
internal static class Utf8Trim
{
    /// <summary>Without white space at either end.</summary>
    public static ReadOnlySpan<byte> Both(ReadOnlySpan<byte> utf8) => End(Start(utf8));

    /// <summary>Without white space at the start.</summary>
    public static ReadOnlySpan<byte> Start(ReadOnlySpan<byte> utf8)
    {
        while (!utf8.IsEmpty)
        {
            if (utf8[0] < 0x80)
            {
                if (!char.IsWhiteSpace((char)utf8[0]))
                {
                    break;
                }

                utf8 = utf8[1..];
                continue;
            }

            Rune.DecodeFromUtf8(utf8, out Rune rune, out int consumed);
            if (!Rune.IsWhiteSpace(rune))
            {
                break;
            }

            utf8 = utf8[consumed..];
        }

        return utf8;
    }

    /// <summary>Without white space at the end.</summary>
    public static ReadOnlySpan<byte> End(ReadOnlySpan<byte> utf8)
    {
        while (!utf8.IsEmpty)
        {
            if (utf8[^1] < 0x80)
            {
                if (!char.IsWhiteSpace((char)utf8[^1]))
                {
                    break;
                }

                utf8 = utf8[..^1];
                continue;
            }

            Rune.DecodeLastFromUtf8(utf8, out Rune rune, out int consumed);
            if (!Rune.IsWhiteSpace(rune))
            {
                break;
            }

            utf8 = utf8[..^consumed];
        }

        return utf8;
    }

    /// <summary>True when <paramref name="utf8"/> begins or ends with white space (<c>Trim()</c> would change it).</summary>
    public static bool HasOuterWhiteSpace(ReadOnlySpan<byte> utf8) => Start(utf8).Length != utf8.Length || End(utf8).Length != utf8.Length;
}

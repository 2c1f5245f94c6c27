using System.Buffers;
using System.Text;

namespace Crypt.Formats.Yaml;

/// <summary>
/// Looks at the UTF-8 input by the UTF-16 character positions YamlDotNet reports, so the reader
/// never holds the whole file as a string (twice the file's size). Positions are mostly asked
/// for in increasing order: a cursor walks forward and restarts only when asked to go back.
/// </summary>
internal sealed class Utf8TextIndex(ReadOnlyMemory<byte> utf8)
{
    private static readonly SearchValues<byte> s_asciiWhiteSpace = SearchValues.Create(" \t\n\r\v\f"u8);

    private long _chars;
    private int _bytes;

    /// <summary>The text after the first <c>#</c> at or after <paramref name="charIndex"/>, to the end of its line; null when there is none.</summary>
    public string? CommentAfter(long charIndex)
    {
        ReadOnlySpan<byte> rest = utf8.Span[ByteOffset(charIndex)..];
        int hash = rest.IndexOf((byte)'#');
        if (hash < 0)
        {
            return null;
        }

        rest = rest[(hash + 1)..];
        int end = rest.IndexOfAny((byte)'\n', (byte)'\r');
        return Encoding.UTF8.GetString(end < 0 ? rest : rest[..end]);
    }

    /// <summary>True when nothing but white space follows <paramref name="charIndex"/>.</summary>
    public bool IsWhiteSpaceFrom(long charIndex)
    {
        ReadOnlySpan<byte> rest = utf8.Span[ByteOffset(charIndex)..];
        int other = rest.IndexOfAnyExcept(s_asciiWhiteSpace);
        // Past ASCII, decode the rest once to apply .NET's full notion of white space.
        return other < 0 || (rest[other] >= 0x80 && Encoding.UTF8.GetString(rest[other..]).AsSpan().IsWhiteSpace());
    }

    private int ByteOffset(long charIndex)
    {
        if (charIndex < _chars)
        {
            _chars = 0;
            _bytes = 0;
        }

        ReadOnlySpan<byte> bytes = utf8.Span;
        while (_chars < charIndex && _bytes < bytes.Length)
        {
            byte lead = bytes[_bytes];
            int width = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
            _bytes = Math.Min(_bytes + width, bytes.Length);
            _chars += width == 4 ? 2 : 1; // a 4-byte sequence is a surrogate pair in UTF-16
        }

        return _bytes;
    }
}

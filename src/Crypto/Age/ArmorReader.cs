using System.Text;

namespace Crypt.Crypto.Age;

/// <summary>
/// A streaming, strict reader of the age ASCII armor (spec, "ASCII armor"). Accepts only what
/// age accepts: up to 1 KiB of whitespace before and after the PEM block, LF or CRLF line ends,
/// no headers, lines of exactly 64 columns except a shorter last line, canonical padded base64.
/// Anything else throws <see cref="AgeException"/> with <see cref="AgeFailure.Armor"/>.
/// </summary>
internal sealed class ArmorReader : Stream
{
    private const int MaxWhitespace = 1024;
    private const int BytesPerLine = AgeArmor.ColumnsPerLine / 4 * 3;
    private readonly AgeReader _source;
    private byte[] _unread = [];
    private int _unreadOffset;
    private bool _started;
    private bool _finished;

    public ArmorReader(AgeReader source)
    {
        _source = source;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (_unreadOffset == _unread.Length)
        {
            if (_finished || buffer.IsEmpty)
            {
                return 0;
            }

            _unread = NextLine();
            _unreadOffset = 0;
        }

        int n = Math.Min(buffer.Length, _unread.Length - _unreadOffset);
        _unread.AsSpan(_unreadOffset, n).CopyTo(buffer);
        _unreadOffset += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    // Decodes the next base64 line; after a short line (or the footer) checks the end.
    private byte[] NextLine()
    {
        int skipped = 0;
        while (!_started)
        {
            string first = GetLine();
            if (first.All(c => IsSpace(c)))
            {
                skipped += first.Length + 1;
                if (skipped > MaxWhitespace)
                {
                    throw AgeException.Armor("too much leading whitespace");
                }

                continue;
            }

            if (first != AgeArmor.Header)
            {
                throw AgeException.Armor("invalid first line (expected the BEGIN AGE ENCRYPTED FILE line)");
            }

            _started = true;
        }

        string line = GetLine();
        if (line == AgeArmor.Footer)
        {
            DrainTrailing();
            return [];
        }

        if (line.Length == 0)
        {
            throw AgeException.Armor("empty line in armored data");
        }

        if (line.Length > AgeArmor.ColumnsPerLine)
        {
            throw AgeException.Armor("line longer than 64 columns");
        }

        byte[] decoded = AgeBase64.DecodePadded(line) ?? throw AgeException.Armor("invalid or non-canonical base64");
        if (decoded.Length < BytesPerLine)
        {
            if (GetLine() != AgeArmor.Footer)
            {
                throw AgeException.Armor("a short line must be followed by the END line");
            }

            DrainTrailing();
        }

        return decoded;
    }

    // One line without its LF or CRLF; input that ends before any byte is an error.
    private string GetLine()
    {
        StringBuilder line = new();
        while (true)
        {
            int b = _source.ReadByte();
            if (b < 0)
            {
                if (line.Length == 0)
                {
                    throw AgeException.Armor("unexpected end of input");
                }

                break;
            }

            if (b == '\n')
            {
                break;
            }

            if (line.Length > 4 * MaxWhitespace)
            {
                throw AgeException.Armor("line too long");
            }

            line.Append((char)b);
        }

        if (line.Length > 0 && line[^1] == '\r')
        {
            line.Length--;
        }

        return line.ToString();
    }

    // ASCII whitespace only, as Go's bytes.TrimSpace sees single bytes of an ASCII file.
    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';

    private void DrainTrailing()
    {
        _finished = true;
        byte[] rest = new byte[MaxWhitespace];
        int total = _source.ReadFull(rest);

        for (int i = 0; i < total; i++)
        {
            if (!IsSpace((char)rest[i]))
            {
                throw AgeException.Armor("trailing data after the armored file");
            }
        }

        if (total == MaxWhitespace)
        {
            throw AgeException.Armor("too much trailing whitespace");
        }
    }
}

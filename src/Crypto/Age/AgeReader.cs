namespace Crypt.Crypto.Age;

/// <summary>
/// A small buffered reader over the age input: the header is read line by line with a byte
/// budget (hostile input cannot make it allocate without bound), then the payload continues
/// from the same buffer.
/// </summary>
internal sealed class AgeReader
{
    private readonly Stream _source;
    private readonly byte[] _buffer = new byte[8192];
    private int _start;
    private int _end;
    private bool _eof;

    public AgeReader(Stream source)
    {
        _source = source;
    }

    /// <summary>Bytes the header parser may still consume.</summary>
    public int HeaderBudget { get; set; } = int.MaxValue;

    /// <summary>
    /// Reads through the next LF (included). Returns null at end of input when nothing was
    /// read; <paramref name="complete"/> is false when input ended before an LF.
    /// </summary>
    public byte[]? ReadLine(out bool complete)
    {
        using MemoryStream line = new();
        while (true)
        {
            if (_start == _end && !Fill())
            {
                complete = false;
                return line.Length == 0 ? null : line.ToArray();
            }

            int newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            int take = newline >= 0 ? newline - _start + 1 : _end - _start;
            if (take > HeaderBudget)
            {
                throw AgeException.Header($"header is too large (the limit is {AgeHeaderReader.MaxHeaderBytes} bytes, stanza bodies included)");
            }

            HeaderBudget -= take;
            line.Write(_buffer, _start, take);
            _start += take;
            if (newline >= 0)
            {
                complete = true;
                return line.ToArray();
            }
        }
    }

    /// <summary>Looks at the next bytes without consuming them; shorter at end of input.</summary>
    public ReadOnlySpan<byte> Peek(int count)
    {
        if (_end - _start < count)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
            while (_end < count && !_eof)
            {
                int n = _source.Read(_buffer, _end, _buffer.Length - _end);
                if (n == 0)
                {
                    _eof = true;
                }

                _end += n;
            }
        }

        return _buffer.AsSpan(_start, Math.Min(count, _end - _start));
    }

    /// <summary>Fills <paramref name="destination"/> as far as input allows; returns the count read.</summary>
    public int ReadFull(Span<byte> destination)
    {
        int total = 0;
        while (total < destination.Length)
        {
            if (_start < _end)
            {
                int n = Math.Min(_end - _start, destination.Length - total);
                _buffer.AsSpan(_start, n).CopyTo(destination[total..]);
                _start += n;
                total += n;
            }
            else if (_eof)
            {
                break;
            }
            else if (destination.Length - total >= _buffer.Length)
            {
                int n = _source.Read(destination[total..]);
                _eof = n == 0;
                total += n;
            }
            else
            {
                Fill();
            }
        }

        return total;
    }

    /// <summary>The next byte, or -1 at end of input.</summary>
    public int ReadByte()
    {
        if (_start == _end && !Fill())
        {
            return -1;
        }

        return _buffer[_start++];
    }

    private bool Fill()
    {
        if (_eof)
        {
            return false;
        }

        _start = 0;
        _end = _source.Read(_buffer, 0, _buffer.Length);
        _eof = _end == 0;
        return !_eof;
    }
}

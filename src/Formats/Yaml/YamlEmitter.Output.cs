using System.Runtime.CompilerServices;

namespace Crypt.Formats.Yaml;

/// <summary>go-yaml emitter: the event loop writing to a stream, output primitives, comments and UTF-8 character classes.</summary>
internal sealed partial class YamlEmitter
{
    /// <summary>
    /// Emits a whole event stream (starting with StreamStart, ending with StreamEnd) to
    /// <paramref name="output"/>, writing as it goes; the buffer (it may hold plaintext) is wiped.
    /// </summary>
    public void Emit(IEnumerable<YamlEmitEvent> events, Stream output)
    {
        try
        {
            _output = output;
            using IEnumerator<YamlEmitEvent> source = events.GetEnumerator();
            _next = source.MoveNext() ? source.Current : null;
            while (_next is { } ev)
            {
                // One event of look-ahead is all the state machine asks for (IsEmptyCollection).
                _next = source.MoveNext() ? source.Current : null;
                AnalyzeEvent(ev);
                StateMachine(ev);
                if (_len >= FlushBytes)
                {
                    output.Write(_buf, 0, _len);
                    _len = 0;
                }
            }

            output.Write(_buf, 0, _len);
        }
        finally
        {
            _output = null;
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(_buf);
        }
    }

    private void ProcessHeadComment()
    {
        if (_tailComment.Length > 0)
        {
            WriteIndent();
            WriteComment(_tailComment);
            _tailComment = [];
            _footIndent = Math.Max(_indent, 0);
        }

        if (_headComment.Length == 0)
        {
            return;
        }

        WriteIndent();
        WriteComment(_headComment);
        _headComment = [];
    }

    private void ProcessLineComment(bool linebreak)
    {
        if (_lineComment.Length == 0)
        {
            if (linebreak)
            {
                PutBreak();
            }

            return;
        }

        if (!_whitespace)
        {
            Put((byte)' ');
        }

        WriteComment(_lineComment);
        _lineComment = [];
    }

    private void ProcessFootComment()
    {
        if (_footComment.Length == 0)
        {
            return;
        }

        WriteIndent();
        WriteComment(_footComment);
        _footComment = [];
        _footIndent = Math.Max(_indent, 0);
    }

    private void WriteComment(ReadOnlySpan<byte> comment)
    {
        bool breaks = false;
        bool pound = false;
        for (int i = 0; i < comment.Length;)
        {
            if (IsBreak(comment, i))
            {
                WriteBreak(comment, ref i);
                breaks = true;
                pound = false;
            }
            else
            {
                if (breaks)
                {
                    WriteIndent();
                }

                if (!pound)
                {
                    if (comment[i] != '#')
                    {
                        Put((byte)'#');
                        Put((byte)' ');
                    }

                    pound = true;
                }

                Write(comment, ref i);
                _indention = false;
                breaks = false;
            }
        }

        if (!breaks)
        {
            PutBreak();
        }

        _whitespace = true;
    }

    private void WriteIndent()
    {
        int indent = Math.Max(_indent, 0);
        if (!_indention || _column > indent || (_column == indent && !_whitespace))
        {
            PutBreak();
        }

        if (_footIndent == indent)
        {
            PutBreak();
        }

        while (_column < indent)
        {
            Put((byte)' ');
        }

        _whitespace = true;
        _footIndent = -1;
    }

    private void WriteIndicator(ReadOnlySpan<byte> indicator, bool needWhitespace, bool isWhitespace, bool isIndention)
    {
        if (needWhitespace && !_whitespace)
        {
            Put((byte)' ');
        }

        Reserve(indicator.Length);
        indicator.CopyTo(_buf.AsSpan(_len));
        _len += indicator.Length;
        _column += indicator.Length;
        _whitespace = isWhitespace;
        _indention = _indention && isIndention;
    }

    private void Put(byte b)
    {
        Reserve(1);
        _buf[_len++] = b;
        _column++;
    }

    private void PutBreak()
    {
        Reserve(1);
        _buf[_len++] = (byte)'\n';
        _column = 0;
        _indention = true;
    }

    // Copies one UTF-8 character; a character counts as one column.
    private void Write(ReadOnlySpan<byte> s, ref int i)
    {
        int w = Math.Max(Width(s[i]), 1);
        int end = Math.Min(i + w, s.Length);
        Reserve(end - i);
        for (int k = i; k < end; k++)
        {
            _buf[_len++] = s[k];
        }

        _column++;
        i = end;
    }

    private void WriteBreak(ReadOnlySpan<byte> s, ref int i)
    {
        if (s[i] == '\n')
        {
            PutBreak();
            i++;
            return;
        }

        Write(s, ref i);
        _column = 0;
        _indention = true;
    }

    private void Reserve(int n)
    {
        // Nothing already written is ever looked at again, so a full buffer goes to the output
        // (a 100 MB scalar used to grow the buffer to 128 MB, and copy it on the way).
        if (_len + n > _buf.Length && _output is not null && _len > 0)
        {
            _output.Write(_buf, 0, _len);
            _len = 0;
        }

        if (_len + n > _buf.Length)
        {
            byte[] bigger = new byte[Math.Max(_buf.Length * 2, _len + n)];
            _buf.AsSpan(0, _len).CopyTo(bigger);
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(_buf);
            _buf = bigger;
        }
    }

    // The character classes below run for every byte of every scalar. Since they take spans (a
    // value may be a slice of the input, session 7) NativeAOT no longer inlined them on its own:
    // 100k-leaf YAML encrypt took 10-20 % longer (bench/README.md, session 7).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Width(byte b) =>
        (b & 0x80) == 0x00 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte At(ReadOnlySpan<byte> b, int i) => i < b.Length ? b[i] : (byte)0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsBlank(ReadOnlySpan<byte> b, int i) => i < b.Length && (b[i] == ' ' || b[i] == '\t');

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsBreak(ReadOnlySpan<byte> b, int i)
    {
        byte c = At(b, i);
        return c == '\r' || c == '\n'
            || (c == 0xC2 && At(b, i + 1) == 0x85)
            || (c == 0xE2 && At(b, i + 1) == 0x80 && (At(b, i + 2) == 0xA8 || At(b, i + 2) == 0xA9));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsBlankZ(ReadOnlySpan<byte> b, int i) => i >= b.Length || b[i] == 0 || IsBlank(b, i) || IsBreak(b, i);

    // go-yaml's is_bom looks at the start of the value, not at i (kept for identical output).
    private static bool IsBom(ReadOnlySpan<byte> b) => b.Length >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsPrintable(ReadOnlySpan<byte> b, int i)
    {
        byte c = b[i];
        byte n1 = At(b, i + 1);
        byte n2 = At(b, i + 2);
        return c == 0x0A
            || (c >= 0x20 && c <= 0x7E)
            || (c == 0xC2 && n1 >= 0xA0)
            || (c > 0xC2 && c < 0xED)
            || (c == 0xED && n1 < 0xA0)
            || c == 0xEE
            || (c == 0xEF && !(n1 == 0xBB && n2 == 0xBF) && !(n1 == 0xBF && (n2 == 0xBE || n2 == 0xBF)));
    }
}

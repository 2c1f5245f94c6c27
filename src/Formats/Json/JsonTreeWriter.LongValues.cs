using System.Buffers;
using Crypt.Crypto.Values;
using Crypt.Formats.Encryption;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Json;

// Long string values go to the output in bounded pieces: a 100 MB value held as UTF-8 or as its
// encrypted parts is escaped (or base64-encoded) straight into the byte buffer, never made into
// a string, a builder's text and an encoded copy (issue 14: that cost ~12x the value).
internal sealed partial class JsonTreeWriter
{
    // Longer values skip the builder; shorter ones keep the path every small value takes.
    private const int LongValueBytes = 32 * 1024;

    // How many bytes of the buffer are filled and not yet written (long values only).
    private const int PieceBytes = 64 * 1024;

    // What the long UTF-8 path cannot copy as it is: Go's escapes (GoJsonString), and the first
    // byte of U+2028/U+2029 (E2 80 A8/A9), which Go escapes too.
    private static readonly SearchValues<byte> s_longSpecial = SearchValues.Create(
        [(byte)'"', (byte)'\\', (byte)'<', (byte)'>', (byte)'&', 0xE2, .. Enumerable.Range(0, 0x20).Select(b => (byte)b)]);

    private int _pending;

    // A value held as UTF-8 or as encrypted parts, when long: written here; false otherwise.
    private bool TryWriteLong(TreeScalar scalar)
    {
        if (scalar.TryGetUtf8(out ReadOnlySpan<byte> utf8))
        {
            if (utf8.Length <= LongValueBytes)
            {
                return false;
            }

            BeginPieces();
            WriteEscaped(utf8);
            EndPieces();
            return true;
        }

        if (scalar.IsString && scalar.TryGetSlice(out Utf8Slice slice) && slice.Chunk is SealedChunk)
        {
            int length = slice.Chunk.Utf8Length(slice.Span);
            if (length <= LongValueBytes)
            {
                return false;
            }

            BeginPieces();
            WriteSealed(slice, length);
            EndPieces();
            return true;
        }

        return false;
    }

    // A string's text (held as a .NET string): a long one is escaped in slices, the builder
    // flushed between them (the encoder keeps a pair split across two flushes together).
    private void WriteText(string text)
    {
        if (text.Length <= LongValueBytes)
        {
            GoJsonString.Append(_sb, text);
            return;
        }

        _sb.Append('"');
        ReadOnlySpan<char> rest = text;
        while (!rest.IsEmpty)
        {
            int take = Math.Min(rest.Length, FlushChars);
            if (take < rest.Length && char.IsHighSurrogate(rest[take - 1]))
            {
                take--; // the pair stays whole for AppendEscaped, which checks its second half
            }

            GoJsonString.AppendEscaped(_sb, rest[..take]);
            rest = rest[take..];
            if (_sb.Length >= FlushChars)
            {
                Flush(final: false);
            }
        }

        _sb.Append('"');
    }

    // GoJsonString.Append for valid UTF-8, as bytes: runs without a special byte are copied.
    private void WriteEscaped(ReadOnlySpan<byte> utf8)
    {
        Put("\""u8);
        Span<byte> escape = stackalloc byte[6];
        while (true)
        {
            int special = utf8.IndexOfAny(s_longSpecial);
            if (special < 0)
            {
                Put(utf8);
                break;
            }

            Put(utf8[..special]);
            byte b = utf8[special];
            utf8 = utf8[(special + 1)..];
            if (b == 0xE2)
            {
                if (utf8.Length >= 2 && utf8[0] == 0x80 && utf8[1] is 0xA8 or 0xA9)
                {
                    Put(utf8[1] == 0xA8 ? "\\u2028"u8 : "\\u2029"u8);
                    utf8 = utf8[2..];
                }
                else
                {
                    Put([b]);
                }

                continue;
            }

            Put(escape[..Escape(b, escape)]);
        }

        Put("\""u8);
    }

    // The escape GoJsonString writes for an ASCII byte it does not copy.
    private static int Escape(byte b, Span<byte> escape)
    {
        escape[0] = (byte)'\\';
        byte shortForm = b switch
        {
            (byte)'"' => (byte)'"',
            (byte)'\\' => (byte)'\\',
            (byte)'\b' => (byte)'b',
            (byte)'\f' => (byte)'f',
            (byte)'\n' => (byte)'n',
            (byte)'\r' => (byte)'r',
            (byte)'\t' => (byte)'t',
            _ => 0,
        };
        if (shortForm != 0)
        {
            escape[1] = shortForm;
            return 2;
        }

        "u00"u8.CopyTo(escape[1..]);
        escape[4] = (byte)"0123456789abcdef"[b >> 4];
        escape[5] = (byte)"0123456789abcdef"[b & 0xF];
        return 6;
    }

    // The ENC[...] text, formatted from the value's parts a piece at a time (TextChunk.FormatUtf8).
    // No byte of it needs a JSON escape (base64, field names, type names).
    private void WriteSealed(Utf8Slice slice, int length)
    {
        Put("\""u8);
        for (int at = 0; at < length;)
        {
            if (_pending == _bytes.Length)
            {
                _output.Write(_bytes, 0, _pending);
                _pending = 0;
            }

            int written = slice.Chunk.FormatUtf8(slice.Span, at, _bytes.AsSpan(_pending, Math.Min(length - at, _bytes.Length - _pending)));
            _pending += written;
            at += written;
        }

        Put("\""u8);
    }

    // The builder's text goes out first; the byte buffer then collects the value's pieces.
    private void BeginPieces()
    {
        Flush(final: false);
        SecretBuffer.Ensure(ref _bytes, PieceBytes);
        _pending = 0;
    }

    private void EndPieces()
    {
        _output.Write(_bytes, 0, _pending);
        _pending = 0;
    }

    private void Put(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            if (_pending == _bytes.Length)
            {
                _output.Write(_bytes, 0, _pending);
                _pending = 0;
            }

            int take = Math.Min(bytes.Length, _bytes.Length - _pending);
            bytes[..take].CopyTo(_bytes.AsSpan(_pending));
            _pending += take;
            bytes = bytes[take..];
        }
    }
}

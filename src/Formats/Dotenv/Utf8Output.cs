using System.Buffers;
using System.Security.Cryptography;
using System.Text.Unicode;
using Crypt.Formats.Encryption;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Dotenv;

/// <summary>
/// The dotenv and INI stores' output: UTF-8 written to the stream in pieces of at most
/// <see cref="Size"/> bytes, so a value is never copied whole on its way out. A value held as
/// UTF-8 goes out from the tree's own bytes; an <c>ENC[...]</c> value kept as its parts
/// (<see cref="SealedChunk"/>) is formatted piece by piece (its text is a third larger than its
/// parts: a 100 MB value cost 400 MB as text and its UTF-8 copy). The buffer may hold
/// plaintext: it is wiped on <see cref="Dispose"/>.
/// </summary>
internal sealed class Utf8Output(Stream output) : IDisposable
{
    /// <summary>The buffer's size.</summary>
    public const int Size = 16 * 1024;


    private readonly byte[] _buffer = new byte[Size];
    private int _used;

    /// <summary>True when <paramref name="scalar"/> is a string held as the parts of its <c>ENC[...]</c> text (ASCII without spaces, quotes, <c>#</c>, <c>;</c> or line breaks).</summary>
    public static bool IsSealed(TreeScalar scalar) =>
        scalar.IsString && scalar.TryGetSlice(out Utf8Slice slice) && slice.Chunk is SealedChunk;

    /// <summary>Writes <paramref name="utf8"/>.</summary>
    public void Write(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > _buffer.Length - _used)
        {
            Flush();
            if (utf8.Length >= _buffer.Length)
            {
                output.Write(utf8); // already bytes: no copy needed
                return;
            }
        }

        utf8.CopyTo(_buffer.AsSpan(_used));
        _used += utf8.Length;
    }

    /// <summary>Writes one ASCII byte.</summary>
    public void Write(byte ascii)
    {
        if (_used == _buffer.Length)
        {
            Flush();
        }

        _buffer[_used++] = ascii;
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 (a lone surrogate as U+FFFD, as <see cref="System.Text.Encoding.UTF8"/> does).</summary>
    public void Write(ReadOnlySpan<char> text)
    {
        while (true)
        {
            OperationStatus status = Utf8.FromUtf16(text, _buffer.AsSpan(_used), out int read, out int written);
            _used += written;
            text = text[read..];
            if (status != OperationStatus.DestinationTooSmall)
            {
                return;
            }

            Flush();
        }
    }

    /// <summary>
    /// Writes the text of <paramref name="scalar"/> (a string or time), with every line feed as
    /// <c>\n</c> when <paramref name="escapeNewlines"/> (dotenv's one escape).
    /// </summary>
    public void WriteText(TreeScalar scalar, bool escapeNewlines)
    {
        if (scalar.TryGetUtf8(out ReadOnlySpan<byte> utf8))
        {
            WriteUtf8(utf8, escapeNewlines);
        }
        else if (IsSealed(scalar))
        {
            scalar.TryGetSlice(out Utf8Slice slice);
            WriteSealed(slice);
        }
        else
        {
            string text = scalar.Text;
            if (!escapeNewlines)
            {
                Write(text);
                return;
            }

            ReadOnlySpan<char> rest = text;
            int newline;
            while ((newline = rest.IndexOf('\n')) >= 0)
            {
                Write(rest[..newline]);
                Write("\\n"u8);
                rest = rest[(newline + 1)..];
            }

            Write(rest);
        }
    }

    /// <summary>Writes what is buffered to the stream.</summary>
    public void Flush()
    {
        if (_used > 0)
        {
            output.Write(_buffer, 0, _used);
            CryptographicOperations.ZeroMemory(_buffer.AsSpan(0, _used));
            _used = 0;
        }
    }

    /// <summary>Flushes and wipes the buffer.</summary>
    public void Dispose() => Flush();

    private void WriteUtf8(ReadOnlySpan<byte> utf8, bool escapeNewlines)
    {
        if (!escapeNewlines)
        {
            Write(utf8);
            return;
        }

        int newline;
        while ((newline = utf8.IndexOf((byte)'\n')) >= 0)
        {
            Write(utf8[..newline]);
            Write("\\n"u8);
            utf8 = utf8[(newline + 1)..];
        }

        Write(utf8);
    }

    // The ENC[...] text, formatted from the value's parts a buffer at a time (TextChunk.FormatUtf8).
    private void WriteSealed(Utf8Slice slice)
    {
        int length = slice.Chunk.Utf8Length(slice.Span);
        for (int at = 0; at < length;)
        {
            if (_used == _buffer.Length)
            {
                Flush();
            }

            int written = slice.Chunk.FormatUtf8(slice.Span, at, _buffer.AsSpan(_used, Math.Min(length - at, _buffer.Length - _used)));
            _used += written;
            at += written;
        }
    }
}

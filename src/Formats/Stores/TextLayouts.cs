using Crypt.Formats.Tree;

namespace Crypt.Formats.Stores;

/// <summary>
/// The one place that handles a file's <see cref="TextLayout"/>, between the bytes and the
/// stores (which then only ever see UTF-8 without BOM and LF line breaks). Reading: a BOM is
/// taken off and CRLF line breaks become LF, only when the file has them (an LF file without
/// BOM is passed on as it is, after one look at its first line break). Writing: the same layout
/// is put back as the store writes. Binary files are never touched. In dotenv a BOM before a
/// <c>KEY=value</c> line is left alone: sops reads it as part of the first key and encrypts that
/// key's value under it, so taking it off would make Crypt and sops disagree on the value's AAD.
/// </summary>
internal static class TextLayouts
{
    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>The content a store parses, and the layout it was in.</summary>
    public static ReadOnlyMemory<byte> Normalize(ReadOnlyMemory<byte> content, DocumentFormat format, out TextLayout layout)
    {
        layout = TextLayout.Plain;
        if (format == DocumentFormat.Binary)
        {
            return content;
        }

        ReadOnlySpan<byte> span = content.Span;
        bool bom = span.StartsWith(Bom) && (format != DocumentFormat.Dotenv || StartsWithoutKey(span[Bom.Length..]));
        int start = bom ? Bom.Length : 0;
        int newline = span[start..].IndexOf((byte)'\n');
        bool crlf = newline > 0 && span[start + newline - 1] == '\r';
        layout = new TextLayout(bom, crlf);
        if (!crlf)
        {
            return content[start..];
        }

        return ToLf(span[start..]);
    }

    /// <summary>A stream that writes to <paramref name="output"/> in <paramref name="layout"/> (<paramref name="output"/> itself for the plain layout).</summary>
    public static Stream Apply(Stream output, TextLayout layout, DocumentFormat format) =>
        format == DocumentFormat.Binary || !layout.IsSpecial ? output : new LayoutStream(output, layout);

    // A BOM in dotenv is taken only before a comment (plain, or ENC[...] with its '=' padding) or
    // a line without '=': sops reads such a line as a key line and refuses it.
    private static bool StartsWithoutKey(ReadOnlySpan<byte> rest)
    {
        int newline = rest.IndexOf((byte)'\n');
        return (!rest.IsEmpty && rest[0] == '#') || !(newline < 0 ? rest : rest[..newline]).Contains((byte)'=');
    }

    // With InputBytes' zero padding after the text, so the YAML scanner need not copy it again.
    private static ReadOnlyMemory<byte> ToLf(ReadOnlySpan<byte> text)
    {
        byte[] result = new byte[text.Length + InputBytes.Padding];
        int length = 0;
        while (true)
        {
            int pair = text.IndexOf("\r\n"u8);
            if (pair < 0)
            {
                text.CopyTo(result.AsSpan(length));
                length += text.Length;
                return result.AsMemory(0, length);
            }

            text[..pair].CopyTo(result.AsSpan(length));
            length += pair;
            result[length++] = (byte)'\n';
            text = text[(pair + 2)..];
        }
    }

    /// <summary>Write-only: the BOM before the first byte, a CR before every LF.</summary>
    private sealed class LayoutStream(Stream inner, TextLayout layout) : Stream
    {
        private bool _bomPending = layout.Bom;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (_bomPending)
            {
                inner.Write(Bom);
                _bomPending = false;
            }

            if (!layout.Crlf)
            {
                inner.Write(buffer);
                return;
            }

            int newline;
            while ((newline = buffer.IndexOf((byte)'\n')) >= 0)
            {
                inner.Write(buffer[..newline]);
                inner.Write("\r\n"u8);
                buffer = buffer[(newline + 1)..];
            }

            inner.Write(buffer);
        }

        public override void WriteByte(byte value) => Write([value]);

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}

namespace Crypt.Formats.Tree;

/// <summary>
/// A block of bytes that string scalars hold slices of (filled by a <see cref="Utf8Arena"/>). The
/// chunk's type decides what a slice is and how it becomes text, so a scalar carries no flag
/// saying how its bytes are held and a large file's values cost their bytes, no object each.
/// Other parts of the library define chunk types of their own (the tree does not know them).
/// </summary>
internal abstract class TextChunk
{
    private protected TextChunk(byte[] bytes) => Bytes = bytes;

    /// <summary>The chunk's storage.</summary>
    public byte[] Bytes { get; }

    /// <summary>True when a slice is its string's text in valid UTF-8, as it is.</summary>
    public virtual bool HoldsUtf8 => false;

    /// <summary>
    /// True when a slice is its string's bytes as a Go string holds them (UTF-8, or any bytes
    /// for a binary file): what SOPS encrypts and hashes for a string.
    /// </summary>
    public virtual bool HoldsStringBytes => HoldsUtf8;

    /// <summary>The text of <paramref name="slice"/> (a slice of <see cref="Bytes"/>).</summary>
    public abstract string GetText(ReadOnlySpan<byte> slice);

    /// <summary>
    /// Writes the text of <paramref name="slice"/> into <paramref name="destination"/> without a
    /// string when this chunk type can and it fits; false otherwise (use <see cref="GetText"/>).
    /// </summary>
    public virtual bool TryFormat(ReadOnlySpan<byte> slice, Span<char> destination, out int charsWritten)
    {
        charsWritten = 0;
        return false;
    }

    /// <summary>
    /// The length in bytes of the UTF-8 text <see cref="FormatUtf8"/> writes for
    /// <paramref name="slice"/>, or -1 when this chunk type does not write its text in pieces.
    /// </summary>
    public virtual int Utf8Length(ReadOnlySpan<byte> slice) => -1;

    /// <summary>
    /// Writes the UTF-8 text of <paramref name="slice"/> from byte <paramref name="start"/> on into
    /// <paramref name="destination"/>, as much as fits; returns how many bytes. For a text much
    /// larger than its slice (an ENC[...] value's 133 MB for 100 MB of parts), written through a
    /// small buffer instead of made whole. Only when <see cref="Utf8Length"/> is not -1.
    /// </summary>
    public virtual int FormatUtf8(ReadOnlySpan<byte> slice, int start, Span<byte> destination) => throw new NotSupportedException();

    /// <summary>A copy of <paramref name="slice"/> in a new chunk of the same meaning, shared with nothing.</summary>
    public abstract Utf8Slice Copy(ReadOnlySpan<byte> slice);
}

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

    /// <summary>A copy of <paramref name="slice"/> in a new chunk of the same meaning, shared with nothing.</summary>
    public abstract Utf8Slice Copy(ReadOnlySpan<byte> slice);
}

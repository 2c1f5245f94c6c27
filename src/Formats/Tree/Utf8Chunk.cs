using System.Text;

namespace Crypt.Formats.Tree;

/// <summary>A chunk whose slices are valid UTF-8 text (what readers and the decryptor store).</summary>
internal sealed class Utf8Chunk(byte[] bytes) : TextChunk(bytes)
{
    /// <inheritdoc />
    public override bool HoldsUtf8 => true;

    /// <inheritdoc />
    public override string GetText(ReadOnlySpan<byte> slice) => Encoding.UTF8.GetString(slice);

    /// <inheritdoc />
    public override Utf8Slice Copy(ReadOnlySpan<byte> slice) => new(new Utf8Chunk(slice.ToArray()), 0, slice.Length);
}

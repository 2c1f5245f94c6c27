using System.Text;

namespace Crypt.Formats.Tree;

/// <summary>
/// A chunk whose slices are strings of any bytes, valid UTF-8 or not, as a Go string holds a
/// binary file (SOPS's binary store keeps a whole file in one, <c>stores/json/store.go</c>
/// BinaryStore). The text has U+FFFD for invalid bytes (what Go's <c>encoding/json</c> writes);
/// encryption, the MAC and the binary store use the bytes themselves.
/// </summary>
internal sealed class ByteStringChunk(byte[] bytes) : TextChunk(bytes)
{
    /// <inheritdoc />
    public override bool HoldsStringBytes => true;

    /// <inheritdoc />
    public override string GetText(ReadOnlySpan<byte> slice) => Encoding.UTF8.GetString(slice);

    /// <inheritdoc />
    public override Utf8Slice Copy(ReadOnlySpan<byte> slice) => new(new ByteStringChunk(slice.ToArray()), 0, slice.Length);
}

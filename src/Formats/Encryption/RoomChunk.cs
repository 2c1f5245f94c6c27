using System.Text;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Encryption;

/// <summary>
/// A plaintext reader's chunk: each string's bytes are followed by <see cref="Room"/> spare
/// bytes (a leaf that is not a string gets <see cref="NonStringSlice"/> spare bytes of its own
/// and the room after them), so the encryptor writes a value's parts over the value itself and
/// points the leaf at <see cref="Sealed"/>, the parts view of the same bytes made with this
/// chunk: no new storage, and no reference younger than the tree stored into it (bench/README.md
/// session 3: such stores multiplied the gen-1 collections of back-to-back encryptions). A
/// value whose parts do not fit goes to the walk's own chunks.
/// </summary>
internal sealed class RoomChunk : TextChunk
{
    /// <summary>After each slice: 2 header bytes, a 32-byte IV and a 16-byte tag on top of the plaintext.</summary>
    public const int Room = 2 + 32 + 16;

    /// <summary>The slice of an int, float or bool, which have no bytes of their own: their text is at most ~24 bytes.</summary>
    public const int NonStringSlice = 24;

    private readonly bool _utf8;

    /// <summary>A chunk over <paramref name="bytes"/>; <paramref name="utf8"/> when every string in it is valid UTF-8.</summary>
    public RoomChunk(byte[] bytes, bool utf8)
        : base(bytes)
    {
        _utf8 = utf8;
        Sealed = new SealedChunk(bytes, opened: this);
    }

    /// <summary>The parts view of the same bytes (see the type's remarks).</summary>
    public SealedChunk Sealed { get; }

    /// <inheritdoc />
    public override bool HoldsUtf8 => _utf8;

    /// <inheritdoc />
    public override bool HoldsStringBytes => true;

    /// <summary>How many bytes a leaf holding <paramref name="slice"/> of this chunk may use from its start.</summary>
    public static int Capacity(Utf8Slice slice) => slice.Length + Room;

    /// <inheritdoc />
    public override string GetText(ReadOnlySpan<byte> slice) => Encoding.UTF8.GetString(slice);

    /// <inheritdoc />
    public override Utf8Slice Copy(ReadOnlySpan<byte> slice)
    {
        byte[] copy = slice.ToArray();
        return new(_utf8 ? new Utf8Chunk(copy) : new ByteStringChunk(copy), 0, copy.Length);
    }
}

using System.Runtime.InteropServices;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Encryption;

/// <summary>
/// The leaves of a plaintext about to be encrypted: every leaf but null gets room for its
/// encrypted parts in a <see cref="RoomChunk"/>, so the encryptor rewrites it in place.
/// </summary>
internal sealed class PlaintextLeaves : LeafFactory
{
    /// <summary>A factory with a new arena of <see cref="RoomChunk"/>s.</summary>
    public PlaintextLeaves()
        : base(new Utf8Arena(static bytes => new RoomChunk(bytes, utf8: true)))
    {
    }

    /// <inheritdoc />
    public override TreeScalar String(ReadOnlySpan<byte> utf8, ScalarStyle style) =>
        TreeScalar.Utf8String(Arena.Add(utf8, RoomChunk.Room), style);

    /// <inheritdoc />
    /// <remarks>An array handed over with room after the value is kept: a long value is not copied.</remarks>
    public override TreeScalar String(ReadOnlyMemory<byte> utf8, ScalarStyle style, bool owned)
    {
        if (owned && MemoryMarshal.TryGetArray(utf8, out ArraySegment<byte> segment) && segment.Offset == 0
            && segment.Array!.Length - segment.Count >= RoomChunk.Room)
        {
            return TreeScalar.Utf8String(new Utf8Slice(new RoomChunk(segment.Array, utf8: true), 0, segment.Count), style);
        }

        return String(utf8.Span, style);
    }

    /// <inheritdoc />
    public override TreeScalar Leaf(TreeScalar scalar)
    {
        if (scalar.Kind == ScalarKind.Null || scalar.TryGetSlice(out _) || scalar.Kind is ScalarKind.String or ScalarKind.Time)
        {
            return scalar; // null is never encrypted; a string held as a .NET string takes the walk's chunks
        }

        // Cleared: the arena's storage is uninitialised memory, and these bytes are never text.
        Span<byte> spare = Arena.Reserve(RoomChunk.NonStringSlice + RoomChunk.Room, out Utf8Slice slice);
        spare.Clear();
        return scalar.WithSlice(Arena.Commit(slice, spare.Length) with { Length = RoomChunk.NonStringSlice });
    }

    /// <summary>
    /// A string leaf holding <paramref name="content"/> exactly (a binary file's bytes, UTF-8 or
    /// not, as a Go string holds them), copied with room after it.
    /// </summary>
    public static TreeScalar ByteString(ReadOnlySpan<byte> content)
    {
        byte[] bytes = GC.AllocateUninitializedArray<byte>(content.Length + RoomChunk.Room);
        content.CopyTo(bytes);
        RoomChunk chunk = new(bytes, System.Text.Unicode.Utf8.IsValid(content));
        return TreeScalar.Utf8String(new Utf8Slice(chunk, 0, content.Length));
    }
}

namespace Crypt.Formats.Tree;

/// <summary>UTF-8 text at <see cref="Offset"/> in <see cref="Buffer"/> (a chunk of a <see cref="Utf8Arena"/>).</summary>
internal readonly record struct Utf8Slice(byte[] Buffer, int Offset, int Length);

/// <summary>
/// Where parsers and the encryption walks put the UTF-8 text of string scalars: large chunks
/// filled one after another, so a million values cost their bytes and a few hundred arrays
/// instead of a million strings. Chunks are never reused: a scalar keeps its chunk alive. Not
/// thread-safe: an arena belongs to one reader or one walk.
/// </summary>
internal sealed class Utf8Arena
{
    private const int FirstChunk = 4 * 1024;

    // Over the large-object threshold: the GC never copies chunks of this size.
    private const int LargestChunk = 256 * 1024;

    private byte[] _chunk = [];
    private int _used;

    /// <summary>Copies <paramref name="utf8"/> into the arena.</summary>
    public Utf8Slice Add(ReadOnlySpan<byte> utf8)
    {
        Span<byte> target = Reserve(utf8.Length, out Utf8Slice slice);
        utf8.CopyTo(target);
        return Commit(slice, utf8.Length);
    }

    /// <summary>Copies <paramref name="utf8"/> into the arena followed by <paramref name="room"/> spare bytes; the slice covers the text only.</summary>
    public Utf8Slice Add(ReadOnlySpan<byte> utf8, int room)
    {
        Span<byte> target = Reserve(utf8.Length + room, out Utf8Slice slice);
        utf8.CopyTo(target);
        return Commit(slice, utf8.Length + room) with { Length = utf8.Length };
    }

    /// <summary>
    /// Room for up to <paramref name="maxLength"/> bytes; write into the returned span, then
    /// <see cref="Commit"/> how many were used.
    /// </summary>
    public Span<byte> Reserve(int maxLength, out Utf8Slice slice)
    {
        if (_chunk.Length - _used < maxLength)
        {
            int size = Math.Max(maxLength, Math.Min(LargestChunk, Math.Max(FirstChunk, _chunk.Length * 2)));
            _chunk = GC.AllocateUninitializedArray<byte>(size);
            _used = 0;
        }

        slice = new Utf8Slice(_chunk, _used, maxLength);
        return _chunk.AsSpan(_used, maxLength);
    }

    /// <summary>Keeps the first <paramref name="length"/> bytes of the last reservation; returns their slice.</summary>
    public Utf8Slice Commit(Utf8Slice reserved, int length)
    {
        _used = reserved.Offset + length;
        return reserved with { Length = length };
    }
}

namespace Crypt.Formats.Tree;

/// <summary>A slice of a <see cref="TextChunk"/>: <see cref="Length"/> bytes at <see cref="Offset"/>.</summary>
internal readonly record struct Utf8Slice(TextChunk Chunk, int Offset, int Length)
{
    /// <summary>The chunk's storage.</summary>
    public byte[] Buffer => Chunk.Bytes;

    /// <summary>The slice's bytes.</summary>
    public Span<byte> Span => Chunk.Bytes.AsSpan(Offset, Length);

    /// <summary>The slice's bytes, as memory (to hand on without a copy).</summary>
    public ReadOnlyMemory<byte> Memory => Chunk.Bytes.AsMemory(Offset, Length);
}

/// <summary>
/// Where parsers and the encryption walks put the bytes of string scalars: large chunks filled
/// one after another, so a million values cost their bytes and a few hundred arrays instead of
/// a million strings. Chunks are never reused: a scalar keeps its chunk alive. Not thread-safe:
/// an arena belongs to one reader or one walk. Its chunks are <see cref="Utf8Chunk"/>s unless
/// the arena is given another chunk type.
/// </summary>
internal sealed class Utf8Arena
{
    private const int FirstChunk = 4 * 1024;

    // Over the large-object threshold: the GC never copies chunks of this size.
    private const int LargestChunk = 256 * 1024;

    private static readonly Func<byte[], TextChunk> s_utf8 = static bytes => new Utf8Chunk(bytes);

    private readonly Func<byte[], TextChunk> _newChunk;
    private TextChunk? _chunk;
    private int _used;

    /// <summary>An arena of UTF-8 text.</summary>
    public Utf8Arena()
        : this(s_utf8)
    {
    }

    /// <summary>An arena whose chunks <paramref name="newChunk"/> makes around fresh storage.</summary>
    public Utf8Arena(Func<byte[], TextChunk> newChunk) => _newChunk = newChunk;

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
        if (_chunk is null || _chunk.Bytes.Length - _used < maxLength)
        {
            int size = Math.Max(maxLength, Math.Min(LargestChunk, Math.Max(FirstChunk, (_chunk?.Bytes.Length ?? 0) * 2)));
            _chunk = _newChunk(GC.AllocateUninitializedArray<byte>(size));
            _used = 0;
        }

        slice = new Utf8Slice(_chunk, _used, maxLength);
        return _chunk.Bytes.AsSpan(_used, maxLength);
    }

    /// <summary>Keeps the first <paramref name="length"/> bytes of the last reservation; returns their slice.</summary>
    public Utf8Slice Commit(Utf8Slice reserved, int length)
    {
        _used = reserved.Offset + length;
        return reserved with { Length = length };
    }
}

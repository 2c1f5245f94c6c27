using Crypt.Crypto.Values;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Encryption;

/// <summary>
/// The one place encryption and decryption replace a leaf's payload. The walks own the trees
/// they rewrite (parsed for them, or deep copies), and rewrite each leaf in place instead of
/// building a new tree: a new object per leaf held by an old tree is what a large file's
/// garbage collections spend their time on (bench/README.md, sessions 3 and 6). An encrypted
/// value is its parts in a <see cref="SealedChunk"/> slice, written over the plaintext reader's
/// room (<see cref="RoomChunk"/>) when there is room; a decrypted string is written over its own
/// parts. The tree itself knows none of this: to it a leaf is a slice of some chunk.
/// </summary>
internal sealed class LeafRewriter
{
    private readonly Utf8Arena _parts = new(static bytes => new SealedChunk(bytes));

    /// <summary>Where the walk puts the UTF-8 of the string values it writes.</summary>
    public Utf8Arena Text { get; } = new();

    /// <summary>
    /// Where to write the <paramref name="size"/> bytes of <paramref name="leaf"/>'s encrypted
    /// value (see <see cref="SealedChunk.Parts"/>): over the leaf itself when its reader left
    /// room, otherwise in the walk's chunks. Then call <see cref="Seal"/>.
    /// </summary>
    public Span<byte> ReserveParts(TreeScalar leaf, int size, out Utf8Slice target, out bool inPlace)
    {
        inPlace = leaf.TryGetSlice(out Utf8Slice own) && own.Chunk is RoomChunk room && RoomChunk.Capacity(own) >= size;
        if (inPlace)
        {
            target = new Utf8Slice(((RoomChunk)own.Chunk).Sealed, own.Offset, size);
            return target.Buffer.AsSpan(own.Offset, size);
        }

        return _parts.Reserve(size, out target);
    }

    /// <summary>
    /// Makes <paramref name="leaf"/> the encrypted value whose parts were written at
    /// <paramref name="target"/> (from <see cref="ReserveParts"/>); returns the leaf's
    /// replacement when it cannot be rewritten (a shared scalar), else null.
    /// </summary>
    public TreeScalar? Seal(TreeScalar leaf, Utf8Slice target, bool inPlace)
    {
        if (!inPlace)
        {
            target = _parts.Commit(target, target.Length);
        }

        return leaf.Rewrite(target) ? null : TreeScalar.Utf8String(target);
    }

    /// <summary>Makes <paramref name="leaf"/> the string <paramref name="utf8"/> (an ENC text kept as text); the replacement when it cannot be rewritten, else null.</summary>
    public TreeScalar? SealAsText(TreeScalar leaf, ReadOnlySpan<byte> utf8)
    {
        Utf8Slice text = Text.Add(utf8);
        return leaf.Rewrite(text) ? null : TreeScalar.Utf8String(text);
    }

    /// <summary>The parts of an encrypted value kept as parts (the leaf's own bytes: writable, see <see cref="OpenInPlace"/>).</summary>
    public static bool TryGetParts(TreeScalar leaf, out EncryptedValueLayout layout, out Span<byte> parts)
    {
        if (leaf.IsString && leaf.TryGetSlice(out Utf8Slice slice) && slice.Chunk is SealedChunk)
        {
            layout = SealedChunk.Layout(slice.Span, out ReadOnlySpan<byte> stored);
            parts = slice.Span[..stored.Length];
            return true;
        }

        layout = default;
        parts = default;
        return false;
    }

    /// <summary>
    /// Makes <paramref name="leaf"/> the decrypted string <paramref name="plaintext"/> (a Go
    /// string: valid UTF-8 or not), written over the leaf's own bytes when it fits (a decrypted
    /// value is always shorter than its parts or text); returns the scalar that now holds it
    /// (the leaf itself unless the leaf cannot be rewritten).
    /// </summary>
    public TreeScalar OpenString(TreeScalar leaf, ReadOnlySpan<byte> plaintext)
    {
        bool utf8 = System.Text.Unicode.Utf8.IsValid(plaintext);
        if (leaf.IsString && leaf.TryGetSlice(out Utf8Slice own) && plaintext.Length <= own.Length && PlaintextView(own.Chunk, utf8) is { } view)
        {
            plaintext.CopyTo(own.Span);
            if (leaf.Rewrite(new Utf8Slice(view, own.Offset, plaintext.Length)))
            {
                return leaf;
            }
        }

        TreeScalar value = utf8 ? TreeScalar.Utf8String(Text.Add(plaintext)) : TreeScalar.ByteString(plaintext);
        return leaf.Rewrite(value) ? leaf : value;
    }

    /// <summary>
    /// Makes <paramref name="leaf"/> the decrypted string <paramref name="plaintext"/>, which the
    /// decryptor wrote over the start of the leaf's own parts (<see cref="TryGetParts"/>): the
    /// leaf becomes a view of those bytes. <paramref name="kept"/> is false when the bytes were
    /// copied instead (a leaf that cannot be rewritten), so the caller wipes them. Returns the
    /// scalar that now holds the string (the leaf itself unless it cannot be rewritten).
    /// </summary>
    public TreeScalar OpenInPlace(TreeScalar leaf, ReadOnlySpan<byte> plaintext, out bool kept)
    {
        bool utf8 = System.Text.Unicode.Utf8.IsValid(plaintext);
        kept = leaf.TryGetSlice(out Utf8Slice own)
            && plaintext.Overlaps(own.Span, out int offset) && offset == 0
            && PlaintextView(own.Chunk, utf8) is { } view
            && leaf.Rewrite(new Utf8Slice(view, own.Offset, plaintext.Length));
        if (kept)
        {
            return leaf;
        }

        TreeScalar value = utf8 ? TreeScalar.Utf8String(Text.Add(plaintext)) : TreeScalar.ByteString(plaintext);
        return leaf.Rewrite(value) ? leaf : value;
    }

    /// <summary>Makes <paramref name="leaf"/> hold <paramref name="value"/>; the replacement when it cannot be rewritten, else null.</summary>
    public static TreeScalar? Replace(TreeScalar leaf, TreeScalar value) =>
        ReferenceEquals(leaf, value) || leaf.Rewrite(value) ? null : value;

    /// <summary>Makes <paramref name="comment"/> hold <paramref name="text"/> (encrypted or decrypted).</summary>
    public static void Replace(TreeComment comment, string text, bool inline) => comment.Rewrite(text, inline);

    // The view of a chunk's bytes that holds a string written over them: for parts, the view
    // made with their chunk (no new object); a view for bytes that are not UTF-8 is made here
    // (binary files only: one leaf).
    private static TextChunk? PlaintextView(TextChunk chunk, bool utf8)
    {
        TextChunk view = chunk is SealedChunk sealedChunk ? sealedChunk.Opened : chunk;
        if (!view.HoldsStringBytes)
        {
            return null;
        }

        return utf8 || !view.HoldsUtf8 ? view : new ByteStringChunk(view.Bytes);
    }
}

using Crypt.Formats.Tree;

namespace Crypt.Formats.Dotenv;

/// <summary>
/// A value the dotenv and INI readers transform while reading (escapes undone, continuation
/// lines joined) only ever gets shorter: the leaf is made from the bytes as read, then the
/// result is written over the leaf's own bytes and the leaf shortened. No buffer of the value's
/// size besides the leaf (issue 14). The leaf is the reader's own, just made, so rewriting it
/// is safe (see <see cref="TreeScalar.Rewrite(Utf8Slice)"/>).
/// </summary>
internal static class InPlace
{
    /// <summary>The bytes of <paramref name="leaf"/>, a string its reader's factory just made from valid UTF-8 that is not an <c>ENC[...]</c> text.</summary>
    public static Utf8Slice Slice(TreeScalar leaf)
    {
        // Every factory keeps such text as UTF-8 in a chunk of its own (an arena's, or a
        // plaintext reader's room chunk); only a canonical ENC[...] text is kept otherwise.
        if (!leaf.TryGetSlice(out Utf8Slice slice) || !slice.Chunk.HoldsUtf8)
        {
            throw new InvalidOperationException("a reader's string leaf is not held as UTF-8");
        }

        return slice;
    }

    /// <summary>Makes <paramref name="leaf"/> the first <paramref name="length"/> bytes of <paramref name="slice"/> (its own bytes, rewritten).</summary>
    public static void Shrink(TreeScalar leaf, Utf8Slice slice, int length) => leaf.Rewrite(slice with { Length = length });
}

namespace Crypt.Formats.Tree;

/// <summary>
/// How a reader makes its leaves: string leaves from UTF-8 text copied into an arena, and a
/// chance to prepare every other leaf. This one stores text as it is; a caller that will walk
/// the tree (the encryption layer) gives the reader a factory of its own.
/// </summary>
internal class LeafFactory
{
    /// <summary>Where the text goes.</summary>
    private protected Utf8Arena Arena { get; }

    /// <summary>A factory storing UTF-8 text in a new arena.</summary>
    public LeafFactory()
        : this(new Utf8Arena())
    {
    }

    /// <summary>A factory storing text in <paramref name="arena"/>.</summary>
    private protected LeafFactory(Utf8Arena arena) => Arena = arena;

    /// <summary>A string leaf for the valid UTF-8 <paramref name="utf8"/> (copied).</summary>
    public virtual TreeScalar String(ReadOnlySpan<byte> utf8, ScalarStyle style) => TreeScalar.Utf8String(Arena.Add(utf8), style);

    /// <summary>
    /// As <see cref="String(ReadOnlySpan{byte}, ScalarStyle)"/>; when <paramref name="owned"/>,
    /// the array behind <paramref name="utf8"/> is handed over and a factory may keep it as the
    /// leaf's storage instead of copying it (a long value read by the YAML scanner).
    /// </summary>
    public virtual TreeScalar String(ReadOnlyMemory<byte> utf8, ScalarStyle style, bool owned) => String(utf8.Span, style);

    /// <summary>The leaf to keep for <paramref name="scalar"/>, a leaf that is not a string held as bytes.</summary>
    public virtual TreeScalar Leaf(TreeScalar scalar) => scalar;
}

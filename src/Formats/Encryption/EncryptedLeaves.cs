using Crypt.Formats.Tree;

namespace Crypt.Formats.Encryption;

/// <summary>
/// The leaves of an encrypted file (or any file not about to be encrypted): a canonical
/// <c>ENC[...]</c> value is kept as its decoded parts in a <see cref="SealedChunk"/>, every
/// other string as UTF-8.
/// </summary>
internal sealed class EncryptedLeaves : LeafFactory
{
    private readonly Utf8Arena _parts = new(static bytes => new SealedChunk(bytes));

    /// <inheritdoc />
    public override TreeScalar String(ReadOnlySpan<byte> utf8, ScalarStyle style) =>
        SealedChunk.TryStore(_parts, utf8, out Utf8Slice stored)
            ? TreeScalar.Utf8String(stored, style)
            : base.String(utf8, style);
}

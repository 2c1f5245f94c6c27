using Crypt.Crypto.Values;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Encryption;

/// <summary>
/// A chunk whose slices are <c>ENC[...]</c> values kept as their parts instead of their text:
/// ciphertext, IV and tag as <see cref="EncryptedValueLayout"/> reads them, then a header of
/// two bytes (type, IV length). About half the bytes of the text, already decoded for the
/// decryptor; the text is rebuilt exactly when asked for, which is why only texts in the one
/// canonical form are kept this way. The header comes last so that the ciphertext starts where
/// the value's plaintext does: a large value is encrypted over its own bytes and decrypted
/// over its parts, with no second buffer of its size (bench/README.md session 7).
/// </summary>
internal sealed class SealedChunk : TextChunk
{
    private const int HeaderSize = 2;

    /// <summary>A chunk of parts over <paramref name="bytes"/>, with a UTF-8 view of them.</summary>
    public SealedChunk(byte[] bytes)
        : this(bytes, opened: null)
    {
    }

    /// <summary>A chunk of parts over <paramref name="bytes"/> whose plaintext view is <paramref name="opened"/> (same bytes).</summary>
    public SealedChunk(byte[] bytes, TextChunk? opened)
        : base(bytes) => Opened = opened ?? new Utf8Chunk(bytes);

    /// <summary>
    /// The view of the same bytes that holds a string decrypted over its own parts. Made with
    /// this chunk, so rewriting a leaf to it stores no reference younger than the tree (such
    /// stores make the garbage collector scan the whole old tree, bench/README.md session 3).
    /// </summary>
    public TextChunk Opened { get; }

    /// <summary>Stores <paramref name="utf8"/> as parts in <paramref name="arena"/> (of sealed chunks) when it is a canonical ENC value; false (nothing stored) otherwise.</summary>
    public static bool TryStore(Utf8Arena arena, ReadOnlySpan<byte> utf8, out Utf8Slice stored)
    {
        stored = default;
        if (!utf8.StartsWith("ENC[AES256_GCM,data:"u8))
        {
            return false;
        }

        Span<byte> target = arena.Reserve(HeaderSize + EncryptedValue.DecodedLength(utf8.Length), out Utf8Slice reserved);
        if (!EncryptedValue.TryParseExact(utf8, target, out EncryptedValueLayout layout) || layout.IvLength > byte.MaxValue)
        {
            return false; // the reservation is simply not committed
        }

        int size = Size(layout.DataLength, layout.IvLength);
        WriteHeader(target[..size], layout.Type, layout.IvLength);
        stored = arena.Commit(reserved, size);
        return true;
    }

    /// <summary>The bytes a value of these lengths takes.</summary>
    public static int Size(int dataLength, int ivLength) => dataLength + ivLength + ValueCipher.TagSize + HeaderSize;

    /// <summary>Where the parts go in a value's <paramref name="target"/> bytes (<see cref="Size"/> of them): from its start.</summary>
    public static Span<byte> Parts(Span<byte> target) => target[..^HeaderSize];

    /// <summary>Writes the header of a value whose parts are in place (<paramref name="target"/> is <see cref="Size"/> bytes).</summary>
    public static void WriteHeader(Span<byte> target, SopsValueType type, int ivLength)
    {
        target[^2] = (byte)type;
        target[^1] = (byte)ivLength;
    }

    /// <summary>Where the parts of a stored value are, and the parts themselves.</summary>
    public static EncryptedValueLayout Layout(ReadOnlySpan<byte> stored, out ReadOnlySpan<byte> parts)
    {
        parts = stored[..^HeaderSize];
        int ivLength = stored[^1];
        return new EncryptedValueLayout(parts.Length - ivLength - ValueCipher.TagSize, ivLength, (SopsValueType)stored[^2]);
    }

    /// <inheritdoc />
    public override string GetText(ReadOnlySpan<byte> slice)
    {
        EncryptedValueLayout layout = Layout(slice, out ReadOnlySpan<byte> parts);
        return EncryptedValue.Format(layout.Data(parts), layout.Iv(parts), layout.Tag(parts), layout.Type);
    }

    /// <inheritdoc />
    public override bool TryFormat(ReadOnlySpan<byte> slice, Span<char> destination, out int charsWritten)
    {
        EncryptedValueLayout layout = Layout(slice, out ReadOnlySpan<byte> parts);
        charsWritten = EncryptedValue.FormattedLength(layout.DataLength, layout.IvLength, layout.Type);
        if (charsWritten > destination.Length)
        {
            charsWritten = 0;
            return false;
        }

        EncryptedValue.Format(layout.Data(parts), layout.Iv(parts), layout.Tag(parts), layout.Type, destination[..charsWritten]);
        return true;
    }

    /// <inheritdoc />
    public override int Utf8Length(ReadOnlySpan<byte> slice)
    {
        EncryptedValueLayout layout = Layout(slice, out _);
        return EncryptedValue.FormattedLength(layout.DataLength, layout.IvLength, layout.Type);
    }

    /// <inheritdoc />
    public override int FormatUtf8(ReadOnlySpan<byte> slice, int start, Span<byte> destination)
    {
        EncryptedValueLayout layout = Layout(slice, out ReadOnlySpan<byte> parts);
        return EncryptedTextPieces.Format(layout.Data(parts), layout.Iv(parts), layout.Tag(parts), layout.Type, start, destination);
    }

    /// <inheritdoc />
    public override Utf8Slice Copy(ReadOnlySpan<byte> slice) => new(new SealedChunk(slice.ToArray()), 0, slice.Length);
}

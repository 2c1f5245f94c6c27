using Crypt.Crypto.Values;

namespace Crypt.Formats.Tree;

/// <summary>
/// An <c>ENC[...]</c> value kept as its parts instead of its text: type, IV length, then
/// ciphertext, IV and tag as <see cref="EncryptedValueLayout"/> reads them. About half the bytes
/// of the text, already decoded for the decryptor; the text is rebuilt exactly when asked for,
/// which is why only texts in the one canonical form are kept this way.
/// </summary>
internal static class SealedText
{
    private const int HeaderSize = 2;

    /// <summary>Stores <paramref name="utf8"/> as parts when it is a canonical ENC value; false (nothing stored) otherwise.</summary>
    public static bool TryStore(Utf8Arena arena, ReadOnlySpan<byte> utf8, out Utf8Slice stored)
    {
        stored = default;
        if (!utf8.StartsWith("ENC[AES256_GCM,data:"u8))
        {
            return false;
        }

        Span<byte> target = arena.Reserve(HeaderSize + EncryptedValue.DecodedLength(utf8.Length), out Utf8Slice reserved);
        if (!EncryptedValue.TryParseExact(utf8, target[HeaderSize..], out EncryptedValueLayout layout) || layout.IvLength > byte.MaxValue)
        {
            return false; // the reservation is simply not committed
        }

        WriteHeader(target, layout.Type, layout.IvLength);
        stored = arena.Commit(reserved, Size(layout.DataLength, layout.IvLength));
        return true;
    }

    /// <summary>The bytes a value of these lengths takes.</summary>
    public static int Size(int dataLength, int ivLength) => HeaderSize + dataLength + ivLength + ValueCipher.TagSize;

    /// <summary>Where the parts go in a value's <paramref name="target"/> bytes.</summary>
    public static Span<byte> Parts(Span<byte> target) => target[HeaderSize..];

    /// <summary>Writes the header of a value whose parts are in place.</summary>
    public static void WriteHeader(Span<byte> target, SopsValueType type, int ivLength)
    {
        target[0] = (byte)type;
        target[1] = (byte)ivLength;
    }

    /// <summary>Where the parts of a stored value are, and the parts themselves.</summary>
    public static EncryptedValueLayout Layout(ReadOnlySpan<byte> stored, out ReadOnlySpan<byte> parts)
    {
        parts = stored[HeaderSize..];
        return new EncryptedValueLayout(stored.Length - HeaderSize - stored[1] - ValueCipher.TagSize, stored[1], (SopsValueType)stored[0]);
    }

    /// <summary>The value's text, exactly as it was read or would be written.</summary>
    public static string Text(ReadOnlySpan<byte> stored)
    {
        EncryptedValueLayout layout = Layout(stored, out ReadOnlySpan<byte> parts);
        return EncryptedValue.Format(layout.Data(parts), layout.Iv(parts), layout.Tag(parts), layout.Type);
    }
}

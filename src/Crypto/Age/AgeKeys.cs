using System.Security.Cryptography;
using NSec.Cryptography;

namespace Crypt.Crypto.Age;

/// <summary>
/// The age v1 key schedule (spec, "Header MAC", "Payload", and the stanza bodies): HKDF-SHA-256
/// derivations from the file key and ChaCha20-Poly1305 with the fixed all-zero nonce used to
/// wrap a 16-byte file key under a single-use key.
/// </summary>
internal static class AgeKeys
{
    public const int FileKeySize = 16;
    public const int PayloadNonceSize = 16;
    public const int WrappedFileKeySize = FileKeySize + 16;

    public static byte[] HeaderMac(ReadOnlySpan<byte> fileKey, AgeHeader header)
    {
        Span<byte> macKey = stackalloc byte[32];
        try
        {
            HKDF.DeriveKey(HashAlgorithmName.SHA256, fileKey, macKey, salt: [], info: "header"u8);
            return HMACSHA256.HashData(macKey, header.EncodeWithoutMac());
        }
        finally
        {
            CryptographicOperations.ZeroMemory(macKey);
        }
    }

    public static void PayloadKey(ReadOnlySpan<byte> fileKey, ReadOnlySpan<byte> nonce, Span<byte> payloadKey) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, fileKey, payloadKey, nonce, "payload"u8);

    public static byte[] WrapFileKey(ReadOnlySpan<byte> wrapKey, ReadOnlySpan<byte> fileKey)
    {
        using Key key = Key.Import(AeadAlgorithm.ChaCha20Poly1305, wrapKey, KeyBlobFormat.RawSymmetricKey);
        return AeadAlgorithm.ChaCha20Poly1305.Encrypt(key, stackalloc byte[12], [], fileKey);
    }

    /// <summary>
    /// Opens a wrapped file key, or returns null when the tag does not verify. The body must
    /// be exactly 32 bytes (checked by callers before deriving, against partitioning oracles).
    /// </summary>
    public static byte[]? UnwrapFileKey(ReadOnlySpan<byte> wrapKey, ReadOnlySpan<byte> body)
    {
        using Key key = Key.Import(AeadAlgorithm.ChaCha20Poly1305, wrapKey, KeyBlobFormat.RawSymmetricKey);
        byte[] fileKey = new byte[FileKeySize];
        if (AeadAlgorithm.ChaCha20Poly1305.Decrypt(key, stackalloc byte[12], [], body, fileKey))
        {
            return fileKey;
        }

        return null;
    }
}

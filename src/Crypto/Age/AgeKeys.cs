using System.Security.Cryptography;
using Crypt.Crypto.Sodium;
using NSec.Cryptography;

namespace Crypt.Crypto.Age;

/// <summary>
/// The age v1 key schedule (spec, "Header MAC", "Payload", and the stanza bodies): HKDF-SHA-256
/// derivations from the file key and ChaCha20-Poly1305 with the fixed all-zero nonce used to
/// wrap a 16-byte file key under a single-use key, all from libsodium (see <see cref="Libsodium"/>
/// for why not .NET's HKDF and HMAC).
/// </summary>
internal static class AgeKeys
{
    public const int FileKeySize = 16;
    public const int PayloadNonceSize = 16;
    public const int WrappedFileKeySize = FileKeySize + 16;
    public const string PostQuantumLabel = "postquantum";

    public static byte[] HeaderMac(ReadOnlySpan<byte> fileKey, AgeHeader header)
    {
        Span<byte> macKey = stackalloc byte[32];
        try
        {
            Libsodium.HkdfSha256(fileKey, salt: [], "header"u8, macKey);
            return Libsodium.HmacSha256(macKey, header.EncodeWithoutMac());
        }
        finally
        {
            CryptographicOperations.ZeroMemory(macKey);
        }
    }

    /// <summary>
    /// A new X25519 key from libsodium's CSPRNG (NSec's <c>Key.Create</c> draws from .NET's,
    /// which loads OpenSSL).
    /// </summary>
    public static Key NewX25519Key(KeyExportPolicies exportPolicy)
    {
        Span<byte> scalar = stackalloc byte[32];
        try
        {
            Libsodium.RandomBytes(scalar);
            KeyCreationParameters parameters = new() { ExportPolicy = exportPolicy };
            return Key.Import(KeyAgreementAlgorithm.X25519, scalar, KeyBlobFormat.RawPrivateKey, in parameters);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scalar);
        }
    }

    /// <summary>
    /// The X25519 stanza's wrap key: HKDF-SHA-256 of the shared secret between
    /// <paramref name="ours"/> and <paramref name="theirs"/>, salted with ephemeral share ‖
    /// recipient. False when the shared secret is all zero (a low-order point: the spec aborts).
    /// </summary>
    public static bool X25519WrapKey(Key ours, PublicKey theirs, ReadOnlySpan<byte> salt, Span<byte> wrapKey)
    {
        // Exportable only so HKDF can read it here; it never leaves this method.
        SharedSecretCreationParameters exportable = new() { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };
        using SharedSecret? secret = KeyAgreementAlgorithm.X25519.Agree(ours, theirs, in exportable);
        if (secret is null)
        {
            return false;
        }

        Span<byte> raw = stackalloc byte[32];
        try
        {
            if (!secret.TryExport(SharedSecretBlobFormat.RawSharedSecret, raw, out int written) || written != raw.Length)
            {
                throw new InvalidOperationException("X25519 shared secret export failed");
            }

            Libsodium.HkdfSha256(raw, salt, "age-encryption.org/v1/X25519"u8, wrapKey);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(raw);
        }
    }

    public static void PayloadKey(ReadOnlySpan<byte> fileKey, ReadOnlySpan<byte> nonce, Span<byte> payloadKey) =>
        Libsodium.HkdfSha256(fileKey, nonce, "payload"u8, payloadKey);

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

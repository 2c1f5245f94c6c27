using System.Buffers.Binary;
using System.Security.Cryptography;
using Crypt.Crypto.Sodium;
using NSec.Cryptography;

namespace Crypt.Crypto.Age;

/// <summary>
/// HPKE (RFC 9180) in base mode with the one suite age's <c>mlkem768x25519</c> stanza uses
/// (age v1.3.1 pq.go): KEM MLKEM768-X25519 (0x647a, <see cref="XWing"/>), KDF HKDF-SHA256
/// (0x0001), AEAD ChaCha20Poly1305 (0x0003), one message at sequence number 0 with empty
/// associated data. RFC 9180 §5.1 (key schedule) and §4 (labeled extract/expand).
/// </summary>
internal static class HybridHpke
{
    private const int KeySize = 32;
    private const int NonceSize = 12;

    // "HPKE" ‖ kem_id ‖ kdf_id ‖ aead_id (RFC 9180 §5.1).
    private static ReadOnlySpan<byte> SuiteId => [(byte)'H', (byte)'P', (byte)'K', (byte)'E', 0x64, 0x7a, 0x00, 0x01, 0x00, 0x03];

    /// <summary>Seals <paramref name="plaintext"/> to <paramref name="publicKey"/>; returns (enc, ciphertext).</summary>
    public static (byte[] Enc, byte[] Ciphertext) Seal(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> info, ReadOnlySpan<byte> plaintext)
    {
        Span<byte> sharedSecret = stackalloc byte[XWing.SharedSecretSize];
        Span<byte> key = stackalloc byte[KeySize];
        Span<byte> nonce = stackalloc byte[NonceSize];
        try
        {
            byte[] enc = XWing.Encapsulate(publicKey, sharedSecret);
            KeySchedule(sharedSecret, info, key, nonce);
            using Key aead = Key.Import(AeadAlgorithm.ChaCha20Poly1305, key, KeyBlobFormat.RawSymmetricKey);
            return (enc, AeadAlgorithm.ChaCha20Poly1305.Encrypt(aead, nonce, [], plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(sharedSecret);
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>
    /// Opens a sealed message, or returns null when the tag does not verify (a ciphertext for
    /// another key, thanks to ML-KEM's implicit rejection).
    /// </summary>
    /// <exception cref="AgeException">The X25519 share is a low-order point (<see cref="AgeFailure.Header"/>).</exception>
    public static byte[]? Open(XWingPrivateKey privateKey, ReadOnlySpan<byte> enc, ReadOnlySpan<byte> info, ReadOnlySpan<byte> ciphertext, int plaintextSize)
    {
        Span<byte> sharedSecret = stackalloc byte[XWing.SharedSecretSize];
        Span<byte> key = stackalloc byte[KeySize];
        Span<byte> nonce = stackalloc byte[NonceSize];
        try
        {
            if (!XWing.Decapsulate(privateKey, enc, sharedSecret))
            {
                throw AgeException.Header("mlkem768x25519 stanza share is a low-order X25519 point");
            }

            KeySchedule(sharedSecret, info, key, nonce);
            using Key aead = Key.Import(AeadAlgorithm.ChaCha20Poly1305, key, KeyBlobFormat.RawSymmetricKey);
            byte[] plaintext = new byte[plaintextSize];
            return AeadAlgorithm.ChaCha20Poly1305.Decrypt(aead, nonce, [], ciphertext, plaintext) ? plaintext : null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(sharedSecret);
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private static void KeySchedule(ReadOnlySpan<byte> sharedSecret, ReadOnlySpan<byte> info, Span<byte> key, Span<byte> nonce)
    {
        Span<byte> context = stackalloc byte[1 + 32 + 32];
        Span<byte> secret = stackalloc byte[32];
        try
        {
            context[0] = 0; // mode_base
            LabeledExtract([], "psk_id_hash"u8, [], context.Slice(1, 32));
            LabeledExtract([], "info_hash"u8, info, context.Slice(33, 32));
            LabeledExtract(sharedSecret, "secret"u8, [], secret);
            LabeledExpand(secret, "key"u8, context, key);
            LabeledExpand(secret, "base_nonce"u8, context, nonce);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    private static void LabeledExtract(ReadOnlySpan<byte> salt, ReadOnlySpan<byte> label, ReadOnlySpan<byte> ikm, Span<byte> prk)
    {
        byte[] labeled = [.. "HPKE-v1"u8, .. SuiteId, .. label, .. ikm];
        try
        {
            Libsodium.HkdfSha256Extract(salt, labeled, prk);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(labeled);
        }
    }

    private static void LabeledExpand(ReadOnlySpan<byte> prk, ReadOnlySpan<byte> label, ReadOnlySpan<byte> info, Span<byte> output)
    {
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)output.Length);
        Libsodium.HkdfSha256Expand(prk, [.. length, .. "HPKE-v1"u8, .. SuiteId, .. label, .. info], output);
    }
}

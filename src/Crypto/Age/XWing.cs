using System.Security.Cryptography;
using Crypt.Crypto.Sodium;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Kems;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace Crypt.Crypto.Age;

/// <summary>
/// The MLKEM768-X25519 hybrid KEM (X-Wing, draft-connolly-cfrg-xwing-kem; the KEM of
/// draft-ietf-hpke-pq that age 1.3 uses through filippo.io/hpke, see age v1.3.1 pq.go).
/// A 32-byte seed is the private key: SHAKE-256 expands it to the ML-KEM-768 seed (d ‖ z) and
/// the X25519 scalar. Public key = ML-KEM encapsulation key (1184) ‖ X25519 point (32);
/// ciphertext = ML-KEM ciphertext (1088) ‖ X25519 share (32); shared secret =
/// SHA3-256(ss_M ‖ ss_X ‖ ct_X ‖ pk_X ‖ "\./" "/^\").
/// </summary>
internal static class XWing
{
    public const int SeedSize = 32;
    public const int PublicKeySize = MLKemPublicKeySize + 32;
    public const int CiphertextSize = MLKemCiphertextSize + 32;
    public const int SharedSecretSize = 32;
    private const int MLKemPublicKeySize = 1184;
    private const int MLKemCiphertextSize = 1088;

    private static ReadOnlySpan<byte> Label => [0x5c, 0x2e, 0x2f, 0x2f, 0x5e, 0x5c];

    /// <summary>A fresh seed from libsodium's CSPRNG.</summary>
    public static byte[] NewSeed() => Libsodium.RandomBytes(SeedSize);

    /// <summary>True when <paramref name="publicKey"/> has the size and an ML-KEM part that decodes.</summary>
    public static bool IsValidPublicKey(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != PublicKeySize)
        {
            return false;
        }

        try
        {
            _ = MLKemPublicKeyParameters.FromEncoding(MLKemParameters.ml_kem_768, publicKey[..MLKemPublicKeySize].ToArray());
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Encapsulates to <paramref name="publicKey"/>: returns the ciphertext, writes the shared secret.</summary>
    public static byte[] Encapsulate(ReadOnlySpan<byte> publicKey, Span<byte> sharedSecret)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(publicKey.Length, PublicKeySize, nameof(publicKey));
        ReadOnlySpan<byte> pkX = publicKey[MLKemPublicKeySize..];
        MLKemPublicKeyParameters pkM = MLKemPublicKeyParameters.FromEncoding(MLKemParameters.ml_kem_768, publicKey[..MLKemPublicKeySize].ToArray());
        MLKemEncapsulator encapsulator = new(MLKemParameters.ml_kem_768);
        encapsulator.Init(new Org.BouncyCastle.Crypto.Parameters.ParametersWithRandom(pkM, new SecureRandom()));
        byte[] ciphertext = new byte[CiphertextSize];
        byte[] ssM = new byte[32];
        Span<byte> ephemeral = stackalloc byte[32];
        Span<byte> ssX = stackalloc byte[32];
        try
        {
            encapsulator.Encapsulate(ciphertext, 0, MLKemCiphertextSize, ssM, 0, ssM.Length);
            Libsodium.RandomBytes(ephemeral);
            Libsodium.X25519Base(ephemeral, ciphertext.AsSpan(MLKemCiphertextSize));
            if (!Libsodium.X25519(ephemeral, pkX, ssX))
            {
                throw new AgeException(AgeFailure.InvalidKey, "the X25519 part of the post-quantum recipient is a low-order point");
            }

            Combine(ssM, ssX, ciphertext.AsSpan(MLKemCiphertextSize), pkX, sharedSecret);
            return ciphertext;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(ssM);
            CryptographicOperations.ZeroMemory(ephemeral);
            CryptographicOperations.ZeroMemory(ssX);
        }
    }

    /// <summary>
    /// Decapsulates <paramref name="ciphertext"/> (exactly <see cref="CiphertextSize"/> bytes).
    /// False when the X25519 share gives the all-zero secret (low-order point). ML-KEM rejects
    /// implicitly, so a ciphertext for another key yields a secret that fails later.
    /// </summary>
    public static bool Decapsulate(XWingPrivateKey key, ReadOnlySpan<byte> ciphertext, Span<byte> sharedSecret)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfNotEqual(ciphertext.Length, CiphertextSize, nameof(ciphertext));
        ReadOnlySpan<byte> ctX = ciphertext[MLKemCiphertextSize..];
        byte[] ssM = new byte[32];
        Span<byte> ssX = stackalloc byte[32];
        try
        {
            if (!Libsodium.X25519(key.X25519Scalar, ctX, ssX))
            {
                return false;
            }

            MLKemDecapsulator decapsulator = new(MLKemParameters.ml_kem_768);
            decapsulator.Init(key.MLKem);
            decapsulator.Decapsulate(ciphertext[..MLKemCiphertextSize].ToArray(), 0, MLKemCiphertextSize, ssM, 0, ssM.Length);
            Combine(ssM, ssX, ctX, key.PublicKey.AsSpan(MLKemPublicKeySize), sharedSecret);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(ssM);
            CryptographicOperations.ZeroMemory(ssX);
        }
    }

    private static void Combine(ReadOnlySpan<byte> ssM, ReadOnlySpan<byte> ssX, ReadOnlySpan<byte> ctX, ReadOnlySpan<byte> pkX, Span<byte> output)
    {
        Sha3Digest sha3 = new(256);
        sha3.BlockUpdate(ssM);
        sha3.BlockUpdate(ssX);
        sha3.BlockUpdate(ctX);
        sha3.BlockUpdate(pkX);
        sha3.BlockUpdate(Label);
        sha3.DoFinal(output);
    }
}

using System.Security.Cryptography;
using Crypt.Crypto.Sodium;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;

namespace Crypt.Crypto.Age;

/// <summary>
/// An expanded X-Wing private key (draft-connolly-cfrg-xwing-kem, "Key derivation"): SHAKE-256
/// of the 32-byte seed gives the ML-KEM-768 seed d ‖ z (64 bytes) and the X25519 scalar (32).
/// </summary>
internal sealed class XWingPrivateKey : IDisposable
{
    private readonly byte[] _x25519Scalar;

    public XWingPrivateKey(ReadOnlySpan<byte> seed)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(seed.Length, XWing.SeedSize, nameof(seed));
        byte[] expanded = new byte[96];
        try
        {
            ShakeDigest shake = new(256);
            shake.BlockUpdate(seed);
            shake.OutputFinal(expanded);
            MLKem = MLKemPrivateKeyParameters.FromSeed(MLKemParameters.ml_kem_768, expanded[..64]);
            _x25519Scalar = expanded[64..];
            byte[] pkX = new byte[32];
            Libsodium.X25519Base(_x25519Scalar, pkX);
            PublicKey = [.. MLKem.GetPublicKeyEncoded(), .. pkX];
        }
        finally
        {
            CryptographicOperations.ZeroMemory(expanded);
        }
    }

    public MLKemPrivateKeyParameters MLKem { get; }

    public byte[] PublicKey { get; }

    public ReadOnlySpan<byte> X25519Scalar => _x25519Scalar;

    public void Dispose() => CryptographicOperations.ZeroMemory(_x25519Scalar);
}

using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Crypt.Crypto.Sodium;

/// <summary>
/// The few libsodium functions Crypt calls directly, beside what NSec wraps: HKDF-SHA-256,
/// HMAC-SHA-256, SHA-256, raw X25519 and Ed25519-to-X25519 (hybrid and SSH keys) and the
/// system CSPRNG. .NET's own HKDF, HMAC and RandomNumberGenerator (and NSec's HKDF, which wraps
/// .NET's) initialise OpenSSL on first use, and loading OpenSSL costs a short-lived
/// <c>crypt decrypt</c> more start-up time than all its other work. This is the same libsodium
/// NSec loads (<c>libsodium</c> from the NSec package, next to the app).
/// </summary>
internal static partial class Libsodium
{
    private const string Library = "libsodium";
    private const int HmacSha256KeySize = 32;
    private const int Sha256Size = 32;

    static Libsodium()
    {
        // Idempotent (1 when NSec already did it); picks CPU-specific code and seeds the RNG.
        if (sodium_init() < 0)
        {
            throw new InvalidOperationException("libsodium failed to initialise");
        }
    }

    /// <summary>HKDF-SHA-256 (RFC 5869) of <paramref name="ikm"/> into <paramref name="output"/>.</summary>
    public static void HkdfSha256(ReadOnlySpan<byte> ikm, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> info, Span<byte> output)
    {
        Span<byte> prk = stackalloc byte[Sha256Size];
        try
        {
            Check(crypto_kdf_hkdf_sha256_extract(prk, salt, (nuint)salt.Length, ikm, (nuint)ikm.Length), "HKDF extract");
            Check(crypto_kdf_hkdf_sha256_expand(output, (nuint)output.Length, info, (nuint)info.Length, prk), "HKDF expand");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(prk);
        }
    }

    /// <summary>HKDF-Extract (RFC 5869 §2.2) with SHA-256: the 32-byte pseudorandom key.</summary>
    public static void HkdfSha256Extract(ReadOnlySpan<byte> salt, ReadOnlySpan<byte> ikm, Span<byte> prk)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(prk.Length, Sha256Size, nameof(prk));
        Check(crypto_kdf_hkdf_sha256_extract(prk, salt, (nuint)salt.Length, ikm, (nuint)ikm.Length), "HKDF extract");
    }

    /// <summary>HKDF-Expand (RFC 5869 §2.3) with SHA-256 of a 32-byte pseudorandom key.</summary>
    public static void HkdfSha256Expand(ReadOnlySpan<byte> prk, ReadOnlySpan<byte> info, Span<byte> output)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(prk.Length, Sha256Size, nameof(prk));
        Check(crypto_kdf_hkdf_sha256_expand(output, (nuint)output.Length, info, (nuint)info.Length, prk), "HKDF expand");
    }

    /// <summary>
    /// X25519 (RFC 7748) of a 32-byte scalar and point; false when the result is all zero
    /// (a low-order point), which libsodium refuses.
    /// </summary>
    public static bool X25519(ReadOnlySpan<byte> scalar, ReadOnlySpan<byte> point, Span<byte> output)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(scalar.Length, 32, nameof(scalar));
        ArgumentOutOfRangeException.ThrowIfNotEqual(point.Length, 32, nameof(point));
        ArgumentOutOfRangeException.ThrowIfNotEqual(output.Length, 32, nameof(output));
        return crypto_scalarmult(output, scalar, point) == 0;
    }

    /// <summary>The X25519 public key of a 32-byte scalar.</summary>
    public static void X25519Base(ReadOnlySpan<byte> scalar, Span<byte> output)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(scalar.Length, 32, nameof(scalar));
        ArgumentOutOfRangeException.ThrowIfNotEqual(output.Length, 32, nameof(output));
        Check(crypto_scalarmult_base(output, scalar), "X25519 base point multiplication");
    }

    /// <summary>SHA-256 of <paramref name="data"/>.</summary>
    public static byte[] Sha256(ReadOnlySpan<byte> data)
    {
        byte[] hash = new byte[Sha256Size];
        Check(crypto_hash_sha256(hash, data, (ulong)data.Length), "SHA-256");
        return hash;
    }

    /// <summary>
    /// The X25519 public key of an Ed25519 public key (the birational map); false when the point
    /// does not decode or has small order.
    /// </summary>
    public static bool Ed25519PublicKeyToX25519(ReadOnlySpan<byte> ed25519PublicKey, Span<byte> x25519PublicKey)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(ed25519PublicKey.Length, 32, nameof(ed25519PublicKey));
        ArgumentOutOfRangeException.ThrowIfNotEqual(x25519PublicKey.Length, 32, nameof(x25519PublicKey));
        return crypto_sign_ed25519_pk_to_curve25519(x25519PublicKey, ed25519PublicKey) == 0;
    }

    /// <summary>The X25519 scalar of an Ed25519 key (seed ‖ public key): SHA-512(seed)[0..32], clamped.</summary>
    public static void Ed25519SecretKeyToX25519(ReadOnlySpan<byte> ed25519SecretKey, Span<byte> x25519SecretKey)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(ed25519SecretKey.Length, 64, nameof(ed25519SecretKey));
        ArgumentOutOfRangeException.ThrowIfNotEqual(x25519SecretKey.Length, 32, nameof(x25519SecretKey));
        Check(crypto_sign_ed25519_sk_to_curve25519(x25519SecretKey, ed25519SecretKey), "Ed25519 to X25519 conversion");
    }

    /// <summary>HMAC-SHA-256 of <paramref name="data"/> under a 32-byte key.</summary>
    public static byte[] HmacSha256(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(key.Length, HmacSha256KeySize, nameof(key));
        byte[] mac = new byte[Sha256Size];
        Check(crypto_auth_hmacsha256(mac, data, (ulong)data.Length, key), "HMAC-SHA-256");
        return mac;
    }

    /// <summary>Fills <paramref name="buffer"/> from the OS CSPRNG (getrandom(2) on Linux).</summary>
    public static void RandomBytes(Span<byte> buffer)
    {
        if (!buffer.IsEmpty)
        {
            randombytes_buf(buffer, (nuint)buffer.Length);
        }
    }

    /// <summary>A new array of <paramref name="count"/> random bytes.</summary>
    public static byte[] RandomBytes(int count)
    {
        byte[] bytes = new byte[count];
        RandomBytes(bytes);
        return bytes;
    }

    private static void Check(int result, string operation)
    {
        if (result != 0)
        {
            throw new InvalidOperationException($"libsodium {operation} failed");
        }
    }

    [LibraryImport(Library)]
    private static partial int sodium_init();

    [LibraryImport(Library)]
    private static partial int crypto_kdf_hkdf_sha256_extract(
        Span<byte> prk, ReadOnlySpan<byte> salt, nuint saltLength, ReadOnlySpan<byte> ikm, nuint ikmLength);

    [LibraryImport(Library)]
    private static partial int crypto_kdf_hkdf_sha256_expand(
        Span<byte> output, nuint outputLength, ReadOnlySpan<byte> context, nuint contextLength, ReadOnlySpan<byte> prk);

    [LibraryImport(Library)]
    private static partial int crypto_auth_hmacsha256(
        Span<byte> mac, ReadOnlySpan<byte> data, ulong dataLength, ReadOnlySpan<byte> key);

    [LibraryImport(Library)]
    private static partial int crypto_scalarmult(Span<byte> q, ReadOnlySpan<byte> n, ReadOnlySpan<byte> p);

    [LibraryImport(Library)]
    private static partial int crypto_scalarmult_base(Span<byte> q, ReadOnlySpan<byte> n);

    [LibraryImport(Library)]
    private static partial int crypto_hash_sha256(Span<byte> output, ReadOnlySpan<byte> input, ulong inputLength);

    [LibraryImport(Library)]
    private static partial int crypto_sign_ed25519_pk_to_curve25519(Span<byte> curve25519Pk, ReadOnlySpan<byte> ed25519Pk);

    [LibraryImport(Library)]
    private static partial int crypto_sign_ed25519_sk_to_curve25519(Span<byte> curve25519Sk, ReadOnlySpan<byte> ed25519Sk);

    [LibraryImport(Library)]
    private static partial void randombytes_buf(Span<byte> buffer, nuint size);
}

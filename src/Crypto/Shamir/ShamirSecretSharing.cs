using System.Security.Cryptography;
using Crypt.Crypto.Errors;
using Crypt.Crypto.Sodium;

namespace Crypt.Crypto.Shamir;

/// <summary>
/// Shamir secret sharing over GF(2^8), byte-compatible with SOPS's <c>shamir/shamir.go</c>
/// (FORMAT.md §7): every secret byte gets its own random polynomial of degree threshold − 1
/// whose constant term is that byte; share i is the polynomial values at x = i + 1 followed by
/// x as the last byte, so a 32-byte data key gives 33-byte shares. Combine interpolates at 0.
/// </summary>
internal static class ShamirSecretSharing
{
    /// <summary>Most shares a byte-sized x coordinate allows.</summary>
    public const int MaxParts = 255;

    /// <summary>Splits <paramref name="secret"/> into <paramref name="parts"/> shares, any <paramref name="threshold"/> of which recover it.</summary>
    public static byte[][] Split(ReadOnlySpan<byte> secret, int parts, int threshold) =>
        Split(secret, parts, threshold, Libsodium.RandomBytes);

    /// <summary>Split with an injectable coefficient source, so tests can fix the polynomials.</summary>
    internal static byte[][] Split(ReadOnlySpan<byte> secret, int parts, int threshold, SpanFiller fillRandom)
    {
        ArgumentNullException.ThrowIfNull(fillRandom);
        if (parts < threshold)
        {
            throw new ArgumentException("parts cannot be less than threshold", nameof(parts));
        }

        if (parts > MaxParts)
        {
            throw new ArgumentException("parts cannot exceed 255", nameof(parts));
        }

        if (threshold < 2)
        {
            throw new ArgumentException("threshold must be at least 2", nameof(threshold));
        }

        if (secret.IsEmpty)
        {
            throw new ArgumentException("cannot split an empty secret", nameof(secret));
        }

        byte[][] shares = new byte[parts][];
        for (int i = 0; i < parts; i++)
        {
            shares[i] = new byte[secret.Length + 1];
            shares[i][secret.Length] = (byte)(i + 1);
        }

        // coefficients[0] is the secret byte, [1..] random; wiped after every byte.
        Span<byte> coefficients = stackalloc byte[threshold];
        try
        {
            for (int index = 0; index < secret.Length; index++)
            {
                coefficients[0] = secret[index];
                fillRandom(coefficients[1..]);
                for (int i = 0; i < parts; i++)
                {
                    shares[i][index] = Evaluate(coefficients, (byte)(i + 1));
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(coefficients);
        }

        return shares;
    }

    /// <summary>
    /// Recovers the secret from at least two shares of equal length with distinct x. With fewer
    /// shares than the split's threshold the result is an unrelated value (the scheme cannot
    /// tell), so callers must count shares against the recorded threshold first.
    /// </summary>
    /// <exception cref="CryptFormatException">Too few, unequal or duplicate shares.</exception>
    public static byte[] Combine(IReadOnlyList<byte[]> shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        if (shares.Count < 2)
        {
            throw new CryptFormatException("less than two Shamir shares cannot reconstruct the data key");
        }

        int length = shares[0].Length;
        if (length < 2)
        {
            throw new CryptFormatException("Shamir shares must be at least two bytes");
        }

        byte[] xs = new byte[shares.Count];
        Span<bool> seen = stackalloc bool[256];
        for (int i = 0; i < shares.Count; i++)
        {
            if (shares[i].Length != length)
            {
                throw new CryptFormatException("Shamir shares must all have the same length");
            }

            xs[i] = shares[i][length - 1];
            if (seen[xs[i]])
            {
                throw new CryptFormatException("duplicate Shamir share detected");
            }

            seen[xs[i]] = true;
        }

        // Lagrange basis at x = 0 depends only on the (public) x coordinates: compute once.
        byte[] basis = new byte[shares.Count];
        for (int i = 0; i < xs.Length; i++)
        {
            byte b = 1;
            for (int j = 0; j < xs.Length; j++)
            {
                if (i != j)
                {
                    b = GaloisField256.Multiply(b, GaloisField256.Divide(xs[j], GaloisField256.Add(xs[i], xs[j])));
                }
            }

            basis[i] = b;
        }

        byte[] secret = new byte[length - 1];
        for (int index = 0; index < secret.Length; index++)
        {
            byte value = 0;
            for (int i = 0; i < shares.Count; i++)
            {
                value ^= GaloisField256.Multiply(shares[i][index], basis[i]);
            }

            secret[index] = value;
        }

        return secret;
    }

    /// <summary>Horner evaluation of the polynomial with the given coefficients (constant first).</summary>
    internal static byte Evaluate(ReadOnlySpan<byte> coefficients, byte x)
    {
        byte result = coefficients[^1];
        for (int i = coefficients.Length - 2; i >= 0; i--)
        {
            result = GaloisField256.Add(GaloisField256.Multiply(result, x), coefficients[i]);
        }

        return result;
    }
}

/// <summary>Fills a span with random bytes.</summary>
internal delegate void SpanFiller(Span<byte> destination);

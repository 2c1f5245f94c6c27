using System.Security.Cryptography;

namespace Crypt.Crypto.Values;

/// <summary>
/// The SOPS MAC (§4): SHA-512 over the canonical bytes of every hashed leaf in walk order, no
/// separators, printed as uppercase hex. With <c>mac_only_encrypted</c> the hash starts with
/// SHA-256("sops") so the two modes never collide.
/// </summary>
public sealed class SopsMac : IDisposable
{
    private static readonly byte[] s_macOnlyEncryptedPrefix = Convert.FromHexString(
        "8a3fd2ad54ce66527b1034f3d147be0b0b975b3bf44f72c6fdadec8176f27d69");

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);

    /// <summary>Starts a MAC; <paramref name="macOnlyEncrypted"/> selects the prefixed mode.</summary>
    public SopsMac(bool macOnlyEncrypted)
    {
        if (macOnlyEncrypted)
        {
            _hash.AppendData(s_macOnlyEncryptedPrefix);
        }
    }

    /// <summary>Adds one leaf's canonical bytes.</summary>
    public void Append(ReadOnlySpan<byte> leaf) => _hash.AppendData(leaf);

    /// <summary>The 128-character uppercase hex digest.</summary>
    public string FinishHex()
    {
        Span<byte> digest = stackalloc byte[64];
        _hash.GetHashAndReset(digest);
        return Convert.ToHexString(digest);
    }

    /// <summary>Constant-time comparison of two hex MACs (case-sensitive as SOPS compares).</summary>
    public static bool HexEquals(string expected, string actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        return CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(expected),
            System.Text.Encoding.ASCII.GetBytes(actual));
    }

    /// <inheritdoc />
    public void Dispose() => _hash.Dispose();
}

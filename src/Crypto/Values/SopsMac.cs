using System.Security.Cryptography;
using HashAlgorithm = NSec.Cryptography.HashAlgorithm;
using IncrementalHash = NSec.Cryptography.IncrementalHash;

namespace Crypt.Crypto.Values;

/// <summary>
/// The SOPS MAC (§4): SHA-512 over the canonical bytes of every hashed leaf in walk order, no
/// separators, printed as uppercase hex. With <c>mac_only_encrypted</c> the hash starts with
/// SHA-256("sops") so the two modes never collide. SHA-512 comes from libsodium (NSec), not
/// .NET's IncrementalHash: that one loads OpenSSL, a large share of a short decrypt's run time.
/// </summary>
public sealed class SopsMac : IDisposable
{
    private static readonly byte[] s_macOnlyEncryptedPrefix = Convert.FromHexString(
        "8a3fd2ad54ce66527b1034f3d147be0b0b975b3bf44f72c6fdadec8176f27d69");

    private IncrementalHash _hash;

    /// <summary>Starts a MAC; <paramref name="macOnlyEncrypted"/> selects the prefixed mode.</summary>
    public SopsMac(bool macOnlyEncrypted)
    {
        IncrementalHash.Initialize(HashAlgorithm.Sha512, out _hash);
        if (macOnlyEncrypted)
        {
            IncrementalHash.Update(ref _hash, s_macOnlyEncryptedPrefix);
        }
    }

    /// <summary>Adds one leaf's canonical bytes.</summary>
    public void Append(ReadOnlySpan<byte> leaf) => IncrementalHash.Update(ref _hash, leaf);

    /// <summary>The 128-character uppercase hex digest; call it once.</summary>
    public string FinishHex()
    {
        Span<byte> digest = stackalloc byte[64];
        IncrementalHash.Finalize(ref _hash, digest);
        return Convert.ToHexString(digest);
    }

    /// <summary>Constant-time comparison of two hex MACs (case-sensitive as SOPS compares).</summary>
    internal static bool HexEquals(string expected, string actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        return CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(expected),
            System.Text.Encoding.ASCII.GetBytes(actual));
    }

    /// <summary>Overwrites the hash state (it is derived from plaintext).</summary>
    public void Dispose() => _hash = default;
}

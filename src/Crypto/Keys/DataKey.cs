using System.Security.Cryptography;
using Crypt.Crypto.Sodium;

namespace Crypt.Crypto.Keys;

/// <summary>
/// The 32-byte per-file data key (SOPS: one random AES-256 key per file). Owns its bytes and
/// wipes them on dispose; never prints them.
/// </summary>
public sealed class DataKey : IDisposable
{
    /// <summary>Length of a data key in bytes.</summary>
    public const int Size = 32;

    private readonly byte[] _bytes;
    private bool _disposed;

    private DataKey(byte[] bytes)
    {
        _bytes = bytes;
    }

    /// <summary>The key bytes. Valid until the key is disposed.</summary>
    public ReadOnlySpan<byte> Span
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _bytes;
        }
    }

    /// <summary>A new random key from the OS CSPRNG.</summary>
    public static DataKey Generate()
    {
        byte[] bytes = new byte[Size];
        Libsodium.RandomBytes(bytes);
        return new DataKey(bytes);
    }

    /// <summary>A key holding a copy of <paramref name="bytes"/>, which must be 32 bytes long.</summary>
    internal static DataKey FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"a data key is {Size} bytes, not {bytes.Length}", nameof(bytes));
        }

        return new DataKey(bytes.ToArray());
    }

    /// <summary>A copy of this key that the caller owns and must dispose.</summary>
    public DataKey Clone() => FromBytes(Span);

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_disposed)
        {
            CryptographicOperations.ZeroMemory(_bytes);
            _disposed = true;
        }
    }

    /// <inheritdoc />
    public override string ToString() => "DataKey(32 bytes, hidden)";
}

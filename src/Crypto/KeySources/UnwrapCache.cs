using System.Security.Cryptography;

namespace Crypt.Crypto.KeySources;

/// <summary>
/// Secrets already unwrapped in one session, by (key type, <c>enc</c>): a tree-wide operation
/// shares one cache across files so the same wrapped key is never sent to a key service twice
/// (SOPS issues #1079/#885). Thread-safe. Hands out copies; wipes everything on dispose.
/// </summary>
internal sealed class UnwrapCache : IDisposable
{
    private readonly Dictionary<(string Type, string Enc), byte[]> _secrets = [];
    private readonly Lock _lock = new();
    private bool _disposed;

    /// <summary>How many secrets are held.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _secrets.Count;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            foreach (byte[] secret in _secrets.Values)
            {
                CryptographicOperations.ZeroMemory(secret);
            }

            _secrets.Clear();
            _disposed = true;
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"UnwrapCache({Count} secrets, hidden)";

    /// <summary>A copy of the secret cached for this entry, or null.</summary>
    internal byte[]? TryGet(MasterKeyEntry entry)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _secrets.TryGetValue((entry.Type, entry.Enc), out byte[]? secret) ? (byte[])secret.Clone() : null;
        }
    }

    /// <summary>Keeps a copy of <paramref name="secret"/> for this entry.</summary>
    internal void Add(MasterKeyEntry entry, ReadOnlySpan<byte> secret)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_secrets.ContainsKey((entry.Type, entry.Enc)))
            {
                _secrets[(entry.Type, entry.Enc)] = secret.ToArray();
            }
        }
    }
}

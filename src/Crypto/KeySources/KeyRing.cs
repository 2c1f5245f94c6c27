namespace Crypt.Crypto.KeySources;

/// <summary>
/// What a decrypting operation may use to recover data keys: the unwrappers (age identities,
/// KMS and Key Vault clients) and the cache of secrets already unwrapped. Create one per
/// command and share it across every file the command touches.
/// </summary>
public sealed class KeyRing : IDisposable
{
    private readonly bool _ownsCache;

    /// <summary>A ring of <paramref name="unwrappers"/> with its own cache of unwrapped secrets.</summary>
    /// <param name="unwrappers">The key sources to try, in order of preference within a key group.</param>
    public KeyRing(IEnumerable<IKeyUnwrapper> unwrappers)
        : this(unwrappers, null)
    {
    }

    // A shared cache lets several rings reuse secrets; the tests use it, no host needs it yet.
    internal KeyRing(IEnumerable<IKeyUnwrapper> unwrappers, UnwrapCache? cache)
    {
        ArgumentNullException.ThrowIfNull(unwrappers);
        Unwrappers = [.. unwrappers];
        _ownsCache = cache is null;
        Cache = cache ?? new UnwrapCache();
    }

    /// <summary>The unwrappers, in the order they were given.</summary>
    public IReadOnlyList<IKeyUnwrapper> Unwrappers { get; }

    /// <summary>Secrets unwrapped so far.</summary>
    internal UnwrapCache Cache { get; }

    /// <summary>The unwrapper for <paramref name="type"/>, or null.</summary>
    public IKeyUnwrapper? For(string type)
    {
        foreach (IKeyUnwrapper unwrapper in Unwrappers)
        {
            if (string.Equals(unwrapper.Type, type, StringComparison.Ordinal))
            {
                return unwrapper;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsCache)
        {
            Cache.Dispose();
        }
    }
}

namespace Crypt.Crypto.KeySources;

/// <summary>
/// Something that can try to open metadata entries of one type: the loaded age identities, the
/// AWS KMS client, the Key Vault client.
/// </summary>
public interface IKeyUnwrapper
{
    /// <summary>The metadata list name of the entries it opens.</summary>
    string Type { get; }

    /// <summary>
    /// True when opening entries costs a network call; local unwrappers are tried first.
    /// </summary>
    bool IsRemote { get; }

    /// <summary>
    /// Opens <paramref name="entry"/> and returns the secret it wraps, which the caller wipes.
    /// </summary>
    /// <exception cref="Errors.KeySourceException">The entry is not for any key held here, or the service failed; the reason is user-readable.</exception>
    Task<byte[]> UnwrapAsync(MasterKeyEntry entry, CancellationToken cancellationToken);
}

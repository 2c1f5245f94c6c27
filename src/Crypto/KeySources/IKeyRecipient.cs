namespace Crypt.Crypto.KeySources;

/// <summary>
/// A master key that can wrap a secret (a data key or a 33-byte Shamir share) for one file:
/// an age recipient, a KMS key, a Key Vault key.
/// </summary>
public interface IKeyRecipient
{
    /// <summary>The metadata list name (<c>age</c>, <c>kms</c>, <c>azure_kv</c>).</summary>
    string Type { get; }

    /// <summary>The key's identity as SOPS prints it; equal ids mean the same key.</summary>
    string Id { get; }

    /// <summary>Wraps <paramref name="secret"/> and returns the metadata entry that records it.</summary>
    /// <exception cref="Errors.KeySourceException">The key service refused or could not be reached.</exception>
    Task<MasterKeyEntry> WrapAsync(ReadOnlyMemory<byte> secret, CancellationToken cancellationToken);
}

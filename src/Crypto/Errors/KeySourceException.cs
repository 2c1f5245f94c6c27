namespace Crypt.Crypto.Errors;

/// <summary>
/// A master key (age recipient, KMS key, Key Vault key) could not wrap or unwrap a data key:
/// bad credentials, network failure, malformed <c>enc</c>. Names the key, never a secret.
/// </summary>
public sealed class KeySourceException : CryptException
{
    /// <summary>The master key <paramref name="keyId"/> failed to wrap or unwrap a data key.</summary>
    /// <param name="keyId">The key's identity as users write it (recipient, ARN, key URL).</param>
    /// <param name="reason">What went wrong, without the key id and without any secret.</param>
    /// <param name="innerException">The key source's own failure (SDK or network error), if any.</param>
    public KeySourceException(string keyId, string reason, Exception? innerException = null)
        : base($"{keyId}: {reason}", innerException)
    {
        KeyId = keyId;
        Reason = reason;
    }

    /// <summary>The key's identity as users write it (recipient, ARN, key URL).</summary>
    public string KeyId { get; }

    /// <summary>What went wrong, without the key id.</summary>
    public string Reason { get; }
}

namespace Crypt.Crypto.Errors;

/// <summary>
/// A master key (age recipient, KMS key, Key Vault key) could not wrap or unwrap a data key:
/// bad credentials, network failure, malformed <c>enc</c>. Names the key, never a secret.
/// </summary>
public sealed class KeySourceException : CryptException
{
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

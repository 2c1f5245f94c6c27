namespace Crypt.Crypto.Errors;

/// <summary>
/// A master key as a user wrote it (an age recipient, a KMS ARN, a Key Vault key URL, in a flag,
/// an environment variable or a file's metadata) does not parse, so no data key can be wrapped
/// for it. Distinct from <see cref="KeySourceException"/>, which is a well-formed key that
/// failed to wrap or unwrap.
/// </summary>
public sealed class MalformedKeyException : CryptException
{
    public MalformedKeyException(string keyId, string reason, Exception? innerException = null)
        : base($"{keyId}: {reason}", innerException)
    {
        KeyId = keyId;
        Reason = reason;
    }

    /// <summary>The key as it was written.</summary>
    public string KeyId { get; }

    /// <summary>What is wrong with it.</summary>
    public string Reason { get; }
}

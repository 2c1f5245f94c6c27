namespace Crypt.Crypto.Errors;

/// <summary>
/// A master key as a user wrote it (an age recipient, a KMS ARN, a Key Vault key URL, in a flag,
/// an environment variable or a file's metadata) does not parse, so no data key can be wrapped
/// for it. Distinct from <see cref="KeySourceException"/>, which is a well-formed key that
/// failed to wrap or unwrap.
/// </summary>
public sealed class MalformedKeyException : CryptException
{
    /// <summary>The master key <paramref name="keyId"/> as written does not parse.</summary>
    /// <param name="keyId">The key as it was written.</param>
    /// <param name="reason">What is wrong with it.</param>
    /// <param name="innerException">The parser's own failure, if any.</param>
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

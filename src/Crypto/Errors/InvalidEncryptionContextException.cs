namespace Crypt.Crypto.Errors;

/// <summary>
/// An AWS KMS encryption context (<c>--encryption-context</c>, a rule's <c>aws_kms</c>
/// <c>context</c>) is not a list of <c>key:value</c> pairs (sops exit 6,
/// ErrorInvalidKMSEncryptionContextFormat). Quotes the malformed pair: a context is not secret.
/// </summary>
public sealed class InvalidEncryptionContextException : CryptException
{
    /// <summary>A KMS encryption context that does not parse.</summary>
    /// <param name="reason">What is wrong, quoting the malformed pair.</param>
    public InvalidEncryptionContextException(string reason)
        : base($"--encryption-context: {reason}")
    {
        Reason = reason;
    }

    /// <summary>What is wrong, without the flag name.</summary>
    public string Reason { get; }
}

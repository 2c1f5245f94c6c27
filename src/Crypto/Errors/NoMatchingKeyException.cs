namespace Crypt.Crypto.Errors;

/// <summary>
/// No master key could recover the data key (sops exit 128). Carries every key tried and why
/// it failed, so the user sees one readable block.
/// </summary>
public sealed class NoMatchingKeyException : CryptException
{
    /// <summary>No key recovered the data key; <paramref name="attempts"/> says what was tried.</summary>
    /// <param name="message">The readable summary of every attempt.</param>
    /// <param name="attempts">Each key tried, in order.</param>
    public NoMatchingKeyException(string message, IReadOnlyList<KeyAttempt> attempts)
        : base(message)
    {
        Attempts = attempts;
    }

    /// <summary>Each key tried, in order, with its group and the reason it failed.</summary>
    public IReadOnlyList<KeyAttempt> Attempts { get; }
}

/// <summary>One key that was tried while recovering a data key.</summary>
/// <param name="Group">The 0-based key group the key belongs to.</param>
/// <param name="KeyType">The key's type (<c>age</c>, <c>pgp</c>, <c>kms</c>, <c>azure_kv</c>, ...).</param>
/// <param name="KeyId">The key as users write it (recipient, fingerprint, ARN, key URL).</param>
/// <param name="Reason">Why it could not recover the data key.</param>
public sealed record KeyAttempt(int Group, string KeyType, string KeyId, string Reason);

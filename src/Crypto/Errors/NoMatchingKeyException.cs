namespace Crypt.Crypto.Errors;

/// <summary>
/// No master key could recover the data key (sops exit 128). Carries every key tried and why
/// it failed, so the user sees one readable block.
/// </summary>
public sealed class NoMatchingKeyException : CryptException
{
    public NoMatchingKeyException(string message, IReadOnlyList<KeyAttempt> attempts)
        : base(message)
    {
        Attempts = attempts;
    }

    /// <summary>Each key tried, in order, with its group and the reason it failed.</summary>
    public IReadOnlyList<KeyAttempt> Attempts { get; }
}

/// <summary>One key that was tried while recovering a data key.</summary>
public sealed record KeyAttempt(int Group, string KeyType, string KeyId, string Reason);

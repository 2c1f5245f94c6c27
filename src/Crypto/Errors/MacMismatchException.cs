namespace Crypt.Crypto.Errors;

/// <summary>
/// The file's MAC is missing, cannot be decrypted, or does not match the values (sops exit 51).
/// </summary>
public sealed class MacMismatchException : CryptException
{
    /// <summary>The MAC check failed as <paramref name="message"/> says.</summary>
    /// <param name="message">What failed (missing, undecryptable or different MAC); never a value.</param>
    public MacMismatchException(string message)
        : base(message)
    {
    }
}

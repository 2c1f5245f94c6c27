namespace Crypt.Crypto.Errors;

/// <summary>
/// The file's MAC is missing, cannot be decrypted, or does not match the values (sops exit 51).
/// </summary>
public sealed class MacMismatchException : CryptException
{
    public MacMismatchException(string message)
        : base(message)
    {
    }
}

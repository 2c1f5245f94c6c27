namespace Crypt.Crypto.Errors;

/// <summary>
/// Input that is not in the expected format: an age header or armor, an <c>ENC[...]</c> value,
/// an identity file, a document, metadata or config. Carries where, never the secret.
/// </summary>
public sealed class CryptFormatException : CryptException
{
    public CryptFormatException(string message, string? file = null, long line = 0, long column = 0, string? keyPath = null, Exception? innerException = null)
        : base(message, innerException, file, line, column, keyPath)
    {
    }
}

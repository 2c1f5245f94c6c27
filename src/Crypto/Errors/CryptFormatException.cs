namespace Crypt.Crypto.Errors;

/// <summary>
/// Input that is not in the expected format: an age header or armor, an <c>ENC[...]</c> value,
/// an identity file, a document, metadata or config. Carries where, never the secret.
/// </summary>
public sealed class CryptFormatException : CryptException
{
    /// <summary>Input that does not parse, at the location given.</summary>
    /// <param name="message">What is wrong, without the location; never a secret value.</param>
    /// <param name="file">The file, when known.</param>
    /// <param name="line">1-based line, or 0 when unknown.</param>
    /// <param name="column">1-based column, or 0 when unknown.</param>
    /// <param name="keyPath">The key path, when known.</param>
    /// <param name="innerException">The lower-level failure, if any.</param>
    public CryptFormatException(string message, string? file = null, long line = 0, long column = 0, string? keyPath = null, Exception? innerException = null)
        : base(message, innerException, file, line, column, keyPath)
    {
    }
}

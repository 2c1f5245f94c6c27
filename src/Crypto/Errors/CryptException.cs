namespace Crypt.Crypto.Errors;

/// <summary>
/// Base of every expected failure Crypt reports to a user: a file that does not parse, a MAC
/// that does not match, a key that cannot be unwrapped. Messages never carry secret values.
/// </summary>
public abstract class CryptException : Exception
{
    protected CryptException(string message)
        : base(message)
    {
    }

    protected CryptException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

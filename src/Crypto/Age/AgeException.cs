using Crypt.Crypto.Errors;

namespace Crypt.Crypto.Age;

/// <summary>
/// An age file or key could not be used. <see cref="Failure"/> says which class of failure it
/// is; the message says what was wrong and never carries key material or plaintext.
/// </summary>
public sealed class AgeException : CryptException
{
    /// <summary>Creates the exception.</summary>
    public AgeException(AgeFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    /// <summary>The class of failure.</summary>
    public AgeFailure Failure { get; }

    internal static AgeException Header(string message) => new(AgeFailure.Header, "age header: " + message);

    internal static AgeException Armor(string message) => new(AgeFailure.Armor, "age armor: " + message);

    internal static AgeException Payload(string message) => new(AgeFailure.Payload, "age payload: " + message);
}

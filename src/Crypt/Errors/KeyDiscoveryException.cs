using Crypt.Crypto.Errors;

namespace Crypt.Errors;

/// <summary>
/// A place the user named for keys could not give them: <c>SOPS_AGE_KEY_FILE</c> or
/// <c>SOPS_AGE_SSH_PRIVATE_KEY_FILE</c> missing or unreadable, <c>SOPS_AGE_KEY_CMD</c> failing.
/// Names the variable, file or command, never key material.
/// </summary>
public sealed class KeyDiscoveryException : CryptException
{
    /// <summary>Creates the failure.</summary>
    /// <param name="detail">What went wrong, naming the variable, file or command.</param>
    /// <param name="innerException">The cause, if any.</param>
    public KeyDiscoveryException(string detail, Exception? innerException = null)
        : base(detail, innerException)
    {
    }
}

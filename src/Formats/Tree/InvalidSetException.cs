using Crypt.Crypto.Errors;

namespace Crypt.Formats.Tree;

/// <summary>
/// A <c>set</c> or <c>unset</c> cannot be done as asked: the path is not in sops's
/// <c>["key"][0]</c> syntax, the value is not a value sops accepts, or the path does not fit the
/// document's structure (sops exit 7, ErrorInvalidSetFormat). Never quotes the value: it is a
/// secret.
/// </summary>
public sealed class InvalidSetException : CryptException
{
    /// <summary>Creates the error; <paramref name="message"/> must not quote the value.</summary>
    /// <param name="message">What is wrong, without the value.</param>
    /// <param name="column">The column in the path or value argument where it goes wrong (0: not known).</param>
    /// <param name="keyPath">The key path the set or unset addressed, when known.</param>
    public InvalidSetException(string message, long column = 0, string? keyPath = null)
        : base(message, column: column, keyPath: keyPath)
    {
    }
}

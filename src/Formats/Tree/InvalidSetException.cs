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
    public InvalidSetException(string message, long column = 0, string? keyPath = null)
        : base(message, column: column, keyPath: keyPath)
    {
    }
}

using Crypt.Crypto.Errors;

namespace Crypt.Formats.Tree;

/// <summary>
/// A tree path to read (<c>--extract</c>) is not in sops's <c>["key"][0]</c> syntax (sops exit
/// 91, InvalidTreePathFormat). Names the column.
/// </summary>
public sealed class InvalidTreePathException : CryptException
{
    /// <summary>Creates the error naming the <paramref name="column"/> of the path where it goes wrong.</summary>
    public InvalidTreePathException(string message, long column)
        : base(message, column: column)
    {
    }
}

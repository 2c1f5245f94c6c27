using Crypt.Crypto.Errors;

namespace Crypt.Formats.Stores;

/// <summary>
/// The tree cannot be written in the output format: a map in a dotenv file, a NaN in JSON, a
/// nested section in INI, a structured tree as binary (sops exit 4, ErrorDumpingTree: the input
/// was fine, the output cannot hold it). Names the key path, never the value.
/// </summary>
public sealed class UnrepresentableOutputException : CryptException
{
    /// <summary>The tree cannot be written in the output format, as <paramref name="message"/> says.</summary>
    /// <param name="message">What the format cannot hold; never a value.</param>
    /// <param name="keyPath">Where in the tree, when known.</param>
    public UnrepresentableOutputException(string message, string? keyPath = null)
        : base(message, keyPath: keyPath)
    {
    }
}

using Crypt.Crypto.Errors;

namespace Crypt.Formats.Encryption;

/// <summary>The plaintext has no document to encrypt (sops exit 92, NeedAtLeastOneDocument).</summary>
public sealed class EmptyDocumentException : CryptException
{
    /// <summary>Creates the error with its fixed message.</summary>
    public EmptyDocumentException()
        : base("the file has no document to encrypt: at least one is needed")
    {
    }
}

using Crypt.Crypto.Errors;

namespace Crypt.Formats.Encryption;

/// <summary>
/// The plaintext to encrypt already has a top-level <c>sops</c> key (dotenv: <c>sops_*</c>
/// keys): it is probably encrypted already (sops exit 203, FileAlreadyEncrypted).
/// </summary>
public sealed class FileAlreadyEncryptedException : CryptException
{
    /// <summary>Creates the error for the top-level <paramref name="key"/> that marks the file as encrypted.</summary>
    public FileAlreadyEncryptedException(string key)
        : base($"the file already has a top-level '{key}' key: it looks encrypted already")
    {
        Key = key;
    }

    /// <summary>The key that gave it away.</summary>
    public string Key { get; }
}

namespace Crypt.Crypto.Errors;

/// <summary>
/// An <c>ENC[...]</c> value did not parse or did not authenticate (sops exit 25). The message
/// names the key path, never the value.
/// </summary>
public sealed class ValueDecryptionException : CryptException
{
    public ValueDecryptionException(string keyPath, string reason)
        : base($"could not decrypt the value: {reason}", keyPath: keyPath)
    {
    }
}

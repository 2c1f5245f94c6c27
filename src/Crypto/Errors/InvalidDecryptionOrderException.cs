namespace Crypt.Crypto.Errors;

/// <summary>
/// A <c>--decryption-order</c> / <c>SOPS_DECRYPTION_ORDER</c> list names a key type twice
/// (sops exit 112, DuplicateDecryptionKeyType).
/// </summary>
public sealed class InvalidDecryptionOrderException : CryptException
{
    public InvalidDecryptionOrderException(string keyType)
        : base($"duplicate decryption key type: {keyType}")
    {
        KeyType = keyType;
    }

    /// <summary>The key type listed more than once.</summary>
    public string KeyType { get; }
}

namespace Crypt.Crypto.Errors;

/// <summary>
/// A <c>--decryption-order</c> / <c>SOPS_DECRYPTION_ORDER</c> list names a key type twice
/// (sops exit 112, DuplicateDecryptionKeyType).
/// </summary>
public sealed class InvalidDecryptionOrderException : CryptException
{
    /// <summary>The decryption order names <paramref name="keyType"/> more than once.</summary>
    /// <param name="keyType">The duplicated key type (<c>age</c>, <c>pgp</c>, <c>kms</c>, ...).</param>
    public InvalidDecryptionOrderException(string keyType)
        : base($"duplicate decryption key type: {keyType}")
    {
        KeyType = keyType;
    }

    /// <summary>The key type listed more than once.</summary>
    public string KeyType { get; }
}

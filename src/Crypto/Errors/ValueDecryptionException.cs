namespace Crypt.Crypto.Errors;

/// <summary>
/// An <c>ENC[...]</c> value did not parse or did not authenticate (sops exit 25). The message
/// names the key path, never the value.
/// </summary>
public sealed class ValueDecryptionException : CryptException
{
    /// <summary>The value at <paramref name="keyPath"/> did not parse or authenticate.</summary>
    /// <param name="keyPath">Where the value is in the document.</param>
    /// <param name="reason">Why it failed, never the value itself.</param>
    public ValueDecryptionException(string keyPath, string reason)
        : base($"could not decrypt the value: {reason}", keyPath: keyPath)
    {
    }
}

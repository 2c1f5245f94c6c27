namespace Crypt.Crypto.Age;

/// <summary>Something an age file key can be wrapped to: an X25519 or hybrid public key, a passphrase.</summary>
public interface IAgeRecipient
{
    /// <summary>
    /// The labels of age's <c>RecipientWithLabels</c> (age v1.3.1 age.go encryptHdr): all
    /// recipients of one file must carry the same set. Classic X25519: none; post-quantum:
    /// <c>postquantum</c>; scrypt: a random one, so it is always alone.
    /// </summary>
    IReadOnlyList<string> Labels { get; }

    /// <summary>Wraps the 16-byte <paramref name="fileKey"/> into one or more stanzas.</summary>
    IReadOnlyList<AgeStanza> Wrap(ReadOnlySpan<byte> fileKey);
}

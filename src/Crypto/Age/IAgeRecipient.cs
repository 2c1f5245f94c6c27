namespace Crypt.Crypto.Age;

/// <summary>Something an age file key can be wrapped to: an X25519 public key, a passphrase.</summary>
public interface IAgeRecipient
{
    /// <summary>
    /// True when the stanza must be the only one in the header (scrypt: a passphrase file is
    /// expected to be authenticated by the passphrase alone).
    /// </summary>
    bool MustBeAlone { get; }

    /// <summary>Wraps the 16-byte <paramref name="fileKey"/> into one or more stanzas.</summary>
    IReadOnlyList<AgeStanza> Wrap(ReadOnlySpan<byte> fileKey);
}

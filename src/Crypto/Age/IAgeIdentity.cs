namespace Crypt.Crypto.Age;

/// <summary>Something that can unwrap an age file key: an X25519 secret key, a passphrase.</summary>
public interface IAgeIdentity
{
    /// <summary>
    /// Returns the 16-byte file key from the first stanza addressed to this identity (the
    /// caller wipes it), or <c>null</c> when no stanza is.
    /// </summary>
    /// <exception cref="AgeException">A stanza of this identity's type is malformed (<see cref="AgeFailure.Header"/>).</exception>
    byte[]? Unwrap(IReadOnlyList<AgeStanza> stanzas);
}

namespace Crypt.Crypto.Age;

/// <summary>
/// Why an age operation failed, in the classes the age test kit (C2SP CCTV age) distinguishes,
/// plus the two ways a key string or file can be unusable.
/// </summary>
public enum AgeFailure
{
    /// <summary>The header does not parse, or a stanza addressed to a held identity is malformed.</summary>
    Header,

    /// <summary>The ASCII armor is not the strict PEM encoding age writes.</summary>
    Armor,

    /// <summary>A file key was unwrapped but the header MAC does not match.</summary>
    HeaderMac,

    /// <summary>The header parses but no identity held unwraps any stanza.</summary>
    NoMatch,

    /// <summary>The STREAM payload is truncated, tampered with, or followed by extra data.</summary>
    Payload,

    /// <summary>A key Crypt cannot use here: a missing age plugin binary, a passphrase-protected SSH key.</summary>
    UnsupportedRecipient,

    /// <summary>A recipient or identity string (or identity file) is malformed.</summary>
    InvalidKey,
}

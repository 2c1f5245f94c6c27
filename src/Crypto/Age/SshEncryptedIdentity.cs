namespace Crypt.Crypto.Age;

/// <summary>
/// A passphrase-protected SSH private key, known by its public key only. sops 3.13 (age/ssh_parse.go)
/// asks for the passphrase only when a file has a stanza for this key; Crypt does the same
/// matching and then fails with a clear message instead of prompting, so such a key in
/// <c>~/.ssh</c> never gets in the way of files it does not open.
/// </summary>
public sealed class SshEncryptedIdentity : IAgeIdentity
{
    private readonly string _type;
    private readonly string _fingerprint;
    private readonly string _source;

    internal SshEncryptedIdentity(byte[] publicKeyBlob, string source)
    {
        _type = SshWire.BlobType(publicKeyBlob) ?? "ssh";
        _fingerprint = SshWire.Fingerprint(publicKeyBlob);
        _source = source;
    }

    /// <inheritdoc />
    public byte[]? Unwrap(IReadOnlyList<AgeStanza> stanzas)
    {
        ArgumentNullException.ThrowIfNull(stanzas);
        if (stanzas.Any(s => s.Type == _type && s.Args.Count > 0 && s.Args[0] == _fingerprint))
        {
            throw new AgeException(
                AgeFailure.UnsupportedRecipient,
                $"{_source}: the SSH key is passphrase-protected, which Crypt does not support; use an unencrypted copy (SOPS_AGE_SSH_PRIVATE_KEY_FILE) or an age identity");
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString() => $"passphrase-protected SSH identity {_source}";
}

using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Utilities;

namespace Crypt.Crypto.Age;

/// <summary>
/// A passphrase-protected SSH private key, known by its public key until a file needs it, as
/// sops 3.10+ reads one (sops age/ssh_parse.go parseSSHIdentityFromPrivateKeyFile; age v1.3.1
/// agessh/encrypted_keys.go EncryptedSSHIdentity): the passphrase is asked only when a file
/// has a stanza for this key's public key, once; the decrypted key is kept for later files and
/// must match the public key. OpenSSH-format keys are decrypted (<see cref="OpenSshKeyDecryptor"/>);
/// legacy PEM-encrypted RSA keys (<c>Proc-Type: 4,ENCRYPTED</c>) are refused with a clear message.
/// </summary>
public sealed class SshEncryptedIdentity : IAgeIdentity, IDisposable
{
    private readonly byte[] _publicKeyBlob;
    private readonly string _type;
    private readonly string _fingerprint;
    private readonly string _source;
    private readonly byte[]? _container;
    private readonly Func<string, string>? _passphrase;
    private IAgeIdentity? _decrypted;

    /// <summary>
    /// <paramref name="container"/> is the <c>openssh-key-v1</c> binary, or null for a legacy PEM
    /// key; <paramref name="passphrase"/> is called with the prompt and returns the passphrase or
    /// throws <see cref="AgeException"/> when it cannot ask; null when nothing can ask.
    /// </summary>
    internal SshEncryptedIdentity(byte[] publicKeyBlob, string source, byte[]? container = null, Func<string, string>? passphrase = null)
    {
        _publicKeyBlob = publicKeyBlob;
        _type = SshWire.BlobType(publicKeyBlob) ?? "ssh";
        _fingerprint = SshWire.Fingerprint(publicKeyBlob);
        _source = source;
        _container = container;
        _passphrase = passphrase;
    }

    /// <inheritdoc />
    public byte[]? Unwrap(IReadOnlyList<AgeStanza> stanzas)
    {
        ArgumentNullException.ThrowIfNull(stanzas);
        if (_decrypted is not null)
        {
            return _decrypted.Unwrap(stanzas);
        }

        if (!stanzas.Any(s => s.Type == _type && s.Args.Count > 0 && s.Args[0] == _fingerprint))
        {
            return null;
        }

        _decrypted = Decrypt();
        return _decrypted.Unwrap(stanzas);
    }

    /// <summary>Wipes the decrypted key, if any.</summary>
    public void Dispose()
    {
        (_decrypted as IDisposable)?.Dispose();
        if (_container is not null)
        {
            CryptographicOperations.ZeroMemory(_container);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"passphrase-protected SSH identity {_source}";

    private IAgeIdentity Decrypt()
    {
        if (_container is null)
        {
            throw new AgeException(
                AgeFailure.UnsupportedRecipient,
                $"{_source}: the SSH key is a passphrase-protected PEM key (legacy or PKCS#8 encryption), which Crypt does not support; convert it with \"ssh-keygen -p -f {_source}\" (OpenSSH format) or use an age identity");
        }

        if (_passphrase is null)
        {
            throw new AgeException(AgeFailure.InvalidKey, $"{_source}: the SSH key is passphrase-protected and there is no way to ask for its passphrase here; use an unencrypted key or an age identity");
        }

        string typed;
        try
        {
            typed = _passphrase($"Enter passphrase for \"{_source}\":");
        }
        catch (AgeException e)
        {
            throw new AgeException(e.Failure, $"{_source}: the SSH key is passphrase-protected: {e.Message}; use an unencrypted key (SOPS_AGE_SSH_PRIVATE_KEY_FILE) or an age identity");
        }

        byte[] passphrase = Encoding.UTF8.GetBytes(typed);
        byte[]? plain = null;
        try
        {
            plain = OpenSshKeyDecryptor.Decrypt(_container, passphrase)
                ?? throw new AgeException(AgeFailure.InvalidKey, $"{_source}: incorrect passphrase for the SSH key");
            IAgeIdentity identity = SshKeyParser.FromKey(OpenSshPrivateKeyUtilities.ParsePrivateKeyBlob(plain), _source);
            byte[] blob = identity switch
            {
                SshEd25519Identity ed25519 => ed25519.Blob,
                SshRsaIdentity rsa => rsa.Blob,
                _ => [],
            };
            if (!blob.AsSpan().SequenceEqual(_publicKeyBlob))
            {
                (identity as IDisposable)?.Dispose();
                throw new AgeException(AgeFailure.InvalidKey, $"{_source}: the decrypted SSH private key does not match its public key");
            }

            return identity;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or IOException or InvalidCastException or IndexOutOfRangeException)
        {
            throw new AgeException(AgeFailure.InvalidKey, $"malformed SSH identity in \"{_source}\": the encrypted key does not parse");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(passphrase);
            if (plain is not null)
            {
                CryptographicOperations.ZeroMemory(plain);
            }
        }
    }
}

using System.Text;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Utilities;
using Org.BouncyCastle.Security;

namespace Crypt.Crypto.Age;

/// <summary>
/// Parses SSH keys for age's SSH recipient types as sops 3.13 reads them (age/keysource.go
/// parseRecipient, age/ssh_parse.go; age v1.3.1 agessh.ParseRecipient and ParseIdentity, which
/// use golang.org/x/crypto/ssh): recipients are authorized_keys lines of type
/// <c>ssh-ed25519</c> or <c>ssh-rsa</c>; identities are PEM files in the OpenSSH format
/// (<c>openssh-key-v1</c>), PKCS#1 (<c>RSA PRIVATE KEY</c>) or PKCS#8 (<c>PRIVATE KEY</c>).
/// A passphrase-protected key becomes an <see cref="SshEncryptedIdentity"/>, whose public key
/// comes from the file itself (OpenSSH format) or from the <c>.pub</c> file beside it, and which
/// asks for the passphrase only when a file needs the key.
/// </summary>
public static class SshKeyParser
{
    private static ReadOnlySpan<byte> OpenSshMagic => "openssh-key-v1\0"u8;

    /// <summary>Parses <c>ssh-ed25519 AAAA... [comment]</c> or <c>ssh-rsa AAAA... [comment]</c>.</summary>
    /// <exception cref="AgeException">Malformed or unsupported SSH recipient (<see cref="AgeFailure.InvalidKey"/>).</exception>
    internal static IAgeRecipient ParseRecipient(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        string shown = AgeKeyParser.Shorten(line);
        byte[] blob = SshWire.ParseAuthorizedKey(line)
            ?? throw new AgeException(AgeFailure.InvalidKey, $"malformed SSH recipient: \"{shown}\"");
        return SshWire.BlobType(blob) switch
        {
            SshEd25519Recipient.StanzaType => SshEd25519Recipient.FromBlob(blob, line.Trim())
                ?? throw new AgeException(AgeFailure.InvalidKey, $"malformed SSH recipient: \"{shown}\": invalid Ed25519 public key"),
            SshRsaRecipient.StanzaType => WithContext(() => SshRsaRecipient.FromBlob(blob, line.Trim()), shown),
            string type => throw new AgeException(AgeFailure.InvalidKey, $"unknown SSH recipient type: \"{type}\""),
            null => throw new AgeException(AgeFailure.InvalidKey, $"malformed SSH recipient: \"{shown}\""),
        };
    }

    /// <summary>
    /// Parses an SSH private key file's text. <paramref name="readPublicKey"/> returns the
    /// <c>.pub</c> file's text (or null) and is called only for an encrypted PEM key, whose
    /// public key is not in the file. <paramref name="passphrase"/> asks for the passphrase of a
    /// passphrase-protected OpenSSH key (called with the prompt, only when a file needs the key);
    /// without it such a key fails when a file needs it.
    /// </summary>
    /// <exception cref="AgeException">Not a supported SSH private key (<see cref="AgeFailure.InvalidKey"/>); the message names <paramref name="source"/>, never key material.</exception>
    public static IAgeIdentity ParseIdentity(string pem, string source, Func<string?>? readPublicKey = null, Func<string, string>? passphrase = null)
    {
        ArgumentNullException.ThrowIfNull(pem);
        ArgumentNullException.ThrowIfNull(source);
        (string label, bool encrypted, byte[] der) = Unarmor(pem)
            ?? throw new AgeException(AgeFailure.InvalidKey, $"malformed SSH identity in \"{source}\": no PEM block");
        try
        {
            if (label == "OPENSSH PRIVATE KEY")
            {
                return ParseOpenSsh(der, source, passphrase);
            }

            if (encrypted || label == "ENCRYPTED PRIVATE KEY")
            {
                byte[] blob = (readPublicKey?.Invoke() is { } pub ? SshWire.ParseAuthorizedKey(pub) : null)
                    ?? throw new AgeException(AgeFailure.InvalidKey, $"{source}: the SSH key is passphrase-protected and its public key ({source}.pub) could not be read");
                return new SshEncryptedIdentity(blob, source);
            }

            AsymmetricKeyParameter key = label switch
            {
                "RSA PRIVATE KEY" => OpenSshPrivateKeyUtilities.ParsePrivateKeyBlob(der),
                "PRIVATE KEY" => PrivateKeyFactory.CreateKey(der),
                _ => throw new AgeException(AgeFailure.InvalidKey, $"malformed SSH identity in \"{source}\": unsupported PEM type \"{label}\""),
            };
            return FromKey(key, source);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or InvalidCastException or IndexOutOfRangeException or Org.BouncyCastle.Security.SecurityUtilityException)
        {
            throw new AgeException(AgeFailure.InvalidKey, $"malformed SSH identity in \"{source}\": the key does not parse");
        }
    }

    private static IAgeIdentity ParseOpenSsh(byte[] der, string source, Func<string, string>? passphrase)
    {
        // openssh PROTOCOL.key: magic, ciphername, kdfname, kdfoptions, number of keys, public key, private section.
        if (!der.AsSpan().StartsWith(OpenSshMagic))
        {
            throw new AgeException(AgeFailure.InvalidKey, $"malformed SSH identity in \"{source}\": not an openssh-key-v1 key");
        }

        int offset = OpenSshMagic.Length;
        byte[]? cipher = SshWire.ReadString(der, ref offset);
        _ = SshWire.ReadString(der, ref offset);
        _ = SshWire.ReadString(der, ref offset);
        uint? count = SshWire.ReadUInt32(der, ref offset);
        byte[]? publicKey = SshWire.ReadString(der, ref offset);
        if (cipher is null || count != 1 || publicKey is null)
        {
            throw new AgeException(AgeFailure.InvalidKey, $"malformed SSH identity in \"{source}\": expected exactly one key");
        }

        if (Encoding.ASCII.GetString(cipher) != "none")
        {
            return new SshEncryptedIdentity(publicKey, source, der, passphrase);
        }

        return FromKey(OpenSshPrivateKeyUtilities.ParsePrivateKeyBlob(der), source);
    }

    internal static IAgeIdentity FromKey(AsymmetricKeyParameter key, string source)
    {
        switch (key)
        {
            case Ed25519PrivateKeyParameters ed25519:
                byte[] seed = ed25519.GetEncoded();
                try
                {
                    byte[] publicKey = ed25519.GeneratePublicKey().GetEncoded();
                    byte[] blob = OpenSshPublicKeyUtilities.EncodePublicKey(ed25519.GeneratePublicKey());
                    return new SshEd25519Identity(seed, publicKey, blob);
                }
                finally
                {
                    System.Security.Cryptography.CryptographicOperations.ZeroMemory(seed);
                }

            case RsaPrivateCrtKeyParameters rsa:
                return new SshRsaIdentity(rsa);
            default:
                throw new AgeException(AgeFailure.InvalidKey, $"unsupported SSH identity type in \"{source}\" (age supports ssh-ed25519 and ssh-rsa)");
        }
    }

    private static (string Label, bool Encrypted, byte[] Der)? Unarmor(string pem)
    {
        string[] lines = pem.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
        int begin = Array.FindIndex(lines, l => l.StartsWith("-----BEGIN ", StringComparison.Ordinal) && l.EndsWith("-----", StringComparison.Ordinal));
        if (begin < 0)
        {
            return null;
        }

        string label = lines[begin]["-----BEGIN ".Length..^5];
        int end = Array.FindIndex(lines, begin + 1, l => l == $"-----END {label}-----");
        if (end < 0)
        {
            return null;
        }

        bool encrypted = false;
        StringBuilder base64 = new();
        foreach (string line in lines[(begin + 1)..end])
        {
            if (line.Contains(':', StringComparison.Ordinal))
            {
                // RFC 1421 headers of legacy PEM: "Proc-Type: 4,ENCRYPTED", "DEK-Info: ...".
                encrypted |= line.StartsWith("Proc-Type:", StringComparison.Ordinal) && line.Contains("ENCRYPTED", StringComparison.Ordinal);
                continue;
            }

            base64.Append(line.Trim());
        }

        try
        {
            return (label, encrypted, Convert.FromBase64String(base64.ToString()));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static IAgeRecipient WithContext(Func<IAgeRecipient> parse, string shown)
    {
        try
        {
            return parse();
        }
        catch (AgeException e)
        {
            throw new AgeException(AgeFailure.InvalidKey, $"malformed SSH recipient: \"{shown}\": {e.Message}");
        }
    }
}

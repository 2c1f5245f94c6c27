using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Encodings;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Utilities;

namespace Crypt.Crypto.Age;

/// <summary>
/// An SSH RSA private key as an age identity (age v1.3.1 agessh/agessh.go RSAIdentity): opens
/// <c>ssh-rsa</c> stanzas whose fingerprint is this key's, with RSA-OAEP-SHA-256 and age's label.
/// </summary>
internal sealed class SshRsaIdentity : IAgeIdentity
{
    private readonly RsaPrivateCrtKeyParameters _key;
    private readonly byte[] _blob;
    private readonly string _fingerprint;

    internal SshRsaIdentity(RsaPrivateCrtKeyParameters key)
    {
        _key = key;
        _blob = OpenSshPublicKeyUtilities.EncodePublicKey(new RsaKeyParameters(false, key.Modulus, key.PublicExponent));
        _fingerprint = SshWire.Fingerprint(_blob);
    }

    /// <summary>The SSH public key blob.</summary>
    internal byte[] Blob => _blob;

    /// <summary>The matching recipient.</summary>
    public SshRsaRecipient Recipient => SshRsaRecipient.FromBlob(_blob, "ssh-rsa " + Convert.ToBase64String(_blob));

    /// <inheritdoc />
    public byte[]? Unwrap(IReadOnlyList<AgeStanza> stanzas)
    {
        ArgumentNullException.ThrowIfNull(stanzas);
        foreach (AgeStanza stanza in stanzas)
        {
            if (stanza.Type != SshRsaRecipient.StanzaType)
            {
                continue;
            }

            if (stanza.Args.Count != 1)
            {
                throw AgeException.Header("ssh-rsa stanza must have exactly one argument");
            }

            if (stanza.Args[0] != _fingerprint)
            {
                continue;
            }

            OaepEncoding oaep = new(new RsaBlindedEngine(), new Sha256Digest(), new Sha256Digest(), SshRsaRecipient.OaepLabel);
            oaep.Init(false, _key);
            try
            {
                byte[] fileKey = oaep.ProcessBlock(stanza.Body, 0, stanza.Body.Length);
                return fileKey.Length == AgeKeys.FileKeySize
                    ? fileKey
                    : throw AgeException.Header("ssh-rsa stanza does not hold a 16-byte file key");
            }
            catch (InvalidCipherTextException)
            {
                throw AgeException.Header("ssh-rsa stanza: failed to decrypt the file key");
            }
            catch (DataLengthException)
            {
                throw AgeException.Header("ssh-rsa stanza: failed to decrypt the file key");
            }
        }

        return null;
    }

    /// <summary>Names the public key only.</summary>
    public override string ToString() => $"SSH identity for ssh-rsa {_fingerprint}";
}

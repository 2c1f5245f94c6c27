using System.Security.Cryptography;
using Crypt.Crypto.Sodium;

namespace Crypt.Crypto.Age;

/// <summary>
/// An SSH Ed25519 private key as an age identity (age v1.3.1 agessh/agessh.go Ed25519Identity):
/// opens <c>ssh-ed25519</c> stanzas whose fingerprint is this key's. The X25519 scalar is
/// SHA-512 of the Ed25519 seed, first half, and is wiped on dispose.
/// </summary>
internal sealed class SshEd25519Identity : IAgeIdentity, IDisposable
{
    private readonly byte[] _blob;
    private readonly byte[] _scalar = new byte[32];
    private readonly byte[] _x25519PublicKey = new byte[32];
    private readonly string _fingerprint;

    internal SshEd25519Identity(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> publicKey, byte[] blob)
    {
        _blob = blob;
        byte[] secret = [.. seed, .. publicKey];
        try
        {
            Libsodium.Ed25519SecretKeyToX25519(secret, _scalar);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }

        Libsodium.X25519Base(_scalar, _x25519PublicKey);
        _fingerprint = SshWire.Fingerprint(blob);
    }

    /// <summary>The SSH public key blob.</summary>
    internal byte[] Blob => _blob;

    /// <summary>The matching recipient.</summary>
    public SshEd25519Recipient Recipient => new(_blob, _x25519PublicKey, "ssh-ed25519 " + Convert.ToBase64String(_blob));

    /// <inheritdoc />
    public byte[]? Unwrap(IReadOnlyList<AgeStanza> stanzas)
    {
        ArgumentNullException.ThrowIfNull(stanzas);
        foreach (AgeStanza stanza in stanzas)
        {
            if (stanza.Type != SshEd25519Recipient.StanzaType)
            {
                continue;
            }

            if (stanza.Args.Count != 2)
            {
                throw AgeException.Header("ssh-ed25519 stanza must have exactly two arguments");
            }

            byte[]? share = AgeBase64.DecodeUnpadded(stanza.Args[1]);
            if (share is not { Length: 32 })
            {
                throw AgeException.Header("ssh-ed25519 stanza share is not a canonical 32-byte value");
            }

            if (stanza.Args[0] != _fingerprint)
            {
                continue;
            }

            return UnwrapOne(share, stanza.Body);
        }

        return null;
    }

    /// <inheritdoc />
    public void Dispose() => CryptographicOperations.ZeroMemory(_scalar);

    /// <summary>Names the public key only.</summary>
    public override string ToString() => $"SSH identity for {Recipient}";

    private byte[] UnwrapOne(byte[] share, byte[] body)
    {
        Span<byte> wrapKey = stackalloc byte[32];
        try
        {
            if (!SshEd25519Recipient.WrapKey(_scalar, share, _blob, share, _x25519PublicKey, wrapKey))
            {
                throw AgeException.Header("ssh-ed25519 stanza share is a low-order point");
            }

            if (body.Length != AgeKeys.WrappedFileKeySize)
            {
                throw AgeException.Header("ssh-ed25519 stanza body is not a 16-byte wrapped file key");
            }

            return AgeKeys.UnwrapFileKey(wrapKey, body)
                ?? throw AgeException.Header("ssh-ed25519 stanza: failed to decrypt the file key");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(wrapKey);
        }
    }
}

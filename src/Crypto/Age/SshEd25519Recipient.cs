using System.Security.Cryptography;
using Crypt.Crypto.Sodium;

namespace Crypt.Crypto.Age;

/// <summary>
/// age's <c>ssh-ed25519</c> recipient type (age v1.3.1 agessh/agessh.go Ed25519Recipient): the
/// Ed25519 key mapped to X25519, an X25519 exchange with a fresh ephemeral key, the shared
/// secret multiplied by a tweak (HKDF-SHA-256 of the SSH key blob, label
/// <c>age-encryption.org/v1/ssh-ed25519</c>), then HKDF into the ChaCha20-Poly1305 wrap key.
/// The stanza names the key by its 4-byte fingerprint, so it is not anonymous.
/// </summary>
internal sealed class SshEd25519Recipient : IAgeRecipient
{
    internal const string StanzaType = "ssh-ed25519";
    private readonly byte[] _blob;
    private readonly byte[] _x25519PublicKey;
    private readonly string _text;

    internal SshEd25519Recipient(byte[] blob, byte[] x25519PublicKey, string text)
    {
        _blob = blob;
        _x25519PublicKey = x25519PublicKey;
        _text = text;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Labels => [];

    internal static ReadOnlySpan<byte> Label => "age-encryption.org/v1/ssh-ed25519"u8;

    /// <summary>Builds the recipient from an <c>ssh-ed25519</c> key blob; null when the point is invalid.</summary>
    internal static SshEd25519Recipient? FromBlob(byte[] blob, string text)
    {
        int offset = 0;
        _ = SshWire.ReadString(blob, ref offset);
        byte[]? key = SshWire.ReadString(blob, ref offset);
        byte[] x25519 = new byte[32];
        return key is { Length: 32 } && offset == blob.Length && Libsodium.Ed25519PublicKeyToX25519(key, x25519)
            ? new SshEd25519Recipient(blob, x25519, text)
            : null;
    }

    /// <inheritdoc />
    public IReadOnlyList<AgeStanza> Wrap(ReadOnlySpan<byte> fileKey)
    {
        Span<byte> ephemeral = stackalloc byte[32];
        Span<byte> share = stackalloc byte[32];
        Span<byte> wrapKey = stackalloc byte[32];
        try
        {
            Libsodium.RandomBytes(ephemeral);
            Libsodium.X25519Base(ephemeral, share);
            if (!WrapKey(ephemeral, _x25519PublicKey, _blob, share, _x25519PublicKey, wrapKey))
            {
                throw new AgeException(AgeFailure.InvalidKey, "the ssh-ed25519 recipient is a low-order point");
            }

            string[] args = [SshWire.Fingerprint(_blob), AgeBase64.EncodeUnpadded(share)];
            return [new AgeStanza(StanzaType, args, AgeKeys.WrapFileKey(wrapKey, fileKey))];
        }
        finally
        {
            CryptographicOperations.ZeroMemory(ephemeral);
            CryptographicOperations.ZeroMemory(wrapKey);
        }
    }

    /// <summary>The <c>ssh-ed25519 AAAA...</c> line it was parsed from.</summary>
    public override string ToString() => _text;

    // Both sides: X25519(scalar, point), times the tweak, HKDF with salt share ‖ recipient.
    internal static bool WrapKey(ReadOnlySpan<byte> scalar, ReadOnlySpan<byte> point, ReadOnlySpan<byte> blob, ReadOnlySpan<byte> share, ReadOnlySpan<byte> recipient, Span<byte> wrapKey)
    {
        Span<byte> shared = stackalloc byte[32];
        Span<byte> tweak = stackalloc byte[32];
        Span<byte> tweaked = stackalloc byte[32];
        try
        {
            if (!Libsodium.X25519(scalar, point, shared))
            {
                return false;
            }

            // The tweak is HKDF with an empty secret and the key blob as the salt.
            Libsodium.HkdfSha256([], blob, Label, tweak);

            // age ignores the result check here (the tweaked point of a valid secret is never zero).
            _ = Libsodium.X25519(tweak, shared, tweaked);
            Libsodium.HkdfSha256(tweaked, [.. share, .. recipient], Label, wrapKey);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
            CryptographicOperations.ZeroMemory(tweak);
            CryptographicOperations.ZeroMemory(tweaked);
        }
    }
}

using System.Security.Cryptography;
using NSec.Cryptography;

namespace Crypt.Crypto.Age;

/// <summary>
/// An age X25519 recipient (spec, "The X25519 recipient type"): a Curve25519 public key,
/// written as Bech32 with HRP <c>age</c>. Wrapping uses a fresh ephemeral key per stanza.
/// </summary>
public sealed class X25519Recipient : IAgeRecipient
{
    internal const string StanzaType = "X25519";
    private const string Hrp = "age";
    private readonly byte[] _publicKey;

    internal X25519Recipient(ReadOnlySpan<byte> publicKey)
    {
        _publicKey = publicKey.ToArray();
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Labels => [];

    /// <summary>Parses an <c>age1...</c> recipient.</summary>
    /// <exception cref="AgeException">The string is not a valid X25519 recipient (<see cref="AgeFailure.InvalidKey"/>).</exception>
    public static X25519Recipient Parse(string recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        if (!Bech32.TryDecode(recipient, out string hrp, out byte[] key, out string error))
        {
            throw new AgeException(AgeFailure.InvalidKey, $"malformed age recipient \"{recipient}\": {error}");
        }

        if (hrp != Hrp || key.Length != 32)
        {
            throw new AgeException(AgeFailure.InvalidKey, $"malformed age recipient \"{recipient}\": not an X25519 recipient");
        }

        return new X25519Recipient(key);
    }

    /// <inheritdoc />
    public IReadOnlyList<AgeStanza> Wrap(ReadOnlySpan<byte> fileKey)
    {
        KeyAgreementAlgorithm x25519 = KeyAgreementAlgorithm.X25519;
        using Key ephemeral = AgeKeys.NewX25519Key(KeyExportPolicies.None);
        byte[] share = ephemeral.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        PublicKey theirs = PublicKey.Import(x25519, _publicKey, KeyBlobFormat.RawPublicKey);
        Span<byte> wrapKey = stackalloc byte[32];
        try
        {
            if (!AgeKeys.X25519WrapKey(ephemeral, theirs, [.. share, .. _publicKey], wrapKey))
            {
                throw new AgeException(AgeFailure.InvalidKey, "the X25519 recipient is a low-order point");
            }

            return [new AgeStanza(StanzaType, [AgeBase64.EncodeUnpadded(share)], AgeKeys.WrapFileKey(wrapKey, fileKey))];
        }
        finally
        {
            CryptographicOperations.ZeroMemory(wrapKey);
        }
    }

    /// <summary>The <c>age1...</c> form.</summary>
    public override string ToString() => Bech32.Encode(Hrp, _publicKey);
}

using System.Security.Cryptography;
using NSec.Cryptography;

namespace Crypt.Crypto.Age;

/// <summary>
/// An age X25519 identity (spec, "The X25519 recipient type"): a Curve25519 secret key,
/// written as upper-case Bech32 with HRP <c>AGE-SECRET-KEY-</c>. The key lives in libsodium
/// secure memory and is wiped on dispose; <see cref="ToString"/> never shows it.
/// </summary>
public sealed class X25519Identity : IAgeIdentity, IDisposable
{
    private const string Hrp = "AGE-SECRET-KEY-";
    private readonly Key _key;
    private readonly byte[] _publicKey;

    private X25519Identity(Key key)
    {
        _key = key;
        _publicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
    }

    /// <summary>The matching recipient.</summary>
    public X25519Recipient Recipient => new(_publicKey);

    /// <summary>A new identity from the OS CSPRNG.</summary>
    public static X25519Identity Generate() => new(AgeKeys.NewX25519Key(KeyExportPolicies.AllowPlaintextExport));

    /// <summary>Parses an <c>AGE-SECRET-KEY-1...</c> identity.</summary>
    /// <exception cref="AgeException">The string is not a valid X25519 identity (<see cref="AgeFailure.InvalidKey"/>); the message never repeats it.</exception>
    public static X25519Identity Parse(string identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (!Bech32.TryDecode(identity, out string hrp, out byte[] scalar, out string error))
        {
            throw new AgeException(AgeFailure.InvalidKey, $"malformed secret key: {error}");
        }

        try
        {
            if (hrp != Hrp || scalar.Length != 32)
            {
                throw new AgeException(AgeFailure.InvalidKey, "malformed secret key: not an X25519 identity");
            }

            return new X25519Identity(Key.Import(
                KeyAgreementAlgorithm.X25519,
                scalar,
                KeyBlobFormat.RawPrivateKey,
                new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scalar);
        }
    }

    /// <inheritdoc />
    public byte[]? Unwrap(IReadOnlyList<AgeStanza> stanzas)
    {
        ArgumentNullException.ThrowIfNull(stanzas);
        foreach (AgeStanza stanza in stanzas)
        {
            if (stanza.Type == X25519Recipient.StanzaType && UnwrapOne(stanza) is { } fileKey)
            {
                return fileKey;
            }
        }

        return null;
    }

    /// <summary>The <c>AGE-SECRET-KEY-1...</c> form, upper case as age prints it. Handle as a secret.</summary>
    public string ToSecretString()
    {
        byte[] scalar = _key.Export(KeyBlobFormat.RawPrivateKey);
        try
        {
            return Bech32.Encode(Hrp, scalar);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scalar);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();

    /// <summary>Names the public key only.</summary>
    public override string ToString() => $"X25519 identity for {Recipient}";

    private byte[]? UnwrapOne(AgeStanza stanza)
    {
        if (stanza.Args.Count != 1)
        {
            throw AgeException.Header("X25519 stanza must have exactly one argument");
        }

        byte[]? share = AgeBase64.DecodeUnpadded(stanza.Args[0]);
        if (share is not { Length: 32 })
        {
            throw AgeException.Header("X25519 stanza share is not a canonical 32-byte value");
        }

        if (stanza.Body.Length != AgeKeys.WrappedFileKeySize)
        {
            throw AgeException.Header("X25519 stanza body is not a 16-byte wrapped file key");
        }

        PublicKey ephemeral = PublicKey.Import(KeyAgreementAlgorithm.X25519, share, KeyBlobFormat.RawPublicKey);
        Span<byte> wrapKey = stackalloc byte[32];
        try
        {
            // libsodium refuses an all-zero shared secret (low-order share); the spec says abort.
            if (!AgeKeys.X25519WrapKey(_key, ephemeral, [.. share, .. _publicKey], wrapKey))
            {
                throw AgeException.Header("X25519 stanza share is a low-order point");
            }

            return AgeKeys.UnwrapFileKey(wrapKey, stanza.Body);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(wrapKey);
        }
    }
}

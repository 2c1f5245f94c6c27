using System.Security.Cryptography;

namespace Crypt.Crypto.Age;

/// <summary>
/// An age post-quantum hybrid identity (age 1.3, pq.go): the 32-byte MLKEM768-X25519 seed,
/// written as upper-case Bech32 with HRP <c>AGE-SECRET-KEY-PQ-</c>. Opens
/// <c>mlkem768x25519</c> stanzas; rejects malformed ones as the age test kit expects (one
/// argument, a 1120-byte encapsulation, a 32-byte body, no low-order X25519 share).
/// </summary>
public sealed class HybridIdentity : IAgeIdentity, IDisposable
{
    private const string Hrp = "AGE-SECRET-KEY-PQ-";
    private readonly byte[] _seed;
    private readonly XWingPrivateKey _key;

    private HybridIdentity(byte[] seed)
    {
        _seed = seed;
        _key = new XWingPrivateKey(seed);
    }

    /// <summary>The matching recipient.</summary>
    public HybridRecipient Recipient => new(_key.PublicKey);

    /// <summary>A new identity from libsodium's CSPRNG.</summary>
    public static HybridIdentity Generate() => new(XWing.NewSeed());

    /// <summary>Parses an <c>AGE-SECRET-KEY-PQ-1...</c> identity.</summary>
    /// <exception cref="AgeException">The string is not a valid hybrid identity (<see cref="AgeFailure.InvalidKey"/>); the message never repeats it.</exception>
    public static HybridIdentity Parse(string identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (!Bech32.TryDecode(identity, out string hrp, out byte[] seed, out string error))
        {
            throw new AgeException(AgeFailure.InvalidKey, $"malformed secret key: {error}");
        }

        if (hrp != Hrp || seed.Length != XWing.SeedSize)
        {
            CryptographicOperations.ZeroMemory(seed);
            throw new AgeException(AgeFailure.InvalidKey, "malformed secret key: not a post-quantum hybrid identity");
        }

        return new HybridIdentity(seed);
    }

    /// <inheritdoc />
    public byte[]? Unwrap(IReadOnlyList<AgeStanza> stanzas)
    {
        ArgumentNullException.ThrowIfNull(stanzas);
        foreach (AgeStanza stanza in stanzas)
        {
            if (stanza.Type == HybridRecipient.StanzaType && UnwrapOne(stanza) is { } fileKey)
            {
                return fileKey;
            }
        }

        return null;
    }

    /// <summary>The <c>AGE-SECRET-KEY-PQ-1...</c> form, upper case as age prints it. Handle as a secret.</summary>
    public string ToSecretString() => Bech32.Encode(Hrp, _seed);

    /// <inheritdoc />
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_seed);
        _key.Dispose();
    }

    /// <summary>Names the kind only; the recipient is too long to be useful here.</summary>
    public override string ToString() => "post-quantum hybrid identity";

    private byte[]? UnwrapOne(AgeStanza stanza)
    {
        if (stanza.Args.Count != 1)
        {
            throw AgeException.Header("mlkem768x25519 stanza must have exactly one argument");
        }

        byte[]? enc = AgeBase64.DecodeUnpadded(stanza.Args[0]);
        if (enc is not { Length: XWing.CiphertextSize })
        {
            throw AgeException.Header("mlkem768x25519 stanza encapsulation is not a canonical 1120-byte value");
        }

        if (stanza.Body.Length != AgeKeys.WrappedFileKeySize)
        {
            throw AgeException.Header("mlkem768x25519 stanza body is not a 16-byte wrapped file key");
        }

        return HybridHpke.Open(_key, enc, HybridRecipient.Info, stanza.Body, AgeKeys.FileKeySize);
    }
}

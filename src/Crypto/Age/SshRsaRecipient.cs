using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Encodings;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace Crypt.Crypto.Age;

/// <summary>
/// age's <c>ssh-rsa</c> recipient type (age v1.3.1 agessh/agessh.go RSARecipient): the file key
/// encrypted with RSA-OAEP, SHA-256 for hash and MGF1, label
/// <c>age-encryption.org/v1/ssh-rsa</c>; keys under 2048 bits are refused as age refuses them.
/// OAEP with a label comes from BouncyCastle (.NET's RSA has no OAEP label).
/// </summary>
internal sealed class SshRsaRecipient : IAgeRecipient
{
    internal const string StanzaType = "ssh-rsa";
    private readonly byte[] _blob;
    private readonly RsaKeyParameters _key;
    private readonly string _text;

    internal SshRsaRecipient(byte[] blob, RsaKeyParameters key, string text)
    {
        _blob = blob;
        _key = key;
        _text = text;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Labels => [];

    internal static byte[] OaepLabel => "age-encryption.org/v1/ssh-rsa"u8.ToArray();

    /// <summary>Builds the recipient from an <c>ssh-rsa</c> key blob (string type, mpint e, mpint n).</summary>
    /// <exception cref="AgeException">The blob is malformed or the key is under 2048 bits.</exception>
    internal static SshRsaRecipient FromBlob(byte[] blob, string text)
    {
        int offset = 0;
        _ = SshWire.ReadString(blob, ref offset);
        byte[]? e = SshWire.ReadString(blob, ref offset);
        byte[]? n = SshWire.ReadString(blob, ref offset);
        if (e is null || n is null || offset != blob.Length)
        {
            throw new AgeException(AgeFailure.InvalidKey, "malformed ssh-rsa public key");
        }

        RsaKeyParameters key = new(false, new Org.BouncyCastle.Math.BigInteger(1, n), new Org.BouncyCastle.Math.BigInteger(1, e));
        if ((key.Modulus.BitLength + 7) / 8 < 2048 / 8)
        {
            throw new AgeException(AgeFailure.InvalidKey, "RSA key size is too small");
        }

        return new SshRsaRecipient(blob, key, text);
    }

    /// <inheritdoc />
    public IReadOnlyList<AgeStanza> Wrap(ReadOnlySpan<byte> fileKey)
    {
        OaepEncoding oaep = new(new RsaBlindedEngine(), new Sha256Digest(), new Sha256Digest(), OaepLabel);
        oaep.Init(true, new ParametersWithRandom(_key, new SecureRandom()));
        byte[] input = fileKey.ToArray();
        try
        {
            return [new AgeStanza(StanzaType, [SshWire.Fingerprint(_blob)], oaep.ProcessBlock(input, 0, input.Length))];
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(input);
        }
    }

    /// <summary>The <c>ssh-rsa AAAA...</c> line it was parsed from.</summary>
    public override string ToString() => _text;
}

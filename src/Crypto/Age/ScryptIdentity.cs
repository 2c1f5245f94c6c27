using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Crypt.Crypto.Age;

/// <summary>
/// An age passphrase identity (spec, "The scrypt recipient type"). Rejects malformed stanzas
/// as the spec requires (exactly two arguments, canonical 16-byte salt, work factor digits
/// without leading zero) and work factors above 22, as age does, so a hostile file cannot
/// demand minutes of CPU and gigabytes of memory.
/// </summary>
internal sealed class ScryptIdentity : IAgeIdentity, IDisposable
{
    /// <summary>The largest work factor (log2 N) accepted on decryption, as in age.</summary>
    public const int MaxWorkFactor = 22;

    private readonly byte[] _passphrase;

    /// <summary>Creates an identity for <paramref name="passphrase"/> (UTF-8, not empty).</summary>
    public ScryptIdentity(string passphrase)
    {
        ArgumentException.ThrowIfNullOrEmpty(passphrase);
        _passphrase = Encoding.UTF8.GetBytes(passphrase);
    }

    /// <inheritdoc />
    public byte[]? Unwrap(IReadOnlyList<AgeStanza> stanzas)
    {
        ArgumentNullException.ThrowIfNull(stanzas);
        AgeStanza? stanza = stanzas.FirstOrDefault(s => s.Type == ScryptRecipient.StanzaType);
        if (stanza is null)
        {
            return null;
        }

        if (stanzas.Count != 1)
        {
            throw AgeException.Header("an scrypt stanza must be the only stanza in the header");
        }

        if (stanza.Args.Count != 2)
        {
            throw AgeException.Header("scrypt stanza must have exactly two arguments");
        }

        byte[]? salt = AgeBase64.DecodeUnpadded(stanza.Args[0]);
        if (salt is not { Length: ScryptRecipient.SaltSize })
        {
            throw AgeException.Header("scrypt salt is not a canonical 16-byte value");
        }

        string factor = stanza.Args[1];
        if (factor.Length is 0 or > 2 || factor[0] is < '1' or > '9' || !factor.All(char.IsAsciiDigit))
        {
            throw AgeException.Header(factor.Length > 2 && factor.All(char.IsAsciiDigit) && factor[0] != '0'
                ? $"scrypt work factor too large (the limit is {MaxWorkFactor})"
                : "scrypt work factor is not a decimal number without leading zeros");
        }

        int workFactor = int.Parse(factor, NumberStyles.None, CultureInfo.InvariantCulture);
        if (workFactor > MaxWorkFactor)
        {
            throw AgeException.Header($"scrypt work factor {workFactor} is above the limit of {MaxWorkFactor}");
        }

        if (stanza.Body.Length != AgeKeys.WrappedFileKeySize)
        {
            throw AgeException.Header("scrypt stanza body is not a 16-byte wrapped file key");
        }

        byte[] wrapKey = ScryptRecipient.DeriveKey(_passphrase, salt, workFactor);
        try
        {
            return AgeKeys.UnwrapFileKey(wrapKey, stanza.Body);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(wrapKey);
        }
    }

    /// <inheritdoc />
    public void Dispose() => CryptographicOperations.ZeroMemory(_passphrase);

    /// <summary>Never shows the passphrase.</summary>
    public override string ToString() => "scrypt passphrase identity";
}

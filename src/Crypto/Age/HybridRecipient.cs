namespace Crypt.Crypto.Age;

/// <summary>
/// An age post-quantum hybrid recipient (age 1.3, pq.go; C2SP age "mlkem768x25519" recipient
/// type): an MLKEM768-X25519 public key written as Bech32 with HRP <c>age1pq</c>. The file key
/// is sealed with HPKE under the info string <c>age-encryption.org/mlkem768x25519</c>. Carries
/// the <c>postquantum</c> label, so it cannot share a header with classic recipients.
/// </summary>
public sealed class HybridRecipient : IAgeRecipient
{
    internal const string StanzaType = "mlkem768x25519";
    internal const string Hrp = "age1pq";
    private readonly byte[] _publicKey;

    internal HybridRecipient(ReadOnlySpan<byte> publicKey)
    {
        _publicKey = publicKey.ToArray();
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Labels { get; } = [AgeKeys.PostQuantumLabel];

    internal static ReadOnlySpan<byte> Info => "age-encryption.org/mlkem768x25519"u8;

    /// <summary>Parses an <c>age1pq1...</c> recipient.</summary>
    /// <exception cref="AgeException">The string is not a valid hybrid recipient (<see cref="AgeFailure.InvalidKey"/>).</exception>
    public static HybridRecipient Parse(string recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        string shown = AgeKeyParser.Shorten(recipient);
        if (!Bech32.TryDecode(recipient, out string hrp, out byte[] key, out string error))
        {
            throw new AgeException(AgeFailure.InvalidKey, $"malformed recipient \"{shown}\": {error}");
        }

        if (hrp != Hrp)
        {
            throw new AgeException(AgeFailure.InvalidKey, $"malformed recipient \"{shown}\": invalid type \"{hrp}\"");
        }

        if (!XWing.IsValidPublicKey(key))
        {
            throw new AgeException(AgeFailure.InvalidKey, $"malformed recipient \"{shown}\": invalid MLKEM768-X25519 public key");
        }

        return new HybridRecipient(key);
    }

    /// <inheritdoc />
    public IReadOnlyList<AgeStanza> Wrap(ReadOnlySpan<byte> fileKey)
    {
        (byte[] enc, byte[] body) = HybridHpke.Seal(_publicKey, Info, fileKey);
        return [new AgeStanza(StanzaType, [AgeBase64.EncodeUnpadded(enc)], body)];
    }

    /// <summary>The <c>age1pq1...</c> form.</summary>
    public override string ToString() => Bech32.Encode(Hrp, _publicKey);
}

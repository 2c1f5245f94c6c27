using System.Security.Cryptography;
using System.Text;
using Crypt.Crypto.Age;

namespace Crypt.Crypto.Tests.Age;

/// <summary>Post-quantum hybrid (mlkem768x25519) recipients beyond the test kit's decryption vectors.</summary>
public sealed class HybridTests
{
    [Theory]
    [InlineData(0, false)]
    [InlineData(100, true)]
    [InlineData(70000, false)]
    public void A_file_for_a_hybrid_recipient_opens_with_its_identity(int length, bool armor)
    {
        using HybridIdentity identity = HybridIdentity.Generate();
        byte[] plaintext = RandomNumberGenerator.GetBytes(length);
        byte[] file = AgeEncryptor.Encrypt(plaintext, [identity.Recipient], armor);
        Assert.Equal(plaintext, AgeDecryptor.Decrypt(file, [identity]));
    }

    [Fact]
    public void A_hybrid_file_has_one_mlkem768x25519_stanza_per_recipient_and_opens_with_either_identity()
    {
        using HybridIdentity a = HybridIdentity.Generate();
        using HybridIdentity b = HybridIdentity.Generate();
        byte[] file = AgeEncryptor.Encrypt("both"u8, [a.Recipient, b.Recipient], armor: false);
        string header = Encoding.ASCII.GetString(file);
        Assert.Equal(2, header.Split("-> mlkem768x25519 ").Length - 1);
        Assert.Equal("both"u8.ToArray(), AgeDecryptor.Decrypt(file, [b]));
        Assert.Equal("both"u8.ToArray(), AgeDecryptor.Decrypt(file, [a]));
    }

    [Fact]
    public void Another_hybrid_identity_is_no_match()
    {
        using HybridIdentity mine = HybridIdentity.Generate();
        using HybridIdentity other = HybridIdentity.Generate();
        byte[] file = AgeEncryptor.Encrypt("x"u8, [mine.Recipient], armor: false);
        Assert.Equal(AgeFailure.NoMatch, Assert.Throws<AgeException>(() => AgeDecryptor.Decrypt(file, [other])).Failure);
    }

    [Fact]
    public void Hybrid_and_classic_recipients_cannot_share_one_age_file_as_in_age()
    {
        using HybridIdentity pq = HybridIdentity.Generate();
        using X25519Identity classic = X25519Identity.Generate();
        ArgumentException error = Assert.Throws<ArgumentException>(() => AgeEncryptor.Encrypt("x"u8, [pq.Recipient, classic.Recipient], armor: false));
        Assert.Contains("can't mix post-quantum and classic recipients", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => AgeEncryptor.Encrypt("x"u8, [classic.Recipient, pq.Recipient], armor: false));
    }

    [Fact]
    public void A_hybrid_identity_and_recipient_round_trip_through_their_strings()
    {
        using HybridIdentity identity = HybridIdentity.Generate();
        string secret = identity.ToSecretString();
        Assert.StartsWith("AGE-SECRET-KEY-PQ-1", secret, StringComparison.Ordinal);
        using HybridIdentity parsed = Assert.IsType<HybridIdentity>(AgeKeyParser.ParseIdentity(secret));
        string recipient = identity.Recipient.ToString();
        Assert.Equal(recipient, parsed.Recipient.ToString());
        Assert.Equal(recipient, AgeKeyParser.ParseRecipient(recipient).ToString());
        Assert.DoesNotContain(secret, identity.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_hybrid_recipient_with_a_bad_checksum_or_a_short_key_is_an_invalid_key()
    {
        using HybridIdentity identity = HybridIdentity.Generate();
        string recipient = identity.Recipient.ToString();
        string flipped = recipient[..^1] + (recipient[^1] == 'q' ? 'p' : 'q');
        Assert.Equal(AgeFailure.InvalidKey, Assert.Throws<AgeException>(() => AgeKeyParser.ParseRecipient(flipped)).Failure);
        string shortKey = Bech32.Encode("age1pq", new byte[32]);
        AgeException error = Assert.Throws<AgeException>(() => AgeKeyParser.ParseRecipient(shortKey));
        Assert.Equal(AgeFailure.InvalidKey, error.Failure);
        Assert.Contains("MLKEM768-X25519", error.Message, StringComparison.Ordinal);
    }
}

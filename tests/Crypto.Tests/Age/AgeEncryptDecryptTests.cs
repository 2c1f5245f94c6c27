using System.Security.Cryptography;
using System.Text;
using Crypt.Crypto.Age;
using CsCheck;

namespace Crypt.Crypto.Tests.Age;

public sealed class AgeEncryptDecryptTests
{
    [Theory]
    [InlineData(0, false)]
    [InlineData(0, true)]
    [InlineData(47, true)]
    [InlineData(48, true)]
    [InlineData(65537, false)]
    [InlineData(131072, true)]
    public void Decrypt_returns_what_encrypt_was_given(int length, bool armor)
    {
        using X25519Identity identity = X25519Identity.Generate();
        byte[] plaintext = RandomNumberGenerator.GetBytes(length);
        byte[] file = AgeEncryptor.Encrypt(plaintext, [identity.Recipient], armor);
        Assert.Equal(plaintext, AgeDecryptor.Decrypt(file, [identity]));
    }

    [Fact]
    public void A_passphrase_file_opens_with_the_passphrase_and_not_with_another()
    {
        using ScryptRecipient recipient = new("hunter2", workFactor: 10);
        byte[] file = AgeEncryptor.Encrypt("secret"u8, [recipient], armor: false);
        using ScryptIdentity right = new("hunter2");
        using ScryptIdentity wrong = new("hunter3");

        Assert.Equal("secret"u8.ToArray(), AgeDecryptor.Decrypt(file, [wrong, right]));
        Assert.Equal(AgeFailure.NoMatch, Assert.Throws<AgeException>(() => AgeDecryptor.Decrypt(file, [wrong])).Failure);
        Assert.Contains("-> scrypt ", Encoding.ASCII.GetString(file), StringComparison.Ordinal);
        Assert.Contains(" 10\n", Encoding.ASCII.GetString(file), StringComparison.Ordinal);
    }

    [Fact]
    public void A_passphrase_recipient_cannot_be_mixed_with_other_recipients()
    {
        using ScryptRecipient passphrase = new("hunter2", workFactor: 10);
        using X25519Identity identity = X25519Identity.Generate();
        Assert.Throws<ArgumentException>(() => AgeEncryptor.Encrypt("x"u8, [passphrase, identity.Recipient], armor: false));
        Assert.Throws<ArgumentException>(() => AgeEncryptor.Encrypt("x"u8, [], armor: false));
    }

    [Fact]
    public void Any_single_byte_change_to_a_file_is_an_age_error_never_success_or_a_crash()
    {
        using X25519Identity identity = X25519Identity.Generate();
        byte[] file = AgeEncryptor.Encrypt(RandomNumberGenerator.GetBytes(100), [identity.Recipient], armor: false);
        Gen.Select(Gen.Int[0, file.Length - 1], Gen.Byte[1, 255]).Sample(change =>
        {
            byte[] mutated = (byte[])file.Clone();
            mutated[change.Item1] ^= change.Item2;
            Assert.Throws<AgeException>(() => AgeDecryptor.Decrypt(mutated, [identity], AgeEncoding.Binary));
        }, iter: 500);
    }

    [Fact]
    public void Every_truncation_of_an_armored_file_is_an_age_error()
    {
        using X25519Identity identity = X25519Identity.Generate();
        byte[] file = AgeEncryptor.Encrypt(RandomNumberGenerator.GetBytes(100), [identity.Recipient], armor: true);
        // Only the final LF after the END line is optional.
        for (int length = 0; length < file.Length - 1; length++)
        {
            Assert.Throws<AgeException>(() => AgeDecryptor.Decrypt(file.AsSpan(0, length), [identity]));
        }
    }

    [Fact]
    public void A_header_with_too_many_stanzas_is_refused_before_any_key_work()
    {
        StringBuilder header = new("age-encryption.org/v1\n");
        for (int i = 0; i <= AgeHeaderReader.MaxStanzas; i++)
        {
            header.Append("-> grease\n\n");
        }

        header.Append("--- AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n");
        using ScryptIdentity identity = new("x");
        AgeException error = Assert.Throws<AgeException>(() => AgeDecryptor.Decrypt(Encoding.ASCII.GetBytes(header.ToString()), [identity]));
        Assert.Equal(AgeFailure.Header, error.Failure);
        Assert.Contains("stanzas", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_larger_than_the_limit_is_refused()
    {
        string huge = "age-encryption.org/v1\n-> " + new string('a', AgeHeaderReader.MaxHeaderBytes) + "\n\n--- x\n";
        using ScryptIdentity identity = new("x");
        AgeException error = Assert.Throws<AgeException>(() => AgeDecryptor.Decrypt(Encoding.ASCII.GetBytes(huge), [identity]));
        Assert.Equal(AgeFailure.Header, error.Failure);
        Assert.Contains("too large", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_payload_failure_releases_only_the_chunks_that_authenticated()
    {
        using X25519Identity identity = X25519Identity.Generate();
        byte[] plaintext = RandomNumberGenerator.GetBytes((2 * 65536) + 10);
        byte[] file = AgeEncryptor.Encrypt(plaintext, [identity.Recipient], armor: false);
        file[^20] ^= 1;
        using MemoryStream released = new();

        AgeException error = Assert.Throws<AgeException>(() => AgeDecryptor.Decrypt(new MemoryStream(file), released, [identity]));
        Assert.Equal(AgeFailure.Payload, error.Failure);
        Assert.Equal(plaintext[..(2 * 65536)], released.ToArray());
    }
}

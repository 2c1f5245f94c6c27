using System.Text;
using Crypt.Crypto.Age;

namespace Crypt.Crypto.Tests.Age;

public sealed class EncryptedIdentityFileTests
{
    [Fact]
    public void The_passphrase_is_asked_once_on_first_use_and_the_inner_identity_opens_the_file()
    {
        using X25519Identity inner = X25519Identity.Generate();
        byte[] keyFile = Encrypted(AgeIdentityFileWriter.Format(inner, DateTimeOffset.Now), "pw", armor: true);
        int asked = 0;
        using EncryptedIdentityFile identity = new(keyFile, "keys.age", _ => { asked++; return "pw"; });
        Assert.Equal(0, asked);

        byte[] first = AgeEncryptor.Encrypt("one"u8, [inner.Recipient], armor: false);
        byte[] second = AgeEncryptor.Encrypt("two"u8, [inner.Recipient], armor: false);
        Assert.Equal("one"u8.ToArray(), AgeDecryptor.Decrypt(first, [identity]));
        Assert.Equal("two"u8.ToArray(), AgeDecryptor.Decrypt(second, [identity]));
        Assert.Equal(1, asked);
    }

    [Fact]
    public void A_wrong_passphrase_is_reported_as_incorrect_with_the_location()
    {
        using X25519Identity inner = X25519Identity.Generate();
        byte[] keyFile = Encrypted(AgeIdentityFileWriter.Format(inner, DateTimeOffset.Now), "pw", armor: false);
        using EncryptedIdentityFile identity = new(keyFile, "keys.age", _ => "not it");
        byte[] file = AgeEncryptor.Encrypt("x"u8, [inner.Recipient], armor: false);
        AgeException error = Assert.Throws<AgeException>(() => AgeDecryptor.Decrypt(file, [identity]));
        Assert.Equal("keys.age: incorrect passphrase", error.Message);
    }

    [Theory]
    [InlineData("age-encryption.org/v1\n", true)]
    [InlineData("-----BEGIN AGE ENCRYPTED FILE-----\n", true)]
    [InlineData("# created: 2024\nAGE-SECRET-KEY-1...", false)]
    public void An_identity_file_is_taken_as_encrypted_when_it_opens_like_an_age_file(string start, bool encrypted) =>
        Assert.Equal(encrypted, EncryptedIdentityFile.IsEncrypted(Encoding.ASCII.GetBytes(start)));

    private static byte[] Encrypted(string text, string passphrase, bool armor)
    {
        using ScryptRecipient scrypt = new(passphrase, workFactor: 10);
        return AgeEncryptor.Encrypt(Encoding.ASCII.GetBytes(text), [scrypt], armor);
    }
}

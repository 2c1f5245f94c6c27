using System.Security.Cryptography;
using Crypt.Crypto.Age;

namespace Crypt.Crypto.Tests.Age;

/// <summary>
/// age's SSH recipient types against the reference age CLI, on keys made by the real
/// <c>ssh-keygen</c> (Debian package openssh-client) in each private key format it writes.
/// </summary>
public sealed class AgeSshInteropTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("crypt-ssh-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("ed25519", null)]
    [InlineData("rsa", null)]
    [InlineData("rsa", "PEM")]
    [InlineData("rsa", "PKCS8")]
    public void A_file_age_encrypted_to_an_ssh_key_opens_with_the_private_key_file(string type, string? format)
    {
        string key = SshKeygen(type, format, passphrase: string.Empty);
        byte[] plaintext = RandomNumberGenerator.GetBytes(300);
        string plain = Path.Combine(_dir, "plain");
        File.WriteAllBytes(plain, plaintext);
        byte[] file = AgeCli.Run("age", ["-R", key + ".pub", plain]);

        IAgeIdentity identity = SshKeyParser.ParseIdentity(File.ReadAllText(key), key);
        Assert.Equal(plaintext, AgeDecryptor.Decrypt(file, [identity]));
    }

    [Theory]
    [InlineData("ed25519")]
    [InlineData("rsa")]
    public void A_file_crypt_encrypted_to_an_ssh_recipient_opens_with_age_and_the_private_key(string type)
    {
        string key = SshKeygen(type, null, passphrase: string.Empty);
        byte[] plaintext = RandomNumberGenerator.GetBytes(300);
        IAgeRecipient recipient = AgeKeyParser.ParseRecipient(File.ReadAllText(key + ".pub"));
        string encrypted = Path.Combine(_dir, "file.age");
        File.WriteAllBytes(encrypted, AgeEncryptor.Encrypt(plaintext, [recipient], armor: true));

        Assert.Equal(plaintext, AgeCli.Run("age", ["-d", "-i", key, encrypted]));
    }

    [Theory]
    [InlineData("ed25519")]
    [InlineData("rsa")]
    public void An_ssh_key_does_not_open_a_file_for_another_ssh_key(string type)
    {
        string mine = SshKeygen(type, null, passphrase: string.Empty);
        string other = SshKeygen(type, null, passphrase: string.Empty, name: "other");
        byte[] file = AgeEncryptor.Encrypt("x"u8, [AgeKeyParser.ParseRecipient(File.ReadAllText(other + ".pub"))], armor: false);
        IAgeIdentity identity = SshKeyParser.ParseIdentity(File.ReadAllText(mine), mine);
        Assert.Equal(AgeFailure.NoMatch, Assert.Throws<AgeException>(() => AgeDecryptor.Decrypt(file, [identity])).Failure);
    }

    [Theory]
    [InlineData("ed25519", null)]
    [InlineData("rsa", "PEM")]
    public void A_passphrase_protected_ssh_key_fails_clearly_only_for_files_it_would_open(string type, string? format)
    {
        string key = SshKeygen(type, format, passphrase: "correct horse");
        IAgeIdentity identity = SshKeyParser.ParseIdentity(File.ReadAllText(key), key, () => File.ReadAllText(key + ".pub"));
        Assert.IsType<SshEncryptedIdentity>(identity);

        using X25519Identity unrelated = X25519Identity.Generate();
        byte[] notForIt = AgeEncryptor.Encrypt("x"u8, [unrelated.Recipient], armor: false);
        Assert.Equal("x"u8.ToArray(), AgeDecryptor.Decrypt(notForIt, [identity, unrelated]));

        byte[] forIt = AgeEncryptor.Encrypt("x"u8, [AgeKeyParser.ParseRecipient(File.ReadAllText(key + ".pub"))], armor: false);
        AgeException error = Assert.Throws<AgeException>(() => AgeDecryptor.Decrypt(forIt, [identity]));
        Assert.Contains("passphrase-protected", error.Message, StringComparison.Ordinal);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_rsa_key_under_2048_bits_is_refused_as_age_refuses_it()
    {
        string key = SshKeygen("rsa", null, passphrase: string.Empty, bits: 1024);
        AgeException error = Assert.Throws<AgeException>(() => AgeKeyParser.ParseRecipient(File.ReadAllText(key + ".pub")));
        Assert.Equal(AgeFailure.InvalidKey, error.Failure);
        Assert.Contains("too small", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsupported_ssh_key_type_is_named_in_the_error()
    {
        string key = SshKeygen("ecdsa", null, passphrase: string.Empty);
        AgeException error = Assert.Throws<AgeException>(() => AgeKeyParser.ParseRecipient(File.ReadAllText(key + ".pub")));
        Assert.Contains("ecdsa-sha2-nistp256", error.Message, StringComparison.Ordinal);
    }

    private string SshKeygen(string type, string? format, string passphrase, string name = "id", int? bits = null)
    {
        string path = Path.Combine(_dir, $"{name}_{type}_{format ?? "openssh"}");
        List<string> args = ["-q", "-t", type, "-N", passphrase, "-C", "test@crypt", "-f", path];
        if (format is not null)
        {
            args.AddRange(["-m", format]);
        }

        if (bits is not null || type == "rsa")
        {
            args.AddRange(["-b", (bits ?? 2048).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        AgeCli.Run("ssh-keygen", args);
        return path;
    }
}

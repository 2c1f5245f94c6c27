using System.Globalization;
using System.Security.Cryptography;
using Crypt.Crypto.Age;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;

namespace Crypt.Crypto.Tests.Age;

/// <summary>
/// Passphrase-protected OpenSSH keys as age identities (age v1.3.1 agessh/encrypted_keys.go):
/// bcrypt_pbkdf against a published vector and Blowfish against BouncyCastle, then keys the real
/// <c>ssh-keygen -N</c> writes with each cipher it offers, opening files the age CLI encrypted.
/// </summary>
public sealed class SshEncryptedKeyTests : IDisposable
{
    private const string Passphrase = "correct horse";
    private readonly string _dir = Directory.CreateTempSubdirectory("crypt-sshpass-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // OpenBSD src/regress/lib/libutil/bcrypt_pbkdf (as republished in RustCrypto
    // password-hashes bcrypt-pbkdf/tests/test_vectors.rs): "password", "salt", 4 rounds.
    [Fact]
    public void Bcrypt_pbkdf_matches_the_published_openbsd_vector()
    {
        byte[] key = new byte[32];
        BcryptPbkdf.Derive("password"u8, "salt"u8, 4, key);
        Assert.Equal("5bbf0cc293587f1c3635555c27796598d47e579071bf427e9d8fbe842aba34d9", Convert.ToHexStringLower(key));
    }

    [Fact]
    public void Blowfish_keyed_from_pi_encrypts_as_bouncycastle_blowfish_does()
    {
        byte[] key = RandomNumberGenerator.GetBytes(24);
        byte[] block = RandomNumberGenerator.GetBytes(8);
        BlowfishEngine reference = new();
        reference.Init(true, new KeyParameter(key));
        byte[] expected = new byte[8];
        reference.ProcessBlock(block, 0, expected, 0);

        Blowfish blowfish = new();
        blowfish.Initialize();
        blowfish.ExpandState(default, key);
        uint left = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(block);
        uint right = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(block.AsSpan(4));
        blowfish.Encrypt(ref left, ref right);
        byte[] actual = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(actual, left);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(actual.AsSpan(4), right);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("ed25519", null)]
    [InlineData("ed25519", "aes256-cbc")]
    [InlineData("ed25519", "aes256-gcm@openssh.com")]
    [InlineData("ed25519", "chacha20-poly1305@openssh.com")]
    [InlineData("rsa", null)]
    public void A_file_age_encrypted_to_the_key_opens_with_the_passphrase_asked_once(string type, string? cipher)
    {
        string key = SshKeygen(type, cipher, Passphrase);
        Assert.Contains(cipher ?? "aes256-ctr", OpenSshCipher(key), StringComparison.Ordinal);
        byte[] plaintext = RandomNumberGenerator.GetBytes(200);
        byte[] file = AgeFor(key, plaintext);
        List<string> prompts = [];
        IAgeIdentity identity = SshKeyParser.ParseIdentity(File.ReadAllText(key), key, passphrase: prompt =>
        {
            prompts.Add(prompt);
            return Passphrase;
        });

        Assert.Equal(plaintext, AgeDecryptor.Decrypt(file, [identity]));
        Assert.Equal(plaintext, AgeDecryptor.Decrypt(file, [identity]));
        Assert.Contains(key, Assert.Single(prompts), StringComparison.Ordinal);
    }

    [Fact]
    public void The_passphrase_is_not_asked_for_a_file_without_a_stanza_for_the_key()
    {
        string key = SshKeygen("ed25519", null, Passphrase);
        int asked = 0;
        IAgeIdentity identity = SshKeyParser.ParseIdentity(File.ReadAllText(key), key, passphrase: _ =>
        {
            asked++;
            return Passphrase;
        });
        using X25519Identity other = X25519Identity.Generate();
        byte[] file = AgeEncryptor.Encrypt("x"u8, [other.Recipient], armor: false);

        Assert.Equal("x"u8.ToArray(), AgeDecryptor.Decrypt(file, [identity, other]));
        Assert.Equal(0, asked);
    }

    [Theory]
    [InlineData("ed25519")]
    [InlineData("rsa")]
    public void A_wrong_passphrase_fails_once_naming_the_key_file(string type)
    {
        string key = SshKeygen(type, null, Passphrase);
        byte[] file = AgeFor(key, "x"u8.ToArray());
        int asked = 0;
        IAgeIdentity identity = SshKeyParser.ParseIdentity(File.ReadAllText(key), key, passphrase: _ =>
        {
            asked++;
            return "wrong horse";
        });

        AgeException error = Assert.Throws<AgeException>(() => AgeDecryptor.Decrypt(file, [identity]));
        Assert.Equal($"{key}: incorrect passphrase for the SSH key", error.Message);
        Assert.Equal(1, asked);
    }

    [Fact]
    public void Without_a_way_to_ask_the_error_says_to_use_an_unencrypted_key_or_an_age_identity()
    {
        string key = SshKeygen("ed25519", null, Passphrase);
        byte[] file = AgeFor(key, "x"u8.ToArray());
        IAgeIdentity identity = SshKeyParser.ParseIdentity(File.ReadAllText(key), key, passphrase: _ =>
            throw new AgeException(AgeFailure.InvalidKey, "a passphrase is needed, but there is no terminal (/dev/tty) to ask on"));

        AgeException error = Assert.Throws<AgeException>(() => AgeDecryptor.Decrypt(file, [identity]));
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Contains("no terminal", error.Message, StringComparison.Ordinal);
        Assert.Contains("unencrypted key", error.Message, StringComparison.Ordinal);
        Assert.Contains("age identity", error.Message, StringComparison.Ordinal);
    }

    private byte[] AgeFor(string key, byte[] plaintext)
    {
        string plain = Path.Combine(_dir, "plain-" + Path.GetFileName(key));
        File.WriteAllBytes(plain, plaintext);
        return AgeCli.Run("age", ["-R", key + ".pub", plain]);
    }

    // The cipher name is the first string of the container (PROTOCOL.key), after the magic.
    private static string OpenSshCipher(string key)
    {
        string[] lines = File.ReadAllLines(key);
        byte[] der = Convert.FromBase64String(string.Concat(lines[1..^1]));
        int length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(der.AsSpan(15));
        return System.Text.Encoding.ASCII.GetString(der, 19, length);
    }

    private string SshKeygen(string type, string? cipher, string passphrase)
    {
        string path = Path.Combine(_dir, $"id_{type}_{(cipher ?? "default").Replace('@', '_')}");
        List<string> args = ["-q", "-t", type, "-N", passphrase, "-C", "test@crypt", "-f", path];
        if (cipher is not null)
        {
            args.AddRange(["-Z", cipher]);
        }

        if (type == "rsa")
        {
            args.AddRange(["-b", 2048.ToString(CultureInfo.InvariantCulture)]);
        }

        AgeCli.Run("ssh-keygen", args);
        return path;
    }
}

using System.Security.Cryptography;
using System.Text;
using Crypt.Crypto.Age;

namespace Crypt.Crypto.Tests.Age;

/// <summary>Files written by Crypt open with the reference age CLI, and the other way round.</summary>
public sealed class AgeCliInteropTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("crypt-age-interop-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(false, 1000)]
    [InlineData(true, 1000)]
    [InlineData(false, 200_000)]
    [InlineData(true, 65536)]
    public void Crypt_output_to_an_age_keygen_recipient_decrypts_with_age(bool armor, int length)
    {
        string keyFile = AgeKeygen("key.txt");
        IAgeRecipient recipient = AgeKeyParser.ParseRecipient(RecipientOf(keyFile));
        byte[] plaintext = RandomNumberGenerator.GetBytes(length);
        string encrypted = Write("out.age", AgeEncryptor.Encrypt(plaintext, [recipient], armor));

        Assert.Equal(plaintext, AgeCli.Run("age", ["-d", "-i", keyFile, encrypted]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Age_output_to_a_crypt_generated_recipient_decrypts_with_crypt(bool armor)
    {
        using X25519Identity identity = X25519Identity.Generate();
        byte[] plaintext = RandomNumberGenerator.GetBytes(70_000);
        List<string> args = ["-r", identity.Recipient.ToString()];
        if (armor)
        {
            args.Add("-a");
        }

        byte[] encrypted = AgeCli.Run("age", args, plaintext);

        Assert.Equal(armor, encrypted.AsSpan().StartsWith("-----BEGIN AGE ENCRYPTED FILE-----"u8));
        Assert.Equal(plaintext, AgeDecryptor.Decrypt(encrypted, [identity]));
    }

    [Fact]
    public void A_file_for_several_recipients_opens_with_each_of_them_in_both_tools()
    {
        string keyA = AgeKeygen("a.txt");
        string keyB = AgeKeygen("b.txt");
        using X25519Identity mine = X25519Identity.Generate();
        byte[] plaintext = Encoding.UTF8.GetBytes("shared by three recipients");
        IAgeRecipient[] recipients = [AgeKeyParser.ParseRecipient(RecipientOf(keyA)), mine.Recipient, AgeKeyParser.ParseRecipient(RecipientOf(keyB))];

        string fromCrypt = Write("crypt.age", AgeEncryptor.Encrypt(plaintext, recipients, armor: true));
        Assert.Equal(plaintext, AgeCli.Run("age", ["-d", "-i", keyA, fromCrypt]));
        Assert.Equal(plaintext, AgeCli.Run("age", ["-d", "-i", keyB, fromCrypt]));
        Assert.Equal(plaintext, AgeDecryptor.Decrypt(File.ReadAllBytes(fromCrypt), [mine]));

        byte[] fromAge = AgeCli.Run("age", ["-r", RecipientOf(keyA), "-r", mine.Recipient.ToString(), "-r", RecipientOf(keyB)], plaintext);
        Assert.Equal(plaintext, AgeDecryptor.Decrypt(fromAge, [mine]));
        Assert.Equal(plaintext, AgeDecryptor.Decrypt(fromAge, AgeKeyParser.ParseIdentityFile(File.ReadAllText(keyB))));
    }

    [Fact]
    public void Crypt_output_for_another_recipient_does_not_open_with_an_unrelated_age_key()
    {
        string keyFile = AgeKeygen("key.txt");
        using X25519Identity other = X25519Identity.Generate();
        string encrypted = Write("out.age", AgeEncryptor.Encrypt("x"u8, [other.Recipient], armor: false));

        Xunit.Sdk.XunitException error = Assert.Throws<Xunit.Sdk.XunitException>(() => AgeCli.Run("age", ["-d", "-i", keyFile, encrypted]));
        Assert.Contains("no identity matched", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_passphrase_file_written_by_crypt_decrypts_with_age_and_one_written_by_age_decrypts_with_crypt()
    {
        // age reads passphrases only from a terminal, so it runs under script(1).
        byte[] plaintext = Encoding.UTF8.GetBytes("passphrase protected");
        using ScryptRecipient recipient = new("correct horse battery", workFactor: 12);
        string fromCrypt = Write("crypt.age", AgeEncryptor.Encrypt(plaintext, [recipient], armor: true));
        string decrypted = Path.Combine(_dir, "crypt.txt");
        AgeCli.RunWithTerminal($"-d -o {decrypted} {fromCrypt}", "correct horse battery\n");
        Assert.Equal(plaintext, File.ReadAllBytes(decrypted));

        string source = Write("plain.txt", plaintext);
        string fromAge = Path.Combine(_dir, "age.age");
        AgeCli.RunWithTerminal($"-p -o {fromAge} {source}", "correct horse battery\ncorrect horse battery\n");
        using ScryptIdentity identity = new("correct horse battery");
        Assert.Equal(plaintext, AgeDecryptor.Decrypt(File.ReadAllBytes(fromAge), [identity]));
    }

    private string AgeKeygen(string name)
    {
        string path = Path.Combine(_dir, name);
        AgeCli.Run("age-keygen", ["-o", path]);
        return path;
    }

    private static string RecipientOf(string keyFile) => Encoding.ASCII.GetString(AgeCli.Run("age-keygen", ["-y", keyFile])).Trim();

    private string Write(string name, byte[] content)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, content);
        return path;
    }
}

using System.Text;

namespace Crypt.Cli.Tests.Age;

/// <summary>
/// Post-quantum (age1pq1) recipients end to end against the reference sops 3.13.2 (age 1.3.1).
/// The Debian age CLI (1.1.1) has no post-quantum keys, so sops is the only peer here.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PostQuantumInteropTests : IDisposable
{
    private const string Yaml = "name: demo\npassword: s3cr3t\nlist:\n    - 1\n    - two\n";
    private const string Json = "{\n\t\"token\": \"abc\",\n\t\"n\": 3\n}\n";
    private readonly AgeKeyFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("in.yaml", Yaml)]
    [InlineData("in.json", Json)]
    public void A_file_sops_encrypted_for_a_pq_recipient_decrypts_with_crypt_to_the_same_bytes(string name, string plaintext)
    {
        string recipient = _folder.Keygen("pq.txt", pq: true);
        _folder.Write(name, plaintext);
        CryptResult encrypted = _folder.Sops(AgeKeyFolder.NoKeys, "encrypt", "--age", recipient, name);
        Assert.True(encrypted.ExitCode == 0, encrypted.ToString());
        Assert.Contains("age1pq1", encrypted.StdoutText, StringComparison.Ordinal);
        _folder.Write("enc-" + name, encrypted.StdoutText);

        CryptResult decrypted = _folder.Crypt(_folder.KeyFile("pq.txt"), "decrypt", "enc-" + name);
        Assert.True(decrypted.ExitCode == 0, decrypted.ToString());
        Assert.Equal(plaintext, decrypted.StdoutText);
    }

    [Theory]
    [InlineData("in.yaml", Yaml)]
    [InlineData("in.json", Json)]
    public void A_file_crypt_encrypted_for_a_pq_recipient_decrypts_with_sops_to_the_same_bytes(string name, string plaintext)
    {
        string recipient = _folder.Keygen("pq.txt", pq: true);
        _folder.Write(name, plaintext);
        CryptResult encrypted = _folder.Crypt(null, "encrypt", "--age", recipient, "--output", "enc-" + name, name);
        Assert.True(encrypted.ExitCode == 0, encrypted.ToString());
        Assert.Contains("-> mlkem768x25519", AgeStanzaTypes(File.ReadAllText(_folder.Path("enc-" + name))), StringComparison.Ordinal);

        CryptResult decrypted = _folder.Sops(_folder.KeyFile("pq.txt"), "decrypt", "enc-" + name);
        Assert.True(decrypted.ExitCode == 0, decrypted.ToString());
        Assert.Equal(plaintext, decrypted.StdoutText);
    }

    [Fact]
    public void A_sops_file_mixing_pq_and_x25519_recipients_opens_with_either_key_in_both_tools()
    {
        string pq = _folder.Keygen("pq.txt", pq: true);
        string classic = _folder.Keygen("x.txt", pq: false);
        _folder.Write("in.yaml", Yaml);
        CryptResult bySops = _folder.Sops(AgeKeyFolder.NoKeys, "encrypt", "--age", $"{pq},{classic}", "in.yaml");
        Assert.True(bySops.ExitCode == 0, bySops.ToString());
        _folder.Write("sops.yaml", bySops.StdoutText);
        CryptResult byCrypt = _folder.Crypt(null, "encrypt", "--age", $"{pq},{classic}", "--output", "crypt.yaml", "in.yaml");
        Assert.True(byCrypt.ExitCode == 0, byCrypt.ToString());

        foreach (string key in new[] { "pq.txt", "x.txt" })
        {
            CryptResult cryptOpensSops = _folder.Crypt(_folder.KeyFile(key), "decrypt", "sops.yaml");
            Assert.True(cryptOpensSops.ExitCode == 0, $"{key}: {cryptOpensSops}");
            Assert.Equal(Yaml, cryptOpensSops.StdoutText);
            CryptResult sopsOpensCrypt = _folder.Sops(_folder.KeyFile(key), "decrypt", "crypt.yaml");
            Assert.True(sopsOpensCrypt.ExitCode == 0, $"{key}: {sopsOpensCrypt}");
            Assert.Equal(Yaml, sopsOpensCrypt.StdoutText);
        }
    }

    [Fact]
    public void Sops_reads_an_identity_file_made_by_crypt_keygen_pq_next_to_a_classic_one()
    {
        string pq = _folder.Keygen("pq.txt", pq: true);
        _folder.Keygen("x.txt", pq: false);
        _folder.Write("both.txt", File.ReadAllText(_folder.Path("x.txt")) + File.ReadAllText(_folder.Path("pq.txt")));
        _folder.Write("in.yaml", Yaml);
        CryptResult encrypted = _folder.Crypt(null, "encrypt", "--age", pq, "--output", "enc.yaml", "in.yaml");
        Assert.True(encrypted.ExitCode == 0, encrypted.ToString());

        Assert.Equal(Yaml, _folder.Sops(_folder.KeyFile("both.txt"), "decrypt", "enc.yaml").StdoutText);
        Assert.Equal(Yaml, _folder.Crypt(_folder.KeyFile("both.txt"), "decrypt", "enc.yaml").StdoutText);
    }

    [Fact]
    public void A_pq_file_does_not_open_with_only_a_classic_key_and_says_no_identity_matched()
    {
        string pq = _folder.Keygen("pq.txt", pq: true);
        _folder.Keygen("x.txt", pq: false);
        _folder.Write("in.yaml", Yaml);
        Assert.Equal(0, _folder.Crypt(null, "encrypt", "--age", pq, "--output", "enc.yaml", "in.yaml").ExitCode);

        CryptResult crypt = _folder.Crypt(_folder.KeyFile("x.txt"), "decrypt", "enc.yaml");
        CryptResult sops = _folder.Sops(_folder.KeyFile("x.txt"), "decrypt", "enc.yaml");
        Assert.Equal(sops.ExitCode, crypt.ExitCode);
        Assert.Contains("no identity matched", crypt.Stderr, StringComparison.Ordinal);
    }

    // The stanza lines of every age file in a sops document (armored, so de-armor first).
    private static string AgeStanzaTypes(string document)
    {
        StringBuilder stanzas = new();
        string unescaped = document.Replace("\\n", "\n", StringComparison.Ordinal);
        foreach (string block in unescaped.Split("-----BEGIN AGE ENCRYPTED FILE-----").Skip(1))
        {
            string base64 = string.Concat(block.Split("-----END AGE ENCRYPTED FILE-----")[0].Split('\n').Select(l => l.Trim()));
            string header = Encoding.ASCII.GetString(Convert.FromBase64String(base64));
            stanzas.AppendJoin('\n', header.Split('\n').Where(l => l.StartsWith("-> ", StringComparison.Ordinal))).Append('\n');
        }

        return stanzas.ToString();
    }
}

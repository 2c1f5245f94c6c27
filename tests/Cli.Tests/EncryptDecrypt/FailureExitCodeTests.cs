namespace Crypt.Cli.Tests.EncryptDecrypt;

/// <summary>
/// Failure paths of encrypt and decrypt with sops's exit codes (FORMAT.md §10.1): one line on
/// stderr naming the file, nothing on stdout, the input left as it was.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FailureExitCodeTests : IDisposable
{
    private const string Yaml = "db:\n    password: s3cr3t-pw\n    port: 5432\nnote_unencrypted: visible\n";

    private readonly Workspace _ws = new();

    public void Dispose() => _ws.Dispose();

    [Fact]
    public void Decrypting_a_missing_file_fails_with_exit_100()
    {
        CryptResult result = _ws.Run("decrypt", "nope.enc.yaml");

        AssertFailure(result, 100, "nope.enc.yaml");
    }

    [Fact]
    public void Encrypting_a_missing_file_fails_with_exit_100()
    {
        CryptResult result = _ws.Run("encrypt", "--age", _ws.Recipient, "nope.yaml");

        AssertFailure(result, 100, "nope.yaml");
    }

    public static TheoryData<string, string, string> Unparsable() => new()
    {
        { "bad.yaml", "a: b\nc: \"unterminated\n", "bad.yaml:" },
        { "bad.json", "{\"a\": 1,,}", "bad.json:1:" },
        { "bad.env", "GOOD=1\nno equals sign here\n", "bad.env:2" },
    };

    [Theory]
    [MemberData(nameof(Unparsable))]
    public void Unparsable_input_fails_with_exit_2_naming_file_and_position(string name, string content, string where)
    {
        _ws.Write(name, content);

        CryptResult result = _ws.Run("encrypt", "--age", _ws.Recipient, name);

        AssertFailure(result, 2, where);
        Assert.Matches(@":\d+(:\d+)?: ", result.Stderr);
        Assert.Equal(content, _ws.Read(name));
    }

    [Fact]
    public void Encrypting_an_encrypted_file_fails_with_exit_203()
    {
        _ws.Encrypt("secrets.yaml", Yaml, "secrets.enc.yaml");
        string before = _ws.Read("secrets.enc.yaml");

        CryptResult result = _ws.Run("encrypt", "--age", _ws.Recipient, "-i", "secrets.enc.yaml");

        AssertFailure(result, 203, "secrets.enc.yaml");
        Assert.Equal(before, _ws.Read("secrets.enc.yaml"));
    }

    [Fact]
    public void Encrypting_an_empty_yaml_file_fails_with_exit_92()
    {
        _ws.Write("empty.yaml", string.Empty);

        CryptResult result = _ws.Run("encrypt", "--age", _ws.Recipient, "empty.yaml");

        AssertFailure(result, 92, "empty.yaml");
    }

    [Fact]
    public void Decrypting_a_plain_file_fails_with_exit_1_saying_it_is_not_encrypted()
    {
        _ws.Write("plain.yaml", Yaml);

        CryptResult result = _ws.Run("decrypt", "plain.yaml");

        AssertFailure(result, 1, "plain.yaml");
        Assert.Contains("not encrypted", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_mac_fails_with_exit_51_and_ignore_mac_lets_the_file_decrypt()
    {
        _ws.Encrypt("secrets.yaml", Yaml, "secrets.enc.yaml");
        string text = _ws.Read("secrets.enc.yaml");
        int at = text.IndexOf("mac: ENC[AES256_GCM,data:", StringComparison.Ordinal) + "mac: ENC[AES256_GCM,data:".Length;
        _ws.Write("secrets.enc.yaml", text[..at] + (text[at] == 'A' ? 'B' : 'A') + text[(at + 1)..]);

        CryptResult result = _ws.Run("decrypt", "secrets.enc.yaml");
        CryptResult ignored = _ws.Run("decrypt", "--ignore-mac", "secrets.enc.yaml");

        AssertFailure(result, 51, "secrets.enc.yaml");
        Assert.True(ignored.ExitCode == 0, ignored.ToString());
        Assert.Equal(Yaml, ignored.StdoutText);
    }

    [Fact]
    public void A_changed_clear_value_fails_the_mac_with_exit_51()
    {
        _ws.Encrypt("secrets.yaml", Yaml, "secrets.enc.yaml");
        _ws.Write("secrets.enc.yaml", _ws.Read("secrets.enc.yaml").Replace("note_unencrypted: visible", "note_unencrypted: changed", StringComparison.Ordinal));

        CryptResult result = _ws.Run("decrypt", "secrets.enc.yaml");

        AssertFailure(result, 51, "secrets.enc.yaml");
        Assert.Contains("MAC", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("db")]
    [InlineData("[\"db\"")]
    [InlineData("[db]")]
    public void A_malformed_extract_path_fails_with_exit_91(string path)
    {
        _ws.Encrypt("secrets.yaml", Yaml, "secrets.enc.yaml");

        CryptResult result = _ws.Run("decrypt", "--extract", path, "secrets.enc.yaml");

        Assert.Equal(91, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Contains(path, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void In_place_with_output_fails_with_exit_8_and_writes_nothing()
    {
        _ws.Encrypt("secrets.yaml", Yaml, "secrets.enc.yaml");
        string before = _ws.Read("secrets.enc.yaml");

        CryptResult result = _ws.Run("decrypt", "-i", "--output", "out.yaml", "secrets.enc.yaml");

        Assert.Equal(8, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Equal(before, _ws.Read("secrets.enc.yaml"));
        Assert.Equal(["secrets.enc.yaml"], _ws.Files());
    }

    [Fact]
    public void A_duplicate_decryption_order_fails_with_exit_112()
    {
        _ws.Encrypt("secrets.yaml", Yaml, "secrets.enc.yaml");

        CryptResult result = _ws.Run("--decryption-order", "age,age", "decrypt", "secrets.enc.yaml");
        CryptResult fromEnv = CryptProcess.Run(_ws.Root, _ws.Environment(("SOPS_DECRYPTION_ORDER", "kms,age,kms")), null, "decrypt", "secrets.enc.yaml");

        Assert.Equal(112, result.ExitCode);
        Assert.Contains("age", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
        Assert.Equal(112, fromEnv.ExitCode);
    }

    private void AssertFailure(CryptResult result, int exitCode, string mention)
    {
        Assert.True(result.ExitCode == exitCode, result.ToString());
        Assert.Empty(result.Stdout);
        Assert.StartsWith("crypt: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(mention, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-pw", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_ws.TempLeftovers());
    }
}

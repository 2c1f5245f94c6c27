using System.Text;
using Crypt.Crypto.Age;
using Crypt.Tests;

namespace Crypt.Cli.Tests.Age;

/// <summary>
/// An identity file encrypted with a passphrase (<c>age -p</c>), named by SOPS_AGE_KEY_FILE:
/// the passphrase is asked on the terminal, as sops 3.13 asks it. <c>script</c> gives the run a
/// pseudo-terminal and types into it; without one, the failure says there is no terminal.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PassphraseIdentityFileTests : IDisposable
{
    private const string Yaml = "token: abc\n";
    private readonly AgeKeyFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_passphrase_protected_identity_file_is_opened_with_the_passphrase_typed_on_the_terminal(bool armor)
    {
        string recipient = EncryptedKeyFile("key.age", "open sesame", armor);
        EncryptedFile(recipient);

        TerminalRun run = InTerminal("open sesame\n", CryptProcess.Executable, "decrypt", "enc.yaml");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("Enter passphrase for identity", run.Output, StringComparison.Ordinal);
        Assert.Contains(Yaml.TrimEnd('\n'), run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("open sesame", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Sops_opens_the_same_passphrase_protected_identity_file_crypt_opens()
    {
        string recipient = EncryptedKeyFile("key.age", "open sesame", armor: true);
        EncryptedFile(recipient);

        TerminalRun run = InTerminal("open sesame\n", SopsProcess.Executable, "decrypt", "enc.yaml");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains(Yaml.TrimEnd('\n'), run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_passphrase_says_so_and_exits_as_sops_does()
    {
        string recipient = EncryptedKeyFile("key.age", "open sesame", armor: true);
        EncryptedFile(recipient);

        TerminalRun crypt = InTerminal("wrong\n", CryptProcess.Executable, "decrypt", "enc.yaml");
        TerminalRun sops = InTerminal("wrong\n", SopsProcess.Executable, "decrypt", "enc.yaml");
        Assert.Contains("incorrect passphrase", crypt.Output, StringComparison.Ordinal);
        Assert.Equal(sops.ExitCode, crypt.ExitCode);
    }

    [Fact]
    public void Without_a_terminal_the_error_says_a_passphrase_is_needed_and_no_terminal_is_there()
    {
        string recipient = EncryptedKeyFile("key.age", "open sesame", armor: true);
        EncryptedFile(recipient);

        CryptResult result = _folder.Crypt(KeyEnvironment(), "decrypt", "enc.yaml");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("key.age", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("no terminal", result.Stderr, StringComparison.Ordinal);
    }

    // Writes an X25519 identity file encrypted to a passphrase (as age -p does, work factor 10
    // to keep the test quick); returns its recipient.
    private string EncryptedKeyFile(string name, string passphrase, bool armor)
    {
        using X25519Identity identity = X25519Identity.Generate();
        using ScryptRecipient scrypt = new(passphrase, workFactor: 10);
        byte[] encrypted = AgeEncryptor.Encrypt(Encoding.ASCII.GetBytes(AgeIdentityFileWriter.Format(identity, DateTimeOffset.Now)), [scrypt], armor);
        File.WriteAllBytes(_folder.Path(name), encrypted);
        File.SetUnixFileMode(_folder.Path(name), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return identity.Recipient.ToString();
    }

    private void EncryptedFile(string recipient)
    {
        _folder.Write("in.yaml", Yaml);
        CryptResult result = _folder.Crypt(null, "encrypt", "--age", recipient, "--output", "enc.yaml", "in.yaml");
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    private Dictionary<string, string> KeyEnvironment() => new(StringComparer.Ordinal)
    {
        ["SOPS_AGE_KEY_FILE"] = _folder.Path("key.age"),
        ["SOPS_DISABLE_VERSION_CHECK"] = "1",
        ["HOME"] = _folder.Root,
        ["XDG_CONFIG_HOME"] = _folder.Path(".config-none"),
        ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
        ["DOTNET_ROOT"] = Environment.GetEnvironmentVariable("DOTNET_ROOT") ?? Path.GetDirectoryName(Environment.ProcessPath) ?? string.Empty,
    };

    private TerminalRun InTerminal(string typed, string program, params string[] args) =>
        TerminalRun.Start(_folder.Root, KeyEnvironment(), typed, program, args);
}

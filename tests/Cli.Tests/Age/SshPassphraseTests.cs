using Crypt.Tests;

namespace Crypt.Cli.Tests.Age;

/// <summary>
/// A passphrase-protected SSH key (<c>ssh-keygen -N</c>) as the age identity, as sops 3.10+ uses
/// one (sops age/ssh_parse.go): the passphrase is asked on the terminal only for a file that has a
/// stanza for the key. <c>script</c> gives the run a pseudo-terminal and types into it.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SshPassphraseTests : IDisposable
{
    private const string Yaml = "db:\n    user: app\n    password: hunter2\n";
    private const string Passphrase = "s3cret pass";
    private readonly AgeKeyFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("ed25519")]
    [InlineData("rsa")]
    public void A_file_sops_encrypted_to_an_ssh_key_opens_with_the_passphrase_protected_key_and_the_passphrase_typed_on_the_terminal(string type)
    {
        string recipient = SshKeys.Generate(_folder.Path("locked"), type, Passphrase);
        _folder.Write("in.yaml", Yaml);
        CryptResult encrypted = _folder.Sops(AgeKeyFolder.NoKeys, "encrypt", "--age", recipient, "in.yaml");
        Assert.True(encrypted.ExitCode == 0, encrypted.ToString());
        _folder.Write("enc.yaml", encrypted.StdoutText);

        TerminalRun run = TerminalRun.Start(_folder.Root, Environment(), Passphrase + "\n", CryptProcess.Executable, "decrypt", "enc.yaml");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains($"Enter passphrase for \"{_folder.Path("locked")}\"", run.Output, StringComparison.Ordinal);
        Assert.Contains("password: hunter2", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Passphrase, run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Sops_opens_with_the_same_key_and_passphrase_a_file_crypt_encrypted()
    {
        string recipient = SshKeys.Generate(_folder.Path("locked"), "ed25519", Passphrase);
        _folder.Write("in.yaml", Yaml);
        CryptResult encrypted = _folder.Crypt(null, "encrypt", "--age", recipient, "--output", "enc.yaml", "in.yaml");
        Assert.True(encrypted.ExitCode == 0, encrypted.ToString());

        TerminalRun run = TerminalRun.Start(_folder.Root, Environment(), Passphrase + "\n", SopsProcess.Executable, "decrypt", "enc.yaml");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("password: hunter2", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_passphrase_is_one_clear_error_naming_the_key_file_with_sops_exit_code()
    {
        string recipient = SshKeys.Generate(_folder.Path("locked"), "ed25519", Passphrase);
        _folder.Write("in.yaml", Yaml);
        Assert.Equal(0, _folder.Crypt(null, "encrypt", "--age", recipient, "--output", "enc.yaml", "in.yaml").ExitCode);

        TerminalRun crypt = TerminalRun.Start(_folder.Root, Environment(), "wrong\n", CryptProcess.Executable, "decrypt", "enc.yaml");
        TerminalRun sops = TerminalRun.Start(_folder.Root, Environment(), "wrong\n", SopsProcess.Executable, "decrypt", "enc.yaml");
        Assert.Contains($"{_folder.Path("locked")}: incorrect passphrase for the SSH key", crypt.Output, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(crypt.Output, "Enter passphrase"));
        Assert.Equal(sops.ExitCode, crypt.ExitCode);
    }

    private Dictionary<string, string> Environment() => new(StringComparer.Ordinal)
    {
        ["SOPS_AGE_SSH_PRIVATE_KEY_FILE"] = _folder.Path("locked"),
        ["SOPS_DISABLE_VERSION_CHECK"] = "1",
        ["HOME"] = _folder.Root,
        ["XDG_CONFIG_HOME"] = _folder.Path(".config-none"),
        ["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
        ["DOTNET_ROOT"] = System.Environment.GetEnvironmentVariable("DOTNET_ROOT") ?? Path.GetDirectoryName(System.Environment.ProcessPath) ?? string.Empty,
    };
}

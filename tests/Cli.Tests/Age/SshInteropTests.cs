namespace Crypt.Cli.Tests.Age;

/// <summary>
/// SSH keys as age recipients and identities end to end, against the reference sops 3.13.2,
/// found where sops finds them: <c>SOPS_AGE_SSH_PRIVATE_KEY_FILE</c>,
/// <c>SOPS_AGE_SSH_PRIVATE_KEY_CMD</c>, <c>~/.ssh/id_ed25519</c> and <c>~/.ssh/id_rsa</c>.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SshInteropTests : IDisposable
{
    private const string Yaml = "db:\n    user: app\n    password: hunter2\n";
    private readonly AgeKeyFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("ed25519", "id_ed25519")]
    [InlineData("rsa", "id_rsa")]
    public void A_file_sops_encrypted_to_an_ssh_key_decrypts_with_crypt_from_the_default_ssh_key(string type, string name)
    {
        string recipient = SshKeys.Generate(_folder.Path(Path.Combine(".ssh", name)), type);
        _folder.Write("in.yaml", Yaml);
        CryptResult encrypted = _folder.Sops(AgeKeyFolder.NoKeys, "encrypt", "--age", recipient, "in.yaml");
        Assert.True(encrypted.ExitCode == 0, encrypted.ToString());
        _folder.Write("enc.yaml", encrypted.StdoutText);

        // HOME is the folder, so ~/.ssh/<name> is the key just made.
        CryptResult decrypted = _folder.Crypt(null, "decrypt", "enc.yaml");
        Assert.True(decrypted.ExitCode == 0, decrypted.ToString());
        Assert.Equal(Yaml, decrypted.StdoutText);
    }

    [Theory]
    [InlineData("ed25519")]
    [InlineData("rsa")]
    public void A_file_crypt_encrypted_to_an_ssh_recipient_decrypts_with_sops_from_the_named_key_file(string type)
    {
        string recipient = SshKeys.Generate(_folder.Path("key"), type);
        _folder.Write("in.yaml", Yaml);
        CryptResult encrypted = _folder.Crypt(null, "encrypt", "--age", recipient, "--output", "enc.yaml", "in.yaml");
        Assert.True(encrypted.ExitCode == 0, encrypted.ToString());
        Assert.Contains($"recipient: {recipient}", File.ReadAllText(_folder.Path("enc.yaml")), StringComparison.Ordinal);

        Dictionary<string, string> keyFile = new(StringComparer.Ordinal) { ["SOPS_AGE_SSH_PRIVATE_KEY_FILE"] = _folder.Path("key") };
        CryptResult bySops = _folder.Sops(keyFile, "decrypt", "enc.yaml");
        Assert.True(bySops.ExitCode == 0, bySops.ToString());
        Assert.Equal(Yaml, bySops.StdoutText);
        CryptResult byCrypt = _folder.Crypt(keyFile, "decrypt", "enc.yaml");
        Assert.Equal(Yaml, byCrypt.StdoutText);
    }

    [Fact]
    public void A_file_for_ssh_pq_and_x25519_recipients_opens_with_each_key_in_both_tools()
    {
        string ssh = SshKeys.Generate(_folder.Path("ssh_key"), "ed25519");
        string pq = _folder.Keygen("pq.txt", pq: true);
        string x = _folder.Keygen("x.txt", pq: false);
        _folder.Write("in.yaml", Yaml);
        string recipients = $"{ssh},{pq},{x}";
        Assert.Equal(0, _folder.Crypt(null, "encrypt", "--age", recipients, "--output", "crypt.yaml", "in.yaml").ExitCode);
        CryptResult bySops = _folder.Sops(AgeKeyFolder.NoKeys, "encrypt", "--age", recipients, "in.yaml");
        Assert.True(bySops.ExitCode == 0, bySops.ToString());
        _folder.Write("sops.yaml", bySops.StdoutText);

        Dictionary<string, string>[] keys =
        [
            new(StringComparer.Ordinal) { ["SOPS_AGE_SSH_PRIVATE_KEY_FILE"] = _folder.Path("ssh_key") },
            _folder.KeyFile("pq.txt"),
            _folder.KeyFile("x.txt"),
        ];
        foreach (Dictionary<string, string> key in keys)
        {
            Assert.Equal(Yaml, _folder.Sops(key, "decrypt", "crypt.yaml").StdoutText);
            Assert.Equal(Yaml, _folder.Crypt(key, "decrypt", "sops.yaml").StdoutText);
        }
    }

    [Fact]
    public void Sops_age_ssh_private_key_cmd_output_is_an_identity_and_the_command_is_told_the_recipient()
    {
        string recipient = SshKeys.Generate(_folder.Path("key"), "ed25519");
        _folder.Write("in.yaml", Yaml);
        Assert.Equal(0, _folder.Crypt(null, "encrypt", "--age", recipient, "--output", "enc.yaml", "in.yaml").ExitCode);
        _folder.Write("print-key.sh", "#!/bin/sh\nprintf '%s\\n' \"$SOPS_AGE_RECIPIENT\" >> recipients.log\ncat key\n");
        File.SetUnixFileMode(_folder.Path("print-key.sh"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        Dictionary<string, string> command = new(StringComparer.Ordinal) { ["SOPS_AGE_SSH_PRIVATE_KEY_CMD"] = _folder.Path("print-key.sh") };
        CryptResult decrypted = _folder.Crypt(command, "decrypt", "enc.yaml");
        Assert.True(decrypted.ExitCode == 0, decrypted.ToString());
        Assert.Equal(Yaml, decrypted.StdoutText);
        Assert.Equal(recipient + "\n", File.ReadAllText(_folder.Path("recipients.log")));
    }

    [Fact]
    public void Without_a_terminal_a_passphrase_protected_default_ssh_key_fails_clearly_for_a_file_it_would_open_and_is_ignored_otherwise()
    {
        string locked = SshKeys.Generate(_folder.Path(Path.Combine(".ssh", "id_ed25519")), "ed25519", passphrase: "s3cret pass");
        string x = _folder.Keygen("x.txt", pq: false);
        _folder.Write("in.yaml", Yaml);
        Assert.Equal(0, _folder.Crypt(null, "encrypt", "--age", x, "--output", "for-x.yaml", "in.yaml").ExitCode);
        Assert.Equal(0, _folder.Crypt(null, "encrypt", "--age", locked, "--output", "for-ssh.yaml", "in.yaml").ExitCode);

        Assert.Equal(Yaml, _folder.Crypt(_folder.KeyFile("x.txt"), "decrypt", "for-x.yaml").StdoutText);
        CryptResult failed = _folder.Crypt(null, "decrypt", "for-ssh.yaml");
        Assert.NotEqual(0, failed.ExitCode);
        Assert.Contains("passphrase-protected", failed.Stderr, StringComparison.Ordinal);
        Assert.Contains("no terminal", failed.Stderr, StringComparison.Ordinal);
        Assert.Contains("id_ed25519", failed.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_ssh_key_file_named_by_the_environment_is_a_clear_error()
    {
        string x = _folder.Keygen("x.txt", pq: false);
        _folder.Write("in.yaml", Yaml);
        Assert.Equal(0, _folder.Crypt(null, "encrypt", "--age", x, "--output", "enc.yaml", "in.yaml").ExitCode);
        Dictionary<string, string> missing = new(StringComparer.Ordinal) { ["SOPS_AGE_SSH_PRIVATE_KEY_FILE"] = _folder.Path("nope") };
        CryptResult result = _folder.Crypt(missing, "decrypt", "enc.yaml");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("SOPS_AGE_SSH_PRIVATE_KEY_FILE", result.Stderr, StringComparison.Ordinal);
    }
}

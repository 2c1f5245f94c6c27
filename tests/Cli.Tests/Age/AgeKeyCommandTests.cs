namespace Crypt.Cli.Tests.Age;

/// <summary><c>SOPS_AGE_KEY_CMD</c> runs once per age master key with <c>SOPS_AGE_RECIPIENT</c> set, as sops 3.12+ runs it.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AgeKeyCommandTests : IDisposable
{
    private const string Yaml = "k: v\n";
    private readonly AgeKeyFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_key_command_is_told_the_recipient_and_can_pick_the_identity_for_it()
    {
        string a = _folder.Keygen("a.txt", pq: false);
        string b = _folder.Keygen("b.txt", pq: true);
        _folder.Write("in.yaml", Yaml);
        Assert.Equal(0, _folder.Crypt(null, "encrypt", "--age", b, "--output", "enc.yaml", "in.yaml").ExitCode);

        // Prints the identity file whose "# public key:" line names the recipient asked for.
        _folder.Write("pick.sh", "#!/bin/sh\nprintf '%s\\n' \"$SOPS_AGE_RECIPIENT\" >> asked.log\nfor f in a.txt b.txt; do grep -q \"^# public key: $SOPS_AGE_RECIPIENT$\" $f && cat $f; done\nexit 0\n");
        File.SetUnixFileMode(_folder.Path("pick.sh"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Dictionary<string, string> command = new(StringComparer.Ordinal) { ["SOPS_AGE_KEY_CMD"] = _folder.Path("pick.sh") };

        CryptResult crypt = _folder.Crypt(command, "decrypt", "enc.yaml");
        Assert.True(crypt.ExitCode == 0, crypt.ToString());
        Assert.Equal(Yaml, crypt.StdoutText);
        Assert.Equal(b + "\n", File.ReadAllText(_folder.Path("asked.log")));

        File.Delete(_folder.Path("asked.log"));
        CryptResult sops = _folder.Sops(command, "decrypt", "enc.yaml");
        Assert.True(sops.ExitCode == 0, sops.ToString());
        Assert.Equal(Yaml, sops.StdoutText);
        Assert.Equal(b + "\n", File.ReadAllText(_folder.Path("asked.log")));
        Assert.NotEqual(a, b);
    }
}

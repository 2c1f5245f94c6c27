using Crypt.Cli.Tests.EncryptDecrypt;
using Crypt.Crypto.Age;
using Crypt.Tests;

namespace Crypt.Cli.Tests.Groups;

/// <summary>
/// <c>crypt groups add|delete</c> against the real sops: the same data key re-wrapped for the new
/// groups (values byte-identical), the threshold as sops sets it, and sops reads the result.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class GroupsCommandTests : IDisposable
{
    private readonly Workspace _ws = new();
    private readonly string _secondIdentity;
    private readonly string _secondRecipient;

    public GroupsCommandTests()
    {
        using X25519Identity second = X25519Identity.Generate();
        _secondIdentity = second.ToSecretString();
        _secondRecipient = second.Recipient.ToString();
        _ws.Write("plain.yaml", "db:\n    password: s3cr3t\nport: 5432\n");
        SopsResult encrypted = SopsProcess.Run(_ws.Root, _ws.Environment(), null, "encrypt", "--age", _ws.Recipient, "plain.yaml");
        Assert.True(encrypted.ExitCode == 0, encrypted.Stderr);
        _ws.Write("secrets.enc.yaml", encrypted.StdoutText);
    }

    public void Dispose() => _ws.Dispose();

    private Dictionary<string, string> BothKeys() => _ws.Environment(("SOPS_AGE_KEY", $"{_ws.Identity}\n{_secondIdentity}\n"));

    [Fact]
    public void Add_rewraps_the_same_data_key_for_a_second_group_and_sops_then_needs_both()
    {
        string before = _ws.Read("secrets.enc.yaml");

        CryptResult added = _ws.Run("groups", "add", "--file", "secrets.enc.yaml", "-i", "--age", _secondRecipient);

        Assert.True(added.ExitCode == 0, added.ToString());
        string after = _ws.Read("secrets.enc.yaml");
        Assert.Equal(ValueLines(before), ValueLines(after));
        Assert.Contains("shamir_threshold: 2", after, StringComparison.Ordinal);
        SopsResult both = SopsProcess.Run(_ws.Root, BothKeys(), null, "decrypt", "secrets.enc.yaml");
        SopsResult one = SopsProcess.Run(_ws.Root, _ws.Environment(), null, "decrypt", "secrets.enc.yaml");
        Assert.True(both.ExitCode == 0, both.Stderr);
        Assert.Equal("db:\n    password: s3cr3t\nport: 5432\n", both.StdoutText);
        Assert.Equal(128, one.ExitCode);
    }

    [Fact]
    public void Delete_leaves_the_remaining_group_and_refuses_to_break_the_threshold_as_sops()
    {
        Assert.Equal(0, _ws.Run("groups", "add", "--file", "secrets.enc.yaml", "-i", "--age", _secondRecipient).ExitCode);
        string twoGroups = _ws.Read("secrets.enc.yaml");

        CryptResult refused = CryptProcess.Run(_ws.Root, BothKeys(), null, "groups", "delete", "--file", "secrets.enc.yaml", "-i", "0");
        SopsResult sopsRefused = SopsProcess.Run(_ws.Root, BothKeys(), null, "groups", "delete", "--file", "secrets.enc.yaml", "0");
        CryptResult deleted = CryptProcess.Run(_ws.Root, BothKeys(), null, "groups", "delete", "--file", "secrets.enc.yaml", "--shamir-secret-sharing-threshold", "1", "0");

        Assert.Equal(sopsRefused.ExitCode, refused.ExitCode);
        Assert.Equal(twoGroups, _ws.Read("secrets.enc.yaml"));
        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.DoesNotContain(_ws.Recipient, deleted.StdoutText, StringComparison.Ordinal);
        _ws.Write("one-group.enc.yaml", deleted.StdoutText);
        SopsResult opened = SopsProcess.Run(_ws.Root, _ws.Environment(("SOPS_AGE_KEY", _secondIdentity), ("SOPS_AGE_KEY_FILE", "/nonexistent")), null, "decrypt", "one-group.enc.yaml");
        Assert.True(opened.ExitCode == 0, opened.Stderr);
        Assert.Equal("db:\n    password: s3cr3t\nport: 5432\n", opened.StdoutText);
    }

    private static string[] ValueLines(string file) =>
        [.. file.Split('\n').TakeWhile(l => l != "sops:").Where(l => l.Contains("ENC[", StringComparison.Ordinal))];
}

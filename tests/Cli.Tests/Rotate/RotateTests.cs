using System.Text.RegularExpressions;
using Crypt.Cli.Tests.Cloud;

namespace Crypt.Cli.Tests.Rotate;

/// <summary><c>crypt rotate</c> with age keys, end to end: new data key, key edits, refusals.</summary>
public sealed partial class RotateTests : IDisposable
{
    private const string Secret = "sentinel-rotate-secret-17";
    private const string Plain = $"api:\n    token: {Secret}\n    retries: 3\nlist:\n    - one\n    - two\n";
    private const string GcpKey = "projects/p/locations/global/keyRings/r/cryptoKeys/k";

    private readonly Workspace _work = new();
    private readonly AgeKey _alice;
    private readonly AgeKey _bob;

    public RotateTests()
    {
        _alice = _work.NewAgeKey("alice");
        _bob = _work.NewAgeKey("bob");
        _work.Write("app.yaml", Plain);
        CryptResult encrypt = _work.Run(new Dictionary<string, string>(), "encrypt", "--age", $"{_alice.Recipient},{_bob.Recipient}", "-i", "app.yaml");
        Assert.True(encrypt.ExitCode == 0, encrypt.ToString());
    }

    public void Dispose() => _work.Dispose();

    [Fact]
    public void Rotate_changes_every_encrypted_value_keeps_the_keys_and_prints_to_stdout()
    {
        string before = _work.Read("app.yaml");

        CryptResult rotate = _work.Run(_alice.Environment, "rotate", "app.yaml");

        Assert.True(rotate.ExitCode == 0, rotate.ToString());
        Assert.Equal(before, _work.Read("app.yaml"));
        string after = rotate.StdoutText;
        string[] oldValues = [.. EncValue().Matches(Body(before)).Select(m => m.Value)];
        string[] newValues = [.. EncValue().Matches(Body(after)).Select(m => m.Value)];
        Assert.Equal(4, oldValues.Length);
        Assert.Equal(oldValues.Length, newValues.Length);
        Assert.All(newValues, v => Assert.DoesNotContain(v, oldValues));
        Assert.NotEqual(Mac().Match(before).Value, Mac().Match(after).Value);
        Assert.Equal(Recipients(before), Recipients(after));
        Assert.NotEqual(AgeBlocks(before), AgeBlocks(after));
        _work.Write("rotated.yaml", after);
        CryptResult bob = _work.Run(_bob.Environment, "decrypt", "rotated.yaml");
        Assert.True(bob.ExitCode == 0, bob.ToString());
        Assert.Equal(Plain, bob.StdoutText);
        Assert.DoesNotContain(Secret, rotate.Stderr, StringComparison.Ordinal);
        _work.AssertNoTempFiles();
    }

    [Fact]
    public void Rotate_rm_age_removes_the_recipient_who_then_cannot_decrypt_the_rotated_file()
    {
        CryptResult rotate = _work.Run(_alice.Environment, "rotate", "-i", "--rm-age", _bob.Recipient, "app.yaml");

        Assert.True(rotate.ExitCode == 0, rotate.ToString());
        Assert.Equal(string.Empty, rotate.StdoutText);
        string after = _work.Read("app.yaml");
        Assert.Equal([_alice.Recipient], Recipients(after));
        CryptResult bob = _work.Run(_bob.Environment, "decrypt", "app.yaml");
        Assert.Equal(128, bob.ExitCode);
        Assert.Contains($"age {_alice.Recipient}: FAILED", bob.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, bob.StdoutText + bob.Stderr, StringComparison.Ordinal);
        CryptResult alice = _work.Run(_alice.Environment, "decrypt", "app.yaml");
        Assert.Equal(Plain, alice.StdoutText);
        _work.AssertNoTempFiles();
    }

    [Fact]
    public void Rotate_add_age_adds_the_recipient_to_the_first_group_and_output_writes_a_new_file()
    {
        AgeKey carol = _work.NewAgeKey("carol");

        CryptResult rotate = _work.Run(_alice.Environment, "rotate", "--output", "out.yaml", "--add-age", carol.Recipient, "app.yaml");

        Assert.True(rotate.ExitCode == 0, rotate.ToString());
        Assert.Equal([_alice.Recipient, _bob.Recipient, carol.Recipient], Recipients(_work.Read("out.yaml")));
        Assert.Equal(Plain, _work.Run(carol.Environment, "decrypt", "out.yaml").StdoutText);
        Assert.Equal(2, Recipients(_work.Read("app.yaml")).Length);
    }

    [Fact]
    public void Rotate_with_key_flags_on_a_missing_file_fails_with_exit_49_and_creates_nothing()
    {
        CryptResult rotate = _work.Run(_alice.Environment, "rotate", "-i", "--add-age", _bob.Recipient, "missing.yaml");

        Assert.Equal(49, rotate.ExitCode);
        Assert.Equal("crypt: missing.yaml: cannot add or remove keys of a file that does not exist; create it with crypt encrypt --age/--kms/--azure-kv\n", rotate.Stderr);
        Assert.False(File.Exists(_work.PathOf("missing.yaml")));
        Assert.Equal(2, _work.Run(_alice.Environment, "rotate", "missing.yaml").ExitCode); // as sops rotate
    }

    [Fact]
    public void Rotate_refuses_to_drop_a_gcp_kms_key_it_cannot_rewrap_unless_rm_gcp_kms_names_it()
    {
        string withGcp = _work.Read("app.yaml").Replace(
            "    lastmodified:",
            $"    gcp_kms:\n        - created_at: \"2024-01-01T00:00:00Z\"\n          enc: CiQAbc\n          resource_id: {GcpKey}\n    lastmodified:",
            StringComparison.Ordinal);
        _work.Write("app.yaml", withGcp);

        CryptResult refused = _work.Run(_alice.Environment, "rotate", "-i", "app.yaml");

        Assert.Equal(111, refused.ExitCode);
        Assert.Equal($"crypt: app.yaml: the file has a gcp_kms key ({GcpKey}) that crypt cannot re-wrap, so rotating would lock its holder out; rotate with sops, or drop the key explicitly with --rm-gcp-kms {GcpKey}\n", refused.Stderr);
        Assert.Equal(withGcp, _work.Read("app.yaml"));

        CryptResult dropped = _work.Run(_alice.Environment, "rotate", "-i", "--rm-gcp-kms", GcpKey, "app.yaml");
        Assert.True(dropped.ExitCode == 0, dropped.ToString());
        Assert.DoesNotContain("gcp_kms", _work.Read("app.yaml"), StringComparison.Ordinal);
        Assert.Equal(Plain, _work.Run(_bob.Environment, "decrypt", "app.yaml").StdoutText);
        _work.AssertNoTempFiles();
    }

    [Fact]
    public void Rotate_refuses_to_leave_the_group_without_keys_and_warns_about_keys_not_in_the_file()
    {
        AgeKey stranger = _work.NewAgeKey("stranger");
        string before = _work.Read("app.yaml");

        CryptResult rotate = _work.Run(_alice.Environment, "rotate", "-i", "--rm-age", $"{_alice.Recipient},{_bob.Recipient},{stranger.Recipient}", "app.yaml");

        Assert.Equal(111, rotate.ExitCode);
        Assert.Equal(
            $"crypt: app.yaml: no age {stranger.Recipient} key to remove\ncrypt: app.yaml: removing those keys would leave key group 1 with no key; add one with --add-age/--add-pgp/--add-kms/--add-azure-kv\n",
            rotate.Stderr);
        Assert.Equal(before, _work.Read("app.yaml"));
    }

    private static string Body(string file) => file[..file.IndexOf("\nsops:", StringComparison.Ordinal)];

    private static string[] Recipients(string file) => [.. Recipient().Matches(file).Select(m => m.Groups[1].Value)];

    private static string AgeBlocks(string file) => string.Join('\n', file.Split('\n').Where(l => l.StartsWith("            ", StringComparison.Ordinal)));

    [GeneratedRegex(@"ENC\[AES256_GCM,[^\]]+\]")]
    private static partial Regex EncValue();

    [GeneratedRegex(@"mac: ENC\[[^\]]+\]")]
    private static partial Regex Mac();

    [GeneratedRegex(@"recipient: (age1[a-z0-9]+)")]
    private static partial Regex Recipient();
}

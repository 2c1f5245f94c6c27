using System.Text.RegularExpressions;
using Crypt.Cli.Tests.Cloud;

namespace Crypt.Cli.Tests.UpdateKeys;

/// <summary><c>crypt updatekeys</c> with age keys, end to end: diff, confirmation, same data key.</summary>
public sealed partial class UpdateKeysTests : IDisposable
{
    private const string Secret = "sentinel-updatekeys-secret-23";
    private const string Plain = $"api:\n    token: {Secret}\n    retries: 3\n";

    private readonly Workspace _work = new();
    private readonly AgeKey _alice;
    private readonly AgeKey _bob;
    private readonly AgeKey _carol;

    public UpdateKeysTests()
    {
        _alice = _work.NewAgeKey("alice");
        _bob = _work.NewAgeKey("bob");
        _carol = _work.NewAgeKey("carol");
        Configure(_alice, _bob);
        _work.Write("app.yaml", Plain);
        CryptResult encrypt = _work.Run(new Dictionary<string, string>(), "encrypt", "-i", "app.yaml");
        Assert.True(encrypt.ExitCode == 0, encrypt.ToString());
    }

    public void Dispose() => _work.Dispose();

    [Fact]
    public void Updatekeys_yes_prints_the_diff_and_rewraps_the_same_data_key_leaving_values_and_mac_untouched()
    {
        string before = _work.Read("app.yaml");
        Configure(_alice, _carol);

        CryptResult update = _work.Run(_alice.Environment, "updatekeys", "--yes", "app.yaml");

        Assert.True(update.ExitCode == 0, update.ToString());
        Assert.Equal(
            $"The following changes will be made to the file's groups:\nGroup 1\n    {_alice.Recipient}\n+++ {_carol.Recipient}\n--- {_bob.Recipient}\n",
            update.StdoutText);
        Assert.Equal(
            "crypt: app.yaml: synced with new keys\n"
            + "crypt: app.yaml: the data key is unchanged, so the removed keys can still decrypt earlier copies of this file (git history, backups); run 'crypt rotate -i app.yaml' to cut them off\n",
            update.Stderr);
        string after = _work.Read("app.yaml");
        Assert.Equal(EncLines(before), EncLines(after));
        Assert.Equal(Line(before, "    mac: "), Line(after, "    mac: "));
        Assert.Equal(Line(before, "    lastmodified: "), Line(after, "    lastmodified: "));
        Assert.Equal([_alice.Recipient, _carol.Recipient], Recipients(after));
        Assert.Equal(Plain, _work.Run(_carol.Environment, "decrypt", "app.yaml").StdoutText);
        Assert.Equal(128, _work.Run(_bob.Environment, "decrypt", "app.yaml").ExitCode);

        // What updatekeys cannot do (sops #365): bob still opens the copy he already had.
        _work.Write("old.yaml", before);
        Assert.Equal(Plain, _work.Run(_bob.Environment, "decrypt", "old.yaml").StdoutText);
        Assert.DoesNotContain(Secret, update.StdoutText + update.Stderr, StringComparison.Ordinal);
        _work.AssertNoTempFiles();
    }

    [Fact]
    public void Updatekeys_without_yes_and_without_a_terminal_refuses_and_leaves_the_file_alone()
    {
        string before = _work.Read("app.yaml");
        Configure(_alice, _carol);

        CryptResult update = _work.Run(_alice.Environment, "y\n"u8.ToArray(), "updatekeys", "app.yaml");

        Assert.Equal(1, update.ExitCode);
        Assert.StartsWith("The following changes will be made to the file's groups:\n", update.StdoutText, StringComparison.Ordinal);
        Assert.Equal("crypt: app.yaml: not changed: standard input is not a terminal, so crypt cannot ask; review the changes above and pass --yes to apply them\n", update.Stderr);
        Assert.Equal(before, _work.Read("app.yaml"));
        _work.AssertNoTempFiles();
    }

    [Fact]
    public void Updatekeys_on_a_file_that_matches_its_rule_says_so_and_does_not_write()
    {
        string before = _work.Read("app.yaml");
        DateTime written = File.GetLastWriteTimeUtc(_work.PathOf("app.yaml"));

        CryptResult update = _work.Run(_alice.Environment, "updatekeys", "-y", "app.yaml");

        Assert.Equal(0, update.ExitCode);
        Assert.Equal(string.Empty, update.StdoutText);
        Assert.Equal("crypt: app.yaml: already up to date\n", update.Stderr);
        Assert.Equal(before, _work.Read("app.yaml"));
        Assert.Equal(written, File.GetLastWriteTimeUtc(_work.PathOf("app.yaml")));
    }

    [Fact]
    public void Updatekeys_updates_several_files_in_one_run()
    {
        _work.Write("second.yaml", Plain);
        Assert.Equal(0, _work.Run(new Dictionary<string, string>(), "encrypt", "-i", "second.yaml").ExitCode);
        Configure(_carol);

        CryptResult update = _work.Run(_bob.Environment, "updatekeys", "-y", "app.yaml", "second.yaml");

        Assert.True(update.ExitCode == 0, update.ToString());
        Assert.Equal(2, Regex.Count(update.StdoutText, "^Group 1$", RegexOptions.Multiline));
        Assert.Equal([_carol.Recipient], Recipients(_work.Read("app.yaml")));
        Assert.Equal([_carol.Recipient], Recipients(_work.Read("second.yaml")));
        Assert.Equal(Plain, _work.Run(_carol.Environment, "decrypt", "second.yaml").StdoutText);
    }

    [Fact]
    public void Updatekeys_without_any_config_fails_with_exit_61_naming_what_it_looked_for()
    {
        File.Delete(_work.PathOf(".sops.yaml"));

        CryptResult update = _work.Run(_alice.Environment, "updatekeys", "-y", "app.yaml");

        Assert.Equal(61, update.ExitCode);
        Assert.Contains("app.yaml: updatekeys needs creation rules, but no .sopsrc or .sops.yaml was found", update.Stderr, StringComparison.Ordinal);
    }

    private void Configure(params AgeKey[] keys) =>
        _work.Write(".sops.yaml", $"creation_rules:\n  - path_regex: \\.yaml$\n    age: {string.Join(',', keys.Select(k => k.Recipient))}\n");

    private static string EncLines(string file) => file[..file.IndexOf("\nsops:", StringComparison.Ordinal)];

    private static string Line(string file, string prefix) => file.Split('\n').Single(l => l.StartsWith(prefix, StringComparison.Ordinal));

    private static string[] Recipients(string file) => [.. Recipient().Matches(file).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"recipient: (age1[a-z0-9]+)")]
    private static partial Regex Recipient();
}

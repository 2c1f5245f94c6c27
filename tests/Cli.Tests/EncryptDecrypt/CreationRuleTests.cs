using Crypt.Crypto.Age;

namespace Crypt.Cli.Tests.EncryptDecrypt;

/// <summary>Which keys <c>encrypt</c> uses: .sopsrc, .sops.yaml, --config, SOPS_AGE_RECIPIENTS (FORMAT.md §9).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CreationRuleTests : IDisposable
{
    private const string Plain = "password: hunter2\n";

    private readonly Workspace _ws = new();
    private readonly string _other;

    public CreationRuleTests()
    {
        using X25519Identity other = X25519Identity.Generate();
        _other = other.Recipient.ToString();
    }

    public void Dispose() => _ws.Dispose();

    [Fact]
    public void The_first_matching_rule_of_the_sopsrc_in_the_working_folder_wins()
    {
        _ws.Write(".sopsrc", $"creation_rules:\n  - path_regex: \\.dev\\.yaml$\n    age: {_ws.Recipient}\n  - path_regex: \\.yaml$\n    age: {_other}\n");
        _ws.Write("app.dev.yaml", Plain);
        _ws.Write("app.prod.yaml", Plain);

        CryptResult dev = _ws.Run("encrypt", "app.dev.yaml");
        CryptResult prod = _ws.Run("encrypt", "app.prod.yaml");

        Assert.True(dev.ExitCode == 0, dev.ToString());
        Assert.Contains(_ws.Recipient, dev.StdoutText, StringComparison.Ordinal);
        Assert.DoesNotContain(_other, dev.StdoutText, StringComparison.Ordinal);
        Assert.True(prod.ExitCode == 0, prod.ToString());
        Assert.Contains(_other, prod.StdoutText, StringComparison.Ordinal);
        Assert.DoesNotContain(_ws.Recipient, prod.StdoutText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_no_rule_matches_fails_with_exit_1_as_sops_and_says_so()
    {
        _ws.Write(".sopsrc", $"creation_rules:\n  - path_regex: \\.dev\\.yaml$\n    age: {_ws.Recipient}\n");
        _ws.Write("app.yaml", Plain);

        CryptResult result = _ws.Run("encrypt", "app.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no creation rule in", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(".sopsrc matches app.yaml", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("app.yaml", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void Without_a_sopsrc_the_sops_yaml_of_a_parent_folder_is_used_and_sopsrc_wins_when_both_exist()
    {
        _ws.Write(".sops.yaml", $"creation_rules:\n  - age: {_other}\n");
        _ws.Write("sub/app.yaml", Plain);

        CryptResult fallback = CryptProcess.Run(_ws.Path("sub"), _ws.Environment(), null, "encrypt", "app.yaml");
        _ws.Write(".sopsrc", $"creation_rules:\n  - age: {_ws.Recipient}\n");
        CryptResult preferred = CryptProcess.Run(_ws.Path("sub"), _ws.Environment(), null, "encrypt", "app.yaml");

        Assert.True(fallback.ExitCode == 0, fallback.ToString());
        Assert.Contains(_other, fallback.StdoutText, StringComparison.Ordinal);
        Assert.True(preferred.ExitCode == 0, preferred.ToString());
        Assert.Contains(_ws.Recipient, preferred.StdoutText, StringComparison.Ordinal);
        Assert.DoesNotContain(_other, preferred.StdoutText, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_names_a_rules_file_outside_the_folder_tree()
    {
        _ws.Write("rules/team.yaml", $"creation_rules:\n  - path_regex: app\\.yaml$\n    age: {_ws.Recipient}\n");
        _ws.Write(".sopsrc", $"creation_rules:\n  - age: {_other}\n");
        _ws.Write("app.yaml", Plain);

        CryptResult result = _ws.Run("--config", "rules/team.yaml", "encrypt", "app.yaml");
        CryptResult missing = _ws.Run("--config", "rules/nope.yaml", "encrypt", "app.yaml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(_ws.Recipient, result.StdoutText, StringComparison.Ordinal);
        Assert.DoesNotContain(_other, result.StdoutText, StringComparison.Ordinal);
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("rules/nope.yaml", missing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Filename_override_picks_the_rule_for_standard_input()
    {
        _ws.Write(".sopsrc", $"creation_rules:\n  - path_regex: ^prod/\n    age: {_other}\n  - age: {_ws.Recipient}\n");

        CryptResult prod = _ws.RunWithInput(Plain, "encrypt", "--filename-override", "prod/db.yaml");
        CryptResult dev = _ws.RunWithInput(Plain, "encrypt", "--filename-override", "dev/db.yaml");

        Assert.True(prod.ExitCode == 0, prod.ToString());
        Assert.Contains(_other, prod.StdoutText, StringComparison.Ordinal);
        Assert.True(dev.ExitCode == 0, dev.ToString());
        Assert.Contains(_ws.Recipient, dev.StdoutText, StringComparison.Ordinal);
    }

    [Fact]
    public void Sops_age_recipients_is_used_when_no_flag_and_no_config_name_a_key()
    {
        _ws.Write("app.yaml", Plain);

        CryptResult result = CryptProcess.Run(_ws.Root, _ws.Environment(("SOPS_AGE_RECIPIENTS", $"{_ws.Recipient},{_other}")), null, "encrypt", "app.yaml");
        CryptResult none = _ws.Run("encrypt", "app.yaml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(_ws.Recipient, result.StdoutText, StringComparison.Ordinal);
        Assert.Contains(_other, result.StdoutText, StringComparison.Ordinal);
        Assert.Equal(1, none.ExitCode);
        Assert.Contains("SOPS_AGE_RECIPIENTS", none.Stderr, StringComparison.Ordinal);
    }
}

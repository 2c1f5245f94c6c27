using Crypt.Crypto.Age;

namespace Crypt.Cli.Tests.EncryptDecrypt;

/// <summary>Where <c>decrypt</c> finds age identities (FORMAT.md §6.1, §11): every source, merged.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AgeKeyLocationTests : IDisposable
{
    private const string Plain = "token: tok-abc\n";

    private readonly Workspace _ws = new();

    public AgeKeyLocationTests()
    {
        _ws.Encrypt("secrets.yaml", Plain, "secrets.enc.yaml");
    }

    public void Dispose() => _ws.Dispose();

    [Fact]
    public void Sops_age_key_holds_the_identity_inline()
    {
        CryptResult result = _ws.RunWithEnvironment(new Dictionary<string, string> { ["SOPS_AGE_KEY"] = _ws.Identity }, "decrypt", "secrets.enc.yaml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Plain, result.StdoutText);
    }

    [Fact]
    public void Sops_age_key_file_names_an_identity_file()
    {
        CryptResult result = _ws.RunWithEnvironment(new Dictionary<string, string> { ["SOPS_AGE_KEY_FILE"] = _ws.KeyFile }, "decrypt", "secrets.enc.yaml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Plain, result.StdoutText);
        Assert.Equal(string.Empty, result.Stderr);
    }

    [Fact]
    public void Sops_age_key_cmd_runs_a_command_that_prints_the_identity()
    {
        CryptResult result = _ws.RunWithEnvironment(new Dictionary<string, string> { ["SOPS_AGE_KEY_CMD"] = $"cat {_ws.KeyFile}" }, "decrypt", "secrets.enc.yaml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Plain, result.StdoutText);
    }

    [Fact]
    public void The_default_keys_txt_under_xdg_config_home_is_read()
    {
        string xdg = _ws.Path("xdg");
        Directory.CreateDirectory(Path.Combine(xdg, "sops", "age"));
        File.Copy(_ws.KeyFile, Path.Combine(xdg, "sops", "age", "keys.txt"));

        CryptResult result = _ws.RunWithEnvironment(new Dictionary<string, string> { ["XDG_CONFIG_HOME"] = xdg }, "decrypt", "secrets.enc.yaml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Plain, result.StdoutText);
    }

    [Fact]
    public void The_default_keys_txt_under_home_is_read_when_xdg_config_home_is_unset()
    {
        Directory.CreateDirectory(_ws.Path(".config/sops/age"));
        File.Copy(_ws.KeyFile, _ws.Path(".config/sops/age/keys.txt"));

        CryptResult result = _ws.RunWithEnvironment(new Dictionary<string, string> { ["XDG_CONFIG_HOME"] = string.Empty }, "decrypt", "secrets.enc.yaml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Plain, result.StdoutText);
    }

    [Fact]
    public void Identities_from_every_source_are_merged_not_first_wins()
    {
        using X25519Identity stranger = X25519Identity.Generate();
        string xdg = _ws.Path("xdg");
        Directory.CreateDirectory(Path.Combine(xdg, "sops", "age"));
        File.Copy(_ws.KeyFile, Path.Combine(xdg, "sops", "age", "keys.txt"));

        CryptResult result = _ws.RunWithEnvironment(
            new Dictionary<string, string> { ["SOPS_AGE_KEY"] = stranger.ToSecretString(), ["XDG_CONFIG_HOME"] = xdg },
            "decrypt",
            "secrets.enc.yaml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Plain, result.StdoutText);
    }

    [Fact]
    public void A_world_readable_identity_file_draws_a_warning_but_still_decrypts()
    {
        File.SetUnixFileMode(_ws.KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        CryptResult result = _ws.Run("decrypt", "secrets.enc.yaml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Plain, result.StdoutText);
        Assert.Contains("readable by other users", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(_ws.KeyFile, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("AGE-SECRET-KEY", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_matching_identity_decrypt_fails_with_exit_128_listing_the_keys_and_places_tried()
    {
        using X25519Identity stranger = X25519Identity.Generate();

        CryptResult result = _ws.RunWithEnvironment(new Dictionary<string, string> { ["SOPS_AGE_KEY"] = stranger.ToSecretString() }, "decrypt", "secrets.enc.yaml");
        CryptResult none = _ws.RunWithEnvironment(new Dictionary<string, string>(), "decrypt", "secrets.enc.yaml");

        Assert.Equal(128, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Contains("secrets.enc.yaml", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(_ws.Recipient, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("AGE-SECRET-KEY", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(128, none.ExitCode);
        Assert.Contains(_ws.Recipient, none.Stderr, StringComparison.Ordinal);
        Assert.Contains("keys.txt", none.Stderr, StringComparison.Ordinal);
    }
}

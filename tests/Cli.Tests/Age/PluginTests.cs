namespace Crypt.Cli.Tests.Age;

/// <summary>
/// age plugins end to end: a tiny test plugin (a POSIX shell script the test writes, speaking
/// the recipient-v1 and identity-v1 state machines of age's plugin protocol) on PATH, used by
/// crypt and by the reference sops. The plugin stores the file key unencrypted in its stanza:
/// it tests the protocol, not cryptography.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PluginTests : IDisposable
{
    // Bech32 of HRP age1crypttest / AGE-PLUGIN-CRYPTTEST- with arbitrary data, made for these tests.
    private const string Recipient = "age1crypttest1wfjkx6tsd9jkuapddahx22p344m";
    private const string Identity = "AGE-PLUGIN-CRYPTTEST-1D9JX2MN5D968JTT0DEJSC2UYDW";
    private const string MissingPluginRecipient = "age1cryptmissing10qkf0z84";
    private const string Yaml = "api: key-123\n";

    private const string Plugin = """
        #!/bin/sh
        # Test-only age plugin: wraps the file key as-is under the stanza type "crypttest".
        prev=""
        key=""
        case "$1" in
        --age-plugin=recipient-v1)
          while IFS= read -r line; do
            [ "$prev" = "-> wrap-file-key" ] && key="$line"
            if [ "$line" = "-> done" ]; then IFS= read -r _; break; fi
            prev="$line"
          done
          printf -- '-> recipient-stanza 0 crypttest\n%s\n' "$key"
          IFS= read -r _; IFS= read -r _
          printf -- '-> done\n\n'
          ;;
        --age-plugin=identity-v1)
          while IFS= read -r line; do
            case "$prev" in "-> recipient-stanza 0 crypttest") key="$line" ;; esac
            if [ "$line" = "-> done" ]; then IFS= read -r _; break; fi
            prev="$line"
          done
          if [ -n "$key" ]; then
            printf -- '-> file-key 0\n%s\n' "$key"
            IFS= read -r _; IFS= read -r _
          fi
          printf -- '-> done\n\n'
          ;;
        *) exit 1 ;;
        esac
        """;

    private readonly AgeKeyFolder _folder = new();

    public PluginTests()
    {
        string bin = _folder.Path("bin");
        Directory.CreateDirectory(bin);
        string plugin = Path.Combine(bin, "age-plugin-crypttest");
        File.WriteAllText(plugin, Plugin.Replace("\r", string.Empty, StringComparison.Ordinal) + "\n");
        File.SetUnixFileMode(plugin, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _folder.Write("plugin-key.txt", $"# test plugin identity\n{Identity}\n");
        _folder.Write("in.yaml", Yaml);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_file_crypt_encrypted_to_a_plugin_recipient_decrypts_with_crypt_and_with_sops()
    {
        CryptResult encrypted = _folder.Crypt(WithPlugin(), "encrypt", "--age", Recipient, "--output", "enc.yaml", "in.yaml");
        Assert.True(encrypted.ExitCode == 0, encrypted.ToString());
        Assert.Contains($"recipient: {Recipient}", File.ReadAllText(_folder.Path("enc.yaml")), StringComparison.Ordinal);

        CryptResult byCrypt = _folder.Crypt(WithPlugin(("SOPS_AGE_KEY_FILE", _folder.Path("plugin-key.txt"))), "decrypt", "enc.yaml");
        Assert.True(byCrypt.ExitCode == 0, byCrypt.ToString());
        Assert.Equal(Yaml, byCrypt.StdoutText);
        CryptResult bySops = _folder.Sops(WithPlugin(("SOPS_AGE_KEY_FILE", _folder.Path("plugin-key.txt"))), "decrypt", "enc.yaml");
        Assert.True(bySops.ExitCode == 0, bySops.ToString());
        Assert.Equal(Yaml, bySops.StdoutText);
    }

    [Fact]
    public void A_file_sops_encrypted_to_a_plugin_recipient_decrypts_with_crypt()
    {
        CryptResult encrypted = _folder.Sops(WithPlugin(), "encrypt", "--age", Recipient, "in.yaml");
        Assert.True(encrypted.ExitCode == 0, encrypted.ToString());
        _folder.Write("enc.yaml", encrypted.StdoutText);

        CryptResult decrypted = _folder.Crypt(WithPlugin(("SOPS_AGE_KEY_FILE", _folder.Path("plugin-key.txt"))), "decrypt", "enc.yaml");
        Assert.True(decrypted.ExitCode == 0, decrypted.ToString());
        Assert.Equal(Yaml, decrypted.StdoutText);
    }

    [Fact]
    public void A_missing_plugin_is_a_clear_error_naming_it()
    {
        CryptResult result = _folder.Crypt(WithPlugin(), "encrypt", "--age", MissingPluginRecipient, "--output", "enc.yaml", "in.yaml");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("age-plugin-cryptmissing", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.Path("enc.yaml")));
    }

    private Dictionary<string, string> WithPlugin(params (string Key, string Value)[] extra)
    {
        Dictionary<string, string> environment = new(StringComparer.Ordinal)
        {
            ["PATH"] = _folder.Path("bin") + Path.PathSeparator + (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin"),
        };
        foreach ((string key, string value) in extra)
        {
            environment[key] = value;
        }

        return environment;
    }
}

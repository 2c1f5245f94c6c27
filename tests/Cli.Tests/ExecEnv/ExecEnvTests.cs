using System.Globalization;
using Crypt.Cli.Tests.EncryptDecrypt;

namespace Crypt.Cli.Tests.ExecEnv;

/// <summary><c>crypt exec-env</c> end to end (FORMAT.md §10): values in the child's environment, its exit status returned.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ExecEnvTests : IDisposable
{
    private const string Secrets = "# deploy settings\nDB_PASSWORD: pw-e2e\nPORT: 5432\nRATIO: 1.5\nWHOLE: 3.0\nDEBUG: false\nEMPTY: \"\"\nMULTI: \"line one\\nline two\"\n";

    private readonly Workspace _ws = new();

    public ExecEnvTests()
    {
        _ws.Encrypt("secrets.yaml", Secrets, "secrets.enc.yaml");
    }

    public void Dispose() => _ws.Dispose();

    [Fact]
    public void Top_level_values_reach_the_command_as_strings_and_numbers_as_text()
    {
        CryptResult result = _ws.Run("exec-env", "secrets.enc.yaml", "printf '%s|%s|%s|%s|%s|[%s]|%s' \"$DB_PASSWORD\" \"$PORT\" \"$RATIO\" \"$WHOLE\" \"$DEBUG\" \"$EMPTY\" \"$MULTI\"");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("pw-e2e|5432|1.5|3.0|false|[]|line one\nline two", result.StdoutText);
        Assert.Equal(string.Empty, result.Stderr);
        Assert.Empty(_ws.TempLeftovers());
        Assert.Equal(["secrets.enc.yaml"], _ws.Files());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(42)]
    public void The_commands_exit_status_is_cryps_exit_status(int status)
    {
        CryptResult result = _ws.Run("exec-env", "secrets.enc.yaml", $"exit {status.ToString(CultureInfo.InvariantCulture)}");

        Assert.Equal(status, result.ExitCode);
        Assert.Equal(string.Empty, result.Stderr);
    }

    [Fact]
    public void The_command_inherits_standard_input_and_the_environment_unless_pristine()
    {
        Dictionary<string, string> environment = _ws.Environment(("INHERITED", "from-parent"));

        CryptResult inherited = CryptProcess.Run(_ws.Root, environment, "piped-in"u8.ToArray(), "exec-env", "secrets.enc.yaml", "cat; echo \"/$INHERITED/$DB_PASSWORD\"");
        CryptResult pristine = CryptProcess.Run(_ws.Root, environment, null, "exec-env", "--pristine", "secrets.enc.yaml", "echo \"/$INHERITED/$DB_PASSWORD/$SOPS_AGE_KEY_FILE\"");

        Assert.True(inherited.ExitCode == 0, inherited.ToString());
        Assert.Equal("piped-in/from-parent/pw-e2e\n", inherited.StdoutText);
        Assert.True(pristine.ExitCode == 0, pristine.ToString());
        Assert.Equal("//pw-e2e/\n", pristine.StdoutText);
    }

    [Fact]
    public void Comments_are_skipped_and_dotenv_files_work_too()
    {
        _ws.Encrypt("app.env", "# comment line\nAPI_TOKEN=tok-e2e\nURL=https://x.test/?a=b\n", "app.enc.env");

        CryptResult result = _ws.Run("exec-env", "--pristine", "app.enc.env", "env | grep -v -e '^PWD=' -e '^SHLVL=' -e '^_=' | sort");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("API_TOKEN=tok-e2e\nURL=https://x.test/?a=b\n", result.StdoutText);
    }

    [Fact]
    public void Same_process_replaces_crypt_with_the_shell()
    {
        CryptResult child = _ws.Run("exec-env", "secrets.enc.yaml", "echo $PPID");
        CryptResult replaced = _ws.Run("exec-env", "--same-process", "secrets.enc.yaml", "echo \"$PPID $DB_PASSWORD\"; exit 7");

        Assert.True(child.ExitCode == 0, child.ToString());
        Assert.NotEqual($"{Environment.ProcessId}\n", child.StdoutText);
        Assert.Equal(7, replaced.ExitCode);
        Assert.Equal($"{Environment.ProcessId} pw-e2e\n", replaced.StdoutText);
    }

    public static TheoryData<string, string> Refused() => new()
    {
        { "db:\n    password: pw-nested\nTOKEN: t\n", "'db' holds a map" },
        { "hosts:\n    - pw-listed\n", "'hosts' holds a list" },
        { "\"A=B\": pw-equals\n", "'A=B'" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Maps_lists_and_keys_with_equals_are_refused_with_exit_1_before_the_command_runs(string plaintext, string message)
    {
        _ws.Encrypt("bad.yaml", plaintext, "bad.enc.yaml");

        CryptResult result = _ws.Run("exec-env", "bad.enc.yaml", "touch ran");

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Contains("bad.enc.yaml", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("pw-", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_ws.Path("ran")));
    }

    [Fact]
    public void A_file_that_does_not_decrypt_fails_with_its_decrypt_exit_code_and_the_command_never_runs()
    {
        CryptResult noKey = _ws.RunWithEnvironment(new Dictionary<string, string>(), "exec-env", "secrets.enc.yaml", "touch ran");
        _ws.Write("plain.yaml", "A: b\n");
        CryptResult plain = _ws.Run("exec-env", "plain.yaml", "touch ran");
        CryptResult missing = _ws.Run("exec-env", "nope.enc.yaml", "touch ran");
        CryptResult stdin = _ws.Run("exec-env", "-", "touch ran");

        Assert.Equal(128, noKey.ExitCode);
        Assert.Equal(1, plain.ExitCode);
        Assert.Equal(2, missing.ExitCode); // sops: "Error reading file", CouldNotReadInputFile
        Assert.Equal(100, stdin.ExitCode);
        Assert.False(File.Exists(_ws.Path("ran")));
    }

    [Fact]
    public void Ignore_mac_lets_a_file_with_a_changed_clear_value_run()
    {
        _ws.Encrypt("s.yaml", "A_unencrypted: one\nB: pw-mac\n", "s.enc.yaml");
        _ws.Write("s.enc.yaml", _ws.Read("s.enc.yaml").Replace("A_unencrypted: one", "A_unencrypted: two", StringComparison.Ordinal));

        CryptResult strict = _ws.Run("exec-env", "s.enc.yaml", "echo $B");
        CryptResult lenient = _ws.Run("exec-env", "--ignore-mac", "s.enc.yaml", "echo $A_unencrypted $B");

        Assert.Equal(51, strict.ExitCode);
        Assert.Empty(strict.Stdout);
        Assert.Equal((0, "two pw-mac\n"), (lenient.ExitCode, lenient.StdoutText));
    }
}

using System.Diagnostics;
using Crypt.Cli.Tests.EncryptDecrypt;

namespace Crypt.Cli.Tests.ExecFile;

/// <summary><c>crypt exec-file</c> end to end (FORMAT.md §10): FIFO by default, private 0600 file with --no-fifo, nothing left behind.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ExecFileTests : IDisposable
{
    private const string Secrets = "db:\n    password: pw-file\n    port: 5432\n";

    private readonly Workspace _ws = new();

    public ExecFileTests()
    {
        _ws.Encrypt("secrets.yaml", Secrets, "secrets.enc.yaml");
    }

    public void Dispose() => _ws.Dispose();

    [Fact]
    public void By_default_the_plaintext_comes_through_a_fifo_in_a_private_folder_that_is_removed()
    {
        CryptResult result = _ws.Run("exec-file", "secrets.enc.yaml", "test -p {} && stat -c %a {} \"$(dirname {})\" && cat {}");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("600\n700\n" + Secrets, result.StdoutText);
        Assert.Equal(string.Empty, result.Stderr);
        Assert.Empty(_ws.TempLeftovers());
        Assert.Equal(["secrets.enc.yaml"], _ws.Files());
    }

    [Fact]
    public void No_fifo_uses_an_owner_only_regular_file_that_is_removed_afterwards()
    {
        CryptResult result = _ws.Run("exec-file", "--no-fifo", "secrets.enc.yaml", "test -f {} && stat -c %a {} \"$(dirname {})\" && cat {} && echo {} > path.txt");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("600\n700\n" + Secrets, result.StdoutText);
        string path = _ws.Read("path.txt").Trim();
        Assert.StartsWith(_ws.Tmp, path, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
        Assert.Empty(_ws.TempLeftovers());
    }

    [Fact]
    public void A_command_that_never_opens_the_fifo_does_not_make_crypt_hang()
    {
        Stopwatch clock = Stopwatch.StartNew();
        CryptResult result = _ws.Run("exec-file", "secrets.enc.yaml", "exit 3");

        Assert.Equal(3, result.ExitCode);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(60));
        Assert.Empty(_ws.TempLeftovers());
    }

    [Fact]
    public void A_command_that_reads_only_part_of_a_large_fifo_ends_cleanly()
    {
        string big = "blob: " + new string('x', 300_000) + "\n";
        _ws.Encrypt("big.yaml", big, "big.enc.yaml");

        CryptResult result = _ws.Run("exec-file", "big.enc.yaml", "head -c 6 {}");

        Assert.Equal((0, "blob: "), (result.ExitCode, result.StdoutText));
        Assert.Empty(_ws.TempLeftovers());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Filename_names_the_path_and_output_type_sets_its_format(bool noFifo)
    {
        string[] args = noFifo
            ? ["exec-file", "--no-fifo", "--filename", "config.json", "--output-type", "json", "secrets.enc.yaml", "basename {}; cat {}"]
            : ["exec-file", "--filename", "config.json", "--output-type", "json", "secrets.enc.yaml", "basename {}; cat {}"];

        CryptResult result = _ws.Run(args);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("config.json\n{\n\t\"db\": {\n\t\t\"password\": \"pw-file\",\n\t\t\"port\": 5432\n\t}\n}\n", result.StdoutText);
    }

    [Fact]
    public void Input_type_reads_a_dotenv_file_with_another_extension()
    {
        _ws.Encrypt("app.env", "TOKEN=tok-file\n", "app.env.enc");

        CryptResult result = _ws.Run("exec-file", "--input-type", "dotenv", "--output-type", "dotenv", "app.env.enc", "cat {}");

        Assert.Equal((0, "TOKEN=tok-file\n"), (result.ExitCode, result.StdoutText));
    }

    [Theory]
    [InlineData("--no-fifo")]
    [InlineData("--filename=tmp-file")]
    public void The_commands_exit_status_is_crypts_exit_status(string flag)
    {
        CryptResult result = _ws.Run("exec-file", flag, "secrets.enc.yaml", "cat {} > /dev/null; exit 9");

        Assert.Equal(9, result.ExitCode);
        Assert.Empty(_ws.TempLeftovers());
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("..")]
    public void A_filename_that_is_a_path_is_refused(string name)
    {
        CryptResult result = _ws.Run("exec-file", "--filename", name, "secrets.enc.yaml", "touch ran");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--filename", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_ws.Path("ran")));
    }

    [Fact]
    public void A_file_that_does_not_decrypt_fails_before_any_temp_folder_exists()
    {
        CryptResult noKey = _ws.RunWithEnvironment(new Dictionary<string, string>(), "exec-file", "--no-fifo", "secrets.enc.yaml", "touch ran");
        CryptResult missing = _ws.Run("exec-file", "nope.enc.yaml", "touch ran");

        Assert.Equal(128, noKey.ExitCode);
        Assert.Equal(2, missing.ExitCode); // sops exec-file: "Error reading file"
        Assert.Empty(noKey.Stdout);
        Assert.False(File.Exists(_ws.Path("ran")));
        Assert.Empty(_ws.TempLeftovers());
    }

    [Fact]
    public async Task Sigterm_removes_the_plaintext_at_once_and_is_passed_to_the_command()
    {
        ProcessStartInfo start = new(CryptProcess.Executable) { WorkingDirectory = _ws.Root, UseShellExecute = false, RedirectStandardError = true };
        foreach (string arg in new[] { "exec-file", "--no-fifo", "secrets.enc.yaml", "echo {} > started; exec sleep 30" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Clear();
        start.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        start.Environment["HOME"] = _ws.Root;
        start.Environment["DOTNET_ROOT"] = Environment.GetEnvironmentVariable("DOTNET_ROOT") ?? Path.GetDirectoryName(Environment.ProcessPath) ?? string.Empty;
        foreach ((string key, string value) in _ws.Environment())
        {
            start.Environment[key] = value;
        }

        using Process crypt = Process.Start(start)!;
        Task<string> stderr = crypt.StandardError.ReadToEndAsync();
        Stopwatch clock = Stopwatch.StartNew();
        while (!File.Exists(_ws.Path("started")) && clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            await Task.Delay(50);
        }

        string plaintextPath = _ws.Read("started").Trim();
        Assert.True(File.Exists(plaintextPath));
        using (Process kill = Process.Start("kill", ["-TERM", crypt.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        Assert.True(crypt.WaitForExit(TimeSpan.FromSeconds(60)), "crypt did not end after SIGTERM");
        Assert.Equal(128 + 15, crypt.ExitCode);
        Assert.DoesNotContain("pw-file", await stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(plaintextPath));
        Assert.Empty(_ws.TempLeftovers());
    }
}

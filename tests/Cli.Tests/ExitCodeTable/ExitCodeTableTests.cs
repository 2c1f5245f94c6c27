using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Crypt.Tests;

namespace Crypt.Cli.Tests.ExitCodeTable;

/// <summary>
/// Every row of the README's exit-code table, produced by a real crypt command in the situation
/// the row names: the exit code is the row's, and stderr is one line naming the file (the
/// input, or the output or config the failure is about). Where the real sops answers the same
/// situation with a code of its table (cmd/sops/codes/codes.go), it runs on the same inputs and
/// must agree. The rows are read from the README, so a new row without a situation here fails.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ExitCodeTableTests
{
    /// <summary>The situation for each row; <see cref="ExitScene"/> builds the files in a fresh folder.</summary>
    private static readonly IReadOnlyDictionary<string, ExitCase> s_cases = new Dictionary<string, ExitCase>(StringComparer.Ordinal)
    {
        ["0"] = new(0, ExitScene.Encrypted, null, Sops: true, s => ["decrypt", ExitScene.Encrypted]),
        ["1"] = new(1, "plain.yaml", null, Sops: true, s => ["decrypt", s.Plain("plain.yaml")]),
        ["2"] = new(2, "bad.yaml", null, Sops: true, s => ["encrypt", "--age", s.Recipient, s.Write("bad.yaml", "a: b\nc: \"unterminated\n")]),
        ["3"] = new(3, "no-such-folder/out.yaml", null, Sops: true, s => ["decrypt", "--output", "no-such-folder/out.yaml", ExitScene.Encrypted]),
        ["4"] = new(4, ExitScene.Encrypted, null, Sops: true, s => ["decrypt", "--output-type", "dotenv", ExitScene.Encrypted]),
        // sops answers a config that is not YAML with 1 ("error loading config"); README keeps 5.
        ["5"] = new(5, ".sops.yaml", null, Sops: false, s =>
        {
            s.Write(".sops.yaml", "creation_rules: [\n");
            return ["encrypt", s.Plain("plain.yaml")];
        }),
        ["6"] = new(6, "plain.yaml", null, Sops: true, s => ["encrypt", "--kms", "arn:aws:kms:eu-west-1:111122223333:key/k", "--encryption-context", "no-colon", s.Plain("plain.yaml")]),
        ["7"] = new(7, ExitScene.Encrypted, null, Sops: true, s => ["set", ExitScene.Encrypted, "[\"db\"]", "[1, 2]"]),
        ["8"] = new(8, ExitScene.Encrypted, null, Sops: true, s => ["decrypt", "-i", "--output", "out.yaml", ExitScene.Encrypted]),
        ["25"] = new(25, "tampered.yaml", null, Sops: true, s => ["decrypt", s.Tampered("tampered.yaml")]),
        ["49"] = new(49, "missing.yaml", null, Sops: true, s => ["rotate", "--add-age", s.Recipient, "missing.yaml"]),
        ["51"] = new(51, "changed.yaml", null, Sops: true, s => ["decrypt", s.UnencryptedValueChanged("changed.yaml")]),
        // sops's updatekeys without a config says "config file not found" with 1; README keeps 61.
        ["61"] = new(61, ExitScene.Encrypted, null, Sops: false, s => ["updatekeys", "-y", ExitScene.Encrypted]),
        // SIGINT while the editor runs: crypt removes the plaintext and exits 85. sops is not
        // compared: Go's default SIGINT handling kills it without an exit status.
        ["85"] = new(85, ExitScene.Encrypted, null, Sops: false, s =>
        {
            s.Editor = s.Script("slow.sh", $"touch '{s.PathOf("ready")}'\nsleep 300");
            return ["edit", ExitScene.Encrypted];
        }, Interrupt: true),
        ["91"] = new(91, ExitScene.Encrypted, null, Sops: true, s => ["decrypt", "--extract", "db", ExitScene.Encrypted]),
        ["92"] = new(92, "empty.yaml", null, Sops: true, s => ["encrypt", "--age", s.Recipient, s.Write("empty.yaml", string.Empty)]),
        ["100"] = new(100, "nope.yaml", null, Sops: true, s => ["decrypt", "nope.yaml"]),
        // sops builds a KMS key from any text and fails later with 1; crypt refuses the key up front.
        ["111"] = new(111, "plain.yaml", null, Sops: false, s => ["encrypt", "--kms", "not-an-arn", s.Plain("plain.yaml")]),
        ["112"] = new(112, ExitScene.Encrypted, null, Sops: true, s => ["decrypt", "--decryption-order", "age,age", ExitScene.Encrypted]),
        ["128"] = new(128, ExitScene.Encrypted, s => s.OtherKeyFile, Sops: true, s => ["decrypt", ExitScene.Encrypted]),
        ["200"] = new(200, ExitScene.Encrypted, null, Sops: true, s =>
        {
            s.Editor = s.Script("touch.sh", "touch \"$1\"");
            return ["edit", ExitScene.Encrypted];
        }),
        ["201"] = new(201, ExitScene.Encrypted, null, Sops: true, s =>
        {
            s.Editor = s.PathOf("no-such-editor");
            return ["edit", ExitScene.Encrypted];
        }),
        ["203"] = new(203, ExitScene.Encrypted, null, Sops: true, s => ["encrypt", "--age", s.Recipient, ExitScene.Encrypted]),
        // exec-env returns the command's own code; stderr is the command's, so nothing to check there.
        ["other"] = new(42, null, null, Sops: true, s => ["exec-env", s.FlatEncrypted(), "exit 42"]),
    };

    public static TheoryData<string> ReadmeRows() => [.. ReadReadmeTable()];

    [Fact]
    public void The_readme_table_and_the_situations_here_list_the_same_codes()
    {
        List<string> rows = ReadReadmeTable();

        Assert.True(rows.Count >= 20, $"the README's exit-code table was not found or is short: {string.Join(", ", rows)}");
        Assert.Equal(rows.Order(StringComparer.Ordinal), s_cases.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ReadmeRows))]
    public async Task Each_readme_row_is_the_exit_code_of_its_situation_with_one_line_naming_the_file(string row)
    {
        Assert.True(s_cases.TryGetValue(row, out ExitCase? exit), $"README row '{row}' has no situation in {nameof(ExitCodeTableTests)}");
        using ExitScene crypt = new();
        string[] args = exit.Arguments(crypt);

        CryptResult result = exit.Interrupt
            ? await RunInterruptedAsync(crypt, args)
            : CryptProcess.Run(crypt.Root, crypt.Environment(exit.KeyFile?.Invoke(crypt)), null, args);

        Assert.True(result.ExitCode == exit.Code, $"row {row}: crypt {string.Join(' ', args)}\n{result}");
        if (exit.Code == 0)
        {
            Assert.Equal(string.Empty, result.Stderr);
        }
        else if (exit.Names is not null)
        {
            string[] lines = result.Stderr.TrimEnd('\n').Split('\n');
            // 128 lists every key tried under its first line (README: "the message lists every key tried").
            Assert.True(exit.Code == 128 || lines.Length == 1, $"row {row}: stderr is not one line:\n{result.Stderr}");
            Assert.StartsWith("crypt: ", lines[0], StringComparison.Ordinal);
            Assert.Contains(exit.Names, lines[0], StringComparison.Ordinal);
        }

        if (exit.Sops)
        {
            using ExitScene sops = new();
            string[] sopsArgs = exit.Arguments(sops); // first: it may set the editor the environment names
            SopsResult expected = SopsProcess.Run(sops.Root, sops.Environment(exit.KeyFile?.Invoke(sops)), null, sopsArgs);
            Assert.True(expected.ExitCode == result.ExitCode, $"row {row}: sops exits {expected.ExitCode}, crypt {result.ExitCode}\nsops stderr: {expected.Stderr}");
        }
    }

    /// <summary>Starts crypt, waits until the editor has started (it touches <c>ready</c>), sends SIGINT, and collects the result.</summary>
    private static async Task<CryptResult> RunInterruptedAsync(ExitScene scene, string[] args)
    {
        string ready = scene.PathOf("ready");
        ProcessStartInfo start = new(CryptProcess.Executable)
        {
            WorkingDirectory = scene.Root,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Clear();
        start.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        start.Environment["HOME"] = scene.Root;
        start.Environment["DOTNET_ROOT"] = Environment.GetEnvironmentVariable("DOTNET_ROOT") ?? Path.GetDirectoryName(Environment.ProcessPath) ?? string.Empty;
        foreach ((string key, string value) in scene.Environment(null))
        {
            start.Environment[key] = value;
        }

        using Process crypt = Process.Start(start)!;
        crypt.StandardInput.Close();
        Task<string> stderr = crypt.StandardError.ReadToEndAsync();
        Task<string> stdout = crypt.StandardOutput.ReadToEndAsync();
        Stopwatch waited = Stopwatch.StartNew();
        while (!File.Exists(ready) && !crypt.HasExited && waited.Elapsed < TimeSpan.FromSeconds(120))
        {
            await Task.Delay(50);
        }

        Assert.True(File.Exists(ready), "the editor never started");
        using (Process kill = Process.Start("kill", ["-INT", crypt.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        // The editor's children die with it, or they would hold stderr open for 300 s.
        using CancellationTokenSource timeout = new(TimeSpan.FromSeconds(60));
        await crypt.WaitForExitAsync(timeout.Token);
        return new CryptResult(crypt.ExitCode, System.Text.Encoding.UTF8.GetBytes(await stdout.WaitAsync(timeout.Token)), await stderr.WaitAsync(timeout.Token));
    }

    /// <summary>The first cell of each row of the table under README's "## Exit codes" heading.</summary>
    private static List<string> ReadReadmeTable()
    {
        string[] lines = File.ReadAllLines(Path.Combine(SharedPaths.RepoRoot, "README.md"));
        int heading = Array.FindIndex(lines, l => l.Trim() == "## Exit codes");
        Assert.True(heading >= 0, "README.md has no '## Exit codes' section");
        List<string> codes = [];
        foreach (string line in lines.Skip(heading + 1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal)))
        {
            Match cell = Regex.Match(line, @"^\|\s*([^|]+?)\s*\|", RegexOptions.None, TimeSpan.FromSeconds(1));
            if (cell.Success && cell.Groups[1].Value is not "code" && !cell.Groups[1].Value.StartsWith("---", StringComparison.Ordinal))
            {
                codes.Add(cell.Groups[1].Value);
            }
        }

        return codes;
    }

    /// <summary>One row's situation: the code, the name stderr must carry (null: not checked), and whether sops is compared.</summary>
    private sealed record ExitCase(int Code, string? Names, Func<ExitScene, string>? KeyFile, bool Sops, Func<ExitScene, string[]> Arguments, bool Interrupt = false);
}

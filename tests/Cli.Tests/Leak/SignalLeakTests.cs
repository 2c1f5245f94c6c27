using System.Diagnostics;
using System.Globalization;
using Crypt.Cli.Tests.EncryptDecrypt;
using Xunit.Abstractions;

namespace Crypt.Cli.Tests.Leak;

/// <summary>
/// Issue 14's leak sweep for signals: SIGINT, SIGTERM (and SIGHUP, SIGQUIT) sent to crypt while
/// the command of <c>exec-file</c> (FIFO not yet opened, FIFO opened, <c>--no-fifo</c> file) or
/// <c>exec-env</c>, or the editor of <c>edit</c>, runs. The plaintext is 0600 in a 0700 folder
/// under TMPDIR while it runs; afterwards crypt has passed the signal on, waited for the command
/// (a command that catches it decides the status) and exited with the documented code; no
/// sentinel in stdout or stderr; nothing left in TMPDIR or the working folder; the command's
/// process gone.
/// <para>
/// crypt is started as a signal's target would be in practice: in its own session (no terminal,
/// as in CI or a service; <c>setsid</c>) with the four signals at their default action
/// (<c>env --default-signal</c>). A test host started as a background job of a script inherits
/// SIGINT and SIGQUIT ignored, POSIX shells' rule for such jobs, one started under
/// <c>nohup</c> SIGHUP, and an ignored signal stays ignored through exec and in the .NET
/// runtime: crypt and its command would never see it (README, "Exit codes"). No fixed sleeps: the command writes a marker once it runs, and it sleeps 300 s, so a
/// signal that does not reach it shows as the 60 s guard failing, never as a pass.
/// </para>
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SignalLeakTests : IDisposable
{
    private const string Sentinel = "SENTINEL-5c1e8d0b";
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private static readonly TimeSpan s_startGuard = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan s_exitGuard = TimeSpan.FromSeconds(60);

    private readonly ITestOutputHelper _output;
    private readonly Workspace _ws = new();

    // Outside the working folder, so the leak check sees exactly crypt's files there.
    private readonly string _marks = Directory.CreateTempSubdirectory("crypt-signal-marks-").FullName;

    public SignalLeakTests(ITestOutputHelper output)
    {
        _output = output;
        _ws.Encrypt("secrets.yaml", $"TOKEN: {Sentinel}-token\nDB_PASSWORD: {Sentinel}-db\n", "secrets.enc.yaml");
    }

    public void Dispose()
    {
        _ws.Dispose();
        Directory.Delete(_marks, recursive: true);
    }

    /// <summary>What runs, the signal, and the exit code crypt must end with.</summary>
    public static TheoryData<string, string, int> Cases() => new()
    {
        // The command sleeps without reading: the FIFO's writer is still blocked in open().
        { "exec-file", "INT", 130 },
        { "exec-file", "TERM", 143 },

        // The command holds the FIFO open: the plaintext went through it.
        { "exec-file-read", "INT", 130 },
        { "exec-file-read", "TERM", 143 },

        { "exec-file-no-fifo", "INT", 130 },
        { "exec-file-no-fifo", "TERM", 143 },
        { "exec-file-no-fifo", "HUP", 129 },
        { "exec-file-no-fifo", "QUIT", 131 },

        { "exec-env", "INT", 130 },
        { "exec-env", "TERM", 143 },

        // The command catches the signal, cleans up and exits 7: crypt waits and returns 7.
        { "exec-file-trap", "INT", 7 },
        { "exec-file-trap", "TERM", 7 },
        { "exec-env-trap", "INT", 7 },
        { "exec-env-trap", "TERM", 7 },

        // edit: the editor is killed, the plaintext removed, the file kept; sops's 85.
        { "edit", "INT", 85 },
        { "edit", "TERM", 85 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_signal_reaches_the_command_and_leaves_no_plaintext_no_output_and_no_process(string scene, string signal, int expectedExit)
    {
        string marker = Path.Combine(_marks, "running");
        string cleaned = Path.Combine(_marks, "cleaned");
        string announce = $"echo \"$PPID $$ {{}}\" > '{marker}.tmp' && mv '{marker}.tmp' '{marker}'";
        string trapped = $"sleep 300 >/dev/null 2>&1 & s=$!; trap 'kill $s; : > {cleaned}; exit 7' INT TERM; {announce} && wait";
        Dictionary<string, string> environment = _ws.Environment();
        string[] args = scene switch
        {
            "exec-file" => ["exec-file", "secrets.enc.yaml", $"{announce} && exec sleep 300"],
            "exec-file-read" => ["exec-file", "secrets.enc.yaml", $"exec 3<{{}} && {announce} && exec sleep 300"],
            "exec-file-no-fifo" => ["exec-file", "--no-fifo", "secrets.enc.yaml", $"{announce} && exec sleep 300"],
            "exec-env" => ["exec-env", "secrets.enc.yaml", $"{announce.Replace("{}", "-", StringComparison.Ordinal)} && exec sleep 300"],
            "exec-file-trap" => ["exec-file", "--no-fifo", "secrets.enc.yaml", trapped],
            "exec-env-trap" => ["exec-env", "secrets.enc.yaml", trapped.Replace("{}", "-", StringComparison.Ordinal)],
            _ => ["edit", "secrets.enc.yaml"],
        };
        if (scene == "edit")
        {
            environment["EDITOR"] = Script("editor.sh", announce.Replace("{}", "$1", StringComparison.Ordinal) + "\nexec sleep 300");
        }

        Dictionary<string, byte[]> before = LeakCheck.Snapshot(_ws.Root, _ws.Tmp);
        byte[] encrypted = File.ReadAllBytes(_ws.Path("secrets.enc.yaml"));

        using Process crypt = Start(environment, args);
        Task<string> stdout = crypt.StandardOutput.ReadToEndAsync();
        Task<string> stderr = crypt.StandardError.ReadToEndAsync();
        int child = 0;
        try
        {
            Stopwatch waited = Stopwatch.StartNew();
            while (!File.Exists(marker) && !crypt.HasExited && waited.Elapsed < s_startGuard)
            {
                await Task.Delay(50);
            }

            Assert.True(File.Exists(marker), $"the command never started; crypt {(crypt.HasExited ? $"exited {crypt.ExitCode}: {await stderr}" : "still runs")}");
            string[] running = File.ReadAllText(marker).Trim().Split(' ', 3);
            int parent = int.Parse(running[0], CultureInfo.InvariantCulture);
            child = int.Parse(running[1], CultureInfo.InvariantCulture);
            string plaintext = running[2];
            Assert.Equal(crypt.Id, parent);
            if (plaintext != "-")
            {
                // The plaintext (FIFO or file) is the owner's alone, in a private folder under TMPDIR.
                Assert.StartsWith(_ws.Tmp + "/", plaintext, StringComparison.Ordinal);
                Assert.Equal(Private, File.GetUnixFileMode(plaintext));
                Assert.Equal(PrivateFolder, File.GetUnixFileMode(Path.GetDirectoryName(plaintext)!));
            }

            Send(signal, crypt.Id);
            using CancellationTokenSource guard = new(s_exitGuard);
            try
            {
                await crypt.WaitForExitAsync(guard.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"crypt {scene} did not end within {s_exitGuard.TotalSeconds:0} s of SIG{signal}: the signal did not reach the command");
            }

            CryptResult result = new(crypt.ExitCode, System.Text.Encoding.UTF8.GetBytes(await stdout.WaitAsync(guard.Token)), await stderr.WaitAsync(guard.Token));
            Assert.True(result.ExitCode == expectedExit, $"{scene} SIG{signal}: {result}");
            Assert.False(IsRunning(child), $"the command (pid {child}) outlived crypt");
            LeakCheck.AssertNoLeak(result, Sentinel, _ws.Root, _ws.Tmp, before, verbose: false);
            Assert.Equal(encrypted, File.ReadAllBytes(_ws.Path("secrets.enc.yaml")));
            if (scene == "edit")
            {
                Assert.Equal("crypt: interrupted; secrets.enc.yaml was not changed\n", result.Stderr);
            }
            else
            {
                // crypt adds nothing of its own: the status is the command's.
                Assert.Equal(string.Empty, result.Stderr);
            }

            if (scene.EndsWith("-trap", StringComparison.Ordinal))
            {
                Assert.True(File.Exists(cleaned), "crypt returned before the command had finished its own cleanup");
            }

            _output.WriteLine($"leak signal: SIG{signal} during {scene}: exit {result.ExitCode}, the command gone, 0 sentinels, nothing left");
        }
        finally
        {
            if (!crypt.HasExited)
            {
                crypt.Kill(entireProcessTree: true);
            }

            if (child > 0 && IsRunning(child))
            {
                Send("KILL", child);
            }
        }
    }

    /// <summary>
    /// Starts crypt in a new session with SIGINT and SIGQUIT at their defaults (see the class
    /// comment); both tools exec, so the process is crypt itself. Output is redirected, stdin empty.
    /// </summary>
    private Process Start(Dictionary<string, string> environment, string[] args)
    {
        ProcessStartInfo start = new("setsid")
        {
            WorkingDirectory = _ws.Root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "-w", "env", "--default-signal=INT,QUIT,HUP,TERM", CryptProcess.Executable }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Clear();
        start.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        start.Environment["HOME"] = _ws.Root;
        start.Environment["DOTNET_ROOT"] = Environment.GetEnvironmentVariable("DOTNET_ROOT") ?? Path.GetDirectoryName(Environment.ProcessPath) ?? string.Empty;
        foreach ((string key, string value) in environment)
        {
            start.Environment[key] = value;
        }

        Process process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }

    private string Script(string name, string body)
    {
        string path = Path.Combine(_marks, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private static void Send(string signal, int pid)
    {
        using Process kill = Process.Start("kill", ["-s", signal, pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.True(kill.ExitCode == 0, $"kill -s {signal} {pid} failed");
    }

    /// <summary>True while <paramref name="pid"/> is a live process (a zombie waiting for its parent to reap it is not).</summary>
    private static bool IsRunning(int pid)
    {
        string stat = $"/proc/{pid}/stat";
        if (OperatingSystem.IsLinux())
        {
            try
            {
                string text = File.ReadAllText(stat);
                char state = text[(text.LastIndexOf(')') + 2)..][0];
                return state is not 'Z' and not 'X';
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }

        using Process probe = Process.Start("kill", ["-0", pid.ToString(CultureInfo.InvariantCulture)]);
        probe.WaitForExit();
        return probe.ExitCode == 0;
    }
}

using System.Diagnostics;
using System.Globalization;
using Crypt.Cli.Tests.EncryptDecrypt;
using Xunit.Abstractions;

namespace Crypt.Cli.Tests.Leak;

/// <summary>
/// SIGINT and SIGTERM sent to crypt while the secrets are out of it (issue 14's leak sweep):
/// <c>exec-file</c> with its FIFO (the command never opens it) and with <c>--no-fifo</c> (the
/// command holds the plaintext file), <c>exec-env</c> (the command holds the environment) and
/// <c>edit</c> (the editor blocks). SIGINT goes to crypt, and then the child ends, as with a
/// terminal's Ctrl+C, which reaches the whole foreground group (crypt waits for its child to
/// report its status: ShellCommand); SIGTERM goes to crypt alone, as docker stop or systemd
/// send it, and crypt passes it on. Afterwards no plaintext file or FIFO is left
/// under the temp folder or the working folder, nothing there changed, and stderr carries no
/// secret.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SignalLeakTests(ITestOutputHelper output) : IDisposable
{
    private const string Sentinel = "SENTINEL-5b8e1d4a";

    private readonly Workspace _ws = new();

    public void Dispose() => _ws.Dispose();

    [Fact]
    public async Task A_signal_while_the_secrets_are_out_leaves_no_plaintext_and_shows_none()
    {
        _ws.Encrypt("flat.yaml", $"TOKEN: {Sentinel}-token\nPORT: \"5432\"\n", "flat.enc.yaml");
        string started = _ws.Path("started");
        // The child (command or editor) says it runs, atomically, then holds until it is killed.
        string hold = $"echo $$ > '{started}.tmp' && mv '{started}.tmp' '{started}'; exec sleep 120";
        string editor = _ws.Write("hold-editor.sh", $"#!/bin/sh\n{hold}\n");
        File.SetUnixFileMode(editor, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        (string Name, string[] Args)[] commands =
        [
            ("exec-file", ["exec-file", "flat.enc.yaml", hold]),
            ("exec-file --no-fifo", ["exec-file", "--no-fifo", "flat.enc.yaml", hold]),
            ("exec-env", ["exec-env", "flat.enc.yaml", hold]),
            ("edit", ["edit", "flat.enc.yaml"]),
        ];

        List<string> lines = [];
        foreach (string signal in new[] { "INT", "TERM" })
        {
            foreach ((string name, string[] args) in commands)
            {
                Dictionary<string, byte[]> before = LeakCheck.Snapshot(_ws.Root, _ws.Tmp);
                CryptResult result = await RunSignalledAsync(args, signal, started, _ws.Environment(("SOPS_EDITOR", editor)));
                lines.Add($"SIG{signal} {name}: exit {result.ExitCode}");
                Assert.True(result.ExitCode != 0, $"SIG{signal} {name}: {result}");
                LeakCheck.AssertNoLeak(result, Sentinel, _ws.Root, _ws.Tmp, before, verbose: false);
            }
        }

        output.WriteLine($"leak signals: {lines.Count} runs (SIGINT and SIGTERM during exec-file, exec-file --no-fifo, exec-env, edit), 0 sentinels, 0 files left; {string.Join("; ", lines)}");
    }

    /// <summary>Starts crypt, waits for its child to say it runs, signals crypt, ends the child as a terminal would, and collects the result.</summary>
    private async Task<CryptResult> RunSignalledAsync(string[] args, string signal, string started, Dictionary<string, string> environment)
    {
        using Process crypt = CryptProcess.Start([], _ws.Root, environment, out Task<byte[]> stdout, out Task<string> stderr, args);
        Stopwatch waited = Stopwatch.StartNew();
        while (!File.Exists(started) && !crypt.HasExited && waited.Elapsed < TimeSpan.FromSeconds(120))
        {
            await Task.Delay(50);
        }

        Assert.True(File.Exists(started), $"{string.Join(' ', args)}: the child never started: {await stderr}");
        string child = File.ReadAllText(started).Trim();
        File.Delete(started);
        Kill(signal, crypt.Id.ToString(CultureInfo.InvariantCulture));
        using CancellationTokenSource timeout = new(TimeSpan.FromSeconds(120));
        try
        {
            // On SIGINT crypt removes the plaintext at once and then waits for its child, which a
            // terminal's Ctrl+C reaches too; here the test ends the child, so how the child treats
            // SIGINT (ignored when inherited so) does not matter. SIGTERM crypt passes on itself.
            if (signal == "INT" || !crypt.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                Kill("KILL", child);
            }

            await crypt.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            Kill("KILL", child);
        }

        return new CryptResult(crypt.ExitCode, await stdout, await stderr);
    }

    private static void Kill(string signal, string pid)
    {
        using Process kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, pid]) { RedirectStandardError = true })!;
        kill.WaitForExit();
    }
}

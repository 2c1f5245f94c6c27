using Crypt.Cli.Tests.EncryptDecrypt;

namespace Crypt.Cli.Tests.Leak;

/// <summary>
/// Issue 14's leak sweep, "a core dump setting Crypt controls": crypt makes itself non-dumpable
/// (src/Cli/Processes/NoCoreDumps.cs), so no core file holds its secrets and another process of
/// the same user cannot read its memory or environment through /proc. Observed from the command
/// exec-env runs: same user as crypt, it cannot read crypt's /proc/PID/environ (it could before),
/// and it can read its own (the setting does not reach what crypt runs). Root reads everything,
/// so as root crypt runs as nobody (setpriv), as in PermissionLeakTests.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CoreDumpTests : IDisposable
{
    private const int Nobody = 65534;

    private readonly Workspace _ws = new();

    public void Dispose() => _ws.Dispose();

    [Fact]
    public void Crypt_is_not_dumpable_and_the_command_it_runs_is()
    {
        _ws.Encrypt("secrets.yaml", "token: SENTINEL-core-5d1e\n", "secrets.enc.yaml");
        string folder = Directory.CreateDirectory(_ws.Path("dump")).FullName;
        string key = Path.Combine(folder, "key.txt");
        File.Copy(_ws.KeyFile, key);
        File.Copy(_ws.Path("secrets.enc.yaml"), Path.Combine(folder, "secrets.enc.yaml"));
        bool root = Environment.UserName == "root";
        if (root)
        {
            File.SetUnixFileMode(_ws.Root, File.GetUnixFileMode(_ws.Root) | UnixFileMode.OtherExecute);
            foreach (string path in new[] { folder, key, Path.Combine(folder, "secrets.enc.yaml") })
            {
                using System.Diagnostics.Process chown = System.Diagnostics.Process.Start("chown", [$"{Nobody}:{Nobody}", path])!;
                chown.WaitForExit();
                Assert.Equal(0, chown.ExitCode);
            }
        }

        const string Probe = "if cat /proc/$PPID/environ >/dev/null 2>&1; then echo crypt-readable; else echo crypt-protected; fi; "
            + "if cat /proc/self/environ >/dev/null 2>&1; then echo command-readable; else echo command-protected; fi";
        Dictionary<string, string> environment = _ws.Environment(("SOPS_AGE_KEY_FILE", key));
        string[] args = ["exec-env", "secrets.enc.yaml", Probe];
        CryptResult result = root
            ? CryptProcess.RunVia(["setpriv", $"--reuid={Nobody}", $"--regid={Nobody}", "--clear-groups"], folder, environment, args)
            : CryptProcess.Run(folder, environment, null, args);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("crypt-protected\ncommand-readable\n", result.StdoutText);
    }
}

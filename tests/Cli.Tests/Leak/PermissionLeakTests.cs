using Crypt.Cli.Tests.EncryptDecrypt;
using Xunit.Abstractions;

namespace Crypt.Cli.Tests.Leak;

/// <summary>
/// Permission denied on the way in and on the way out (issue 14's leak sweep). Root passes every
/// mode bit, so as root crypt runs as an unprivileged user (<c>setpriv</c> to nobody, 65534,
/// over a folder that user owns); as anyone else it runs as that user, whose mode bits already
/// hold. Each refusal is one clear line with the documented exit code (2 cannot read, 3 cannot
/// write, as sops), the files stay as they were, nothing is left, no secret shown. A file made
/// read-only is refused as sops refuses it, although a rename could replace it.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PermissionLeakTests(ITestOutputHelper output) : IDisposable
{
    private const string Sentinel = "SENTINEL-9a27f6b3";
    private const int Nobody = 65534;

    private const UnixFileMode ReadOnly = UnixFileMode.UserRead;
    private const UnixFileMode ReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode ReadOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserExecute;
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly Workspace _ws = new();

    public void Dispose() => _ws.Dispose();

    [Fact]
    public void Permission_denied_is_one_clear_line_with_the_documented_code_and_leaves_nothing()
    {
        _ws.Encrypt("secrets.yaml", $"token: {Sentinel}-token\nport: 5432\n", "secrets.enc.yaml");
        string folder = Directory.CreateDirectory(_ws.Path("perm")).FullName;
        string temp = Directory.CreateDirectory(Path.Combine(folder, "tmp")).FullName;
        string key = Path.Combine(folder, "key.txt");
        File.Copy(_ws.KeyFile, key);
        File.Copy(_ws.Path("secrets.enc.yaml"), Path.Combine(folder, "secrets.enc.yaml"));
        File.WriteAllText(Path.Combine(folder, "plain.yaml"), $"token: {Sentinel}-plain\n");
        string editor = Path.Combine(folder, "editor.sh");
        File.WriteAllText(editor, "#!/bin/sh\nsed -i 's/^port: .*/port: 6543/' \"$1\"\n");
        File.SetUnixFileMode(editor, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        bool root = Environment.UserName == "root";
        if (root)
        {
            // nobody must reach the folder through the workspace (0700, root's) and own what is inside.
            File.SetUnixFileMode(_ws.Root, Folder | UnixFileMode.OtherExecute);
            foreach (string path in new[] { folder, temp, key, Path.Combine(folder, "secrets.enc.yaml"), Path.Combine(folder, "plain.yaml") })
            {
                Chown(path);
            }
        }

        (string Name, string Target, UnixFileMode TargetMode, int Code, string Names, string[] Args)[] cases =
        [
            ("decrypt, file unreadable", "secrets.enc.yaml", UnixFileMode.None, 2, "secrets.enc.yaml", ["decrypt", "secrets.enc.yaml"]),
            ("decrypt -i, file read-only", "secrets.enc.yaml", ReadOnly, 3, "secrets.enc.yaml", ["decrypt", "-i", "secrets.enc.yaml"]),
            ("set, file read-only", "secrets.enc.yaml", ReadOnly, 3, "secrets.enc.yaml", ["set", "secrets.enc.yaml", "[\"port\"]", "1"]),
            ("edit, file read-only", "secrets.enc.yaml", ReadOnly, 3, "secrets.enc.yaml", ["edit", "secrets.enc.yaml"]),
            ("encrypt -i, folder read-only", ".", ReadOnlyFolder, 3, "plain.yaml", ["encrypt", "-i", "--age", _ws.Recipient, "plain.yaml"]),
            ("decrypt --output, folder read-only", ".", ReadOnlyFolder, 3, "out.yaml", ["decrypt", "--output", "out.yaml", "secrets.enc.yaml"]),
            ("edit, folder read-only", ".", ReadOnlyFolder, 3, "secrets.enc.yaml", ["edit", "secrets.enc.yaml"]),
            ("edit, temp folder read-only", "tmp", ReadOnlyFolder, 3, temp, ["edit", "secrets.enc.yaml"]),
        ];

        List<string> lines = [];
        Dictionary<string, string> environment = _ws.Environment(("SOPS_AGE_KEY_FILE", key), ("TMPDIR", temp), ("SOPS_EDITOR", editor));
        foreach ((string name, string target, UnixFileMode mode, int code, string names, string[] args) in cases)
        {
            string path = Path.GetFullPath(Path.Combine(folder, target));
            UnixFileMode original = File.GetUnixFileMode(path);
            Dictionary<string, byte[]> before = LeakCheck.Snapshot(folder, temp);
            File.SetUnixFileMode(path, mode);
            CryptResult result;
            try
            {
                result = root
                    ? CryptProcess.RunVia(["setpriv", $"--reuid={Nobody}", $"--regid={Nobody}", "--clear-groups"], folder, environment, args)
                    : CryptProcess.Run(folder, environment, null, args);
            }
            finally
            {
                File.SetUnixFileMode(path, original);
            }

            lines.Add($"{name}: exit {result.ExitCode}");
            Assert.True(result.ExitCode == code, $"{name}: expected exit {code}\n{result}");
            Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
            Assert.Contains(names, result.Stderr, StringComparison.Ordinal);
            Assert.True(result.Stderr.Contains("denied", StringComparison.Ordinal), $"{name}: {result.Stderr}");
            LeakCheck.AssertNoLeak(result, Sentinel, folder, temp, before, verbose: false);
        }

        output.WriteLine($"leak permission-denied: {lines.Count} paths as {(root ? "nobody (setpriv from root)" : Environment.UserName)}, each one line with its exit code, nothing left or changed; {string.Join("; ", lines)}");
    }

    private static void Chown(string path)
    {
        using System.Diagnostics.Process chown = System.Diagnostics.Process.Start("chown", [$"{Nobody}:{Nobody}", path])!;
        chown.WaitForExit();
        Assert.Equal(0, chown.ExitCode);
    }
}

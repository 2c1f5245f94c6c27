using System.Text;
using Crypt.Cli.Tests.EncryptDecrypt;
using Xunit.Abstractions;

namespace Crypt.Cli.Tests.Leak;

/// <summary>
/// The disk fills while crypt writes (issue 14's leak sweep): the working folder and TMPDIR
/// sit on a small full tmpfs. <c>encrypt -i</c>, <c>decrypt -i</c>, <c>set</c> and <c>edit</c>
/// (whose plaintext cannot even reach the temp folder, or whose editor fills the disk before
/// crypt writes the result) each fail with exit 3 ("cannot write", as sops's
/// CouldNotWriteOutputFile) and a one-line message; the original file is intact, no partial or
/// temp file is left, no plaintext anywhere.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DiskFullLeakTests(ITestOutputHelper output) : IDisposable
{
    private const string Sentinel = "SENTINEL-c41d9e07";

    private static readonly string s_plaintext = string.Concat(Enumerable.Range(0, 400).Select(i => $"key{i}: value-{i}-{Sentinel}\n"));

    private readonly Workspace _ws = new();

    public void Dispose() => _ws.Dispose();

    [Fact]
    public void A_full_disk_fails_the_write_with_exit_3_and_leaves_the_file_and_nothing_else()
    {
        _ws.Encrypt("secrets.yaml", s_plaintext, "secrets.enc.yaml");
        _ws.Write("secrets.yaml", s_plaintext);
        string editor = _ws.Write("editor.sh", "#!/bin/sh\nsed -i 's/^key5: .*/key5: edited/' \"$1\" || exit 1\ndd if=/dev/zero of=\"$FILL\" bs=4k 2>/dev/null\nexit 0\n");
        File.SetUnixFileMode(editor, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        (string Name, string File, bool FullBefore, string[] Args)[] cases =
        [
            ("encrypt -i", "secrets.yaml", true, ["encrypt", "-i", "--age", _ws.Recipient, "secrets.yaml"]),
            ("decrypt -i", "secrets.enc.yaml", true, ["decrypt", "-i", "secrets.enc.yaml"]),
            ("set", "secrets.enc.yaml", true, ["set", "secrets.enc.yaml", "[\"key5\"]", "\"new\""]),
            ("edit, temp folder full", "secrets.enc.yaml", true, ["edit", "secrets.enc.yaml"]),
            ("edit, disk fills while editing", "secrets.enc.yaml", false, ["edit", "secrets.enc.yaml"]),
        ];

        List<string> lines = [];
        foreach ((string name, string file, bool fullBefore, string[] args) in cases)
        {
            using SmallTmpfs disk = new(_ws.Path("disk"), kilobytes: 512);
            string temp = Directory.CreateDirectory(Path.Combine(disk.Path, "tmp")).FullName;
            File.Copy(_ws.Path(file), Path.Combine(disk.Path, file));
            string fill = Path.Combine(disk.Path, "fill-by-editor");
            if (fullBefore)
            {
                disk.Fill("fill");
            }

            Dictionary<string, byte[]> before = LeakCheck.Snapshot(disk.Path, temp);
            Dictionary<string, string> environment = _ws.Environment(("TMPDIR", temp), ("SOPS_EDITOR", editor), ("FILL", fill));
            CryptResult result = CryptProcess.Run(disk.Path, environment, null, args);

            lines.Add($"{name}: exit {result.ExitCode}");
            Assert.True(result.ExitCode == 3, $"{name}: {result}");
            Assert.Contains("No space left on device", result.Stderr, StringComparison.Ordinal);
            Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
            Assert.DoesNotContain(Sentinel, result.Stderr, StringComparison.Ordinal);
            if (!fullBefore)
            {
                Assert.True(File.Exists(fill), $"{name}: the editor did not fill the disk");
                File.Delete(fill);
            }

            LeakCheck.AssertNoLeak(result, Sentinel, disk.Path, temp, before, verbose: false);
            Assert.Equal(Encoding.UTF8.GetBytes(_ws.Read(file)), File.ReadAllBytes(Path.Combine(disk.Path, file)));
        }

        output.WriteLine($"leak disk-full: {lines.Count} paths on a full 512 KiB tmpfs, each exit 3 with the file intact and nothing left; {string.Join("; ", lines)}");
    }
}

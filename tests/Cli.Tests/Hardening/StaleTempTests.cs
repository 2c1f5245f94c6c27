using System.Diagnostics;
using System.Text;
using Crypt.Cli.Tests.Edit;
using Crypt.Files;

namespace Crypt.Cli.Tests.Hardening;

/// <summary>
/// What a SIGKILLed crypt leaves (THREATS.md, crashes): its temp names identify the owner, and
/// the next run removes those of dead owners only, never a running crypt's temp nor another
/// program's look-alike; on Linux the temp has no name at all while it is being written.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StaleTempTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("crypt-stale-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Write_removes_the_temp_a_dead_crypt_left_beside_the_target()
    {
        (int pid, long start) = DeadProcess();
        string stale = Touch($".secrets.yaml.crypt-{pid}-{start}-0123456789abcdef.tmp", "plaintext left by a kill");
        string otherTarget = Touch($".other.env.crypt-{pid}-{start}-fedcba9876543210.tmp", "another target's temp");

        AtomicFile.Write(Path.Combine(_root, "secrets.yaml"), "new"u8.ToArray(), sensitive: true);

        Assert.False(File.Exists(stale));
        Assert.False(File.Exists(otherTarget));
        Assert.Equal("new", File.ReadAllText(Path.Combine(_root, "secrets.yaml")));
    }

    [Fact]
    public void Write_keeps_the_temp_of_a_crypt_that_is_still_running()
    {
        using Process live = Process.Start("sleep", "60");
        try
        {
            long start = TempOwner.StartTime(live.Id) ?? throw new InvalidOperationException("no start time for a live process");
            string running = Touch($".secrets.yaml.crypt-{live.Id}-{start}-0123456789abcdef.tmp", "being written");
            string reused = Touch($".secrets.yaml.crypt-{live.Id}-{start + 1}-0123456789abcdef.tmp", "owner's PID reused since");

            AtomicFile.Write(Path.Combine(_root, "secrets.yaml"), "new"u8.ToArray(), sensitive: false);

            Assert.True(File.Exists(running));
            Assert.False(File.Exists(reused));
        }
        finally
        {
            live.Kill();
        }
    }

    [Fact]
    public void Write_leaves_other_programs_files_with_similar_names_alone()
    {
        (int pid, long start) = DeadProcess();
        string[] lookAlikes =
        [
            ".secrets.yaml.crypt-backup.tmp",
            ".secrets.yaml.crypt-12345.tmp",
            $"secrets.yaml.crypt-{pid}-{start}-0123456789abcdef.tmp",
            $".secrets.yaml.crypt-{pid}-{start}-0123456789abcdef.tmp.bak",
            $".secrets.yaml.crypt-{pid}-{start}-0123456789ABCDEF.tmp",
            $".secrets.yaml.crypt-{pid}-{start}-0123456789abcde.tmp",
            ".secrets.yaml.crypt-0123456789abcdef0123456789abcdeg.tmp",
        ];
        foreach (string name in lookAlikes)
        {
            Touch(name, "someone else's");
        }

        AtomicFile.Write(Path.Combine(_root, "secrets.yaml"), "new"u8.ToArray(), sensitive: false);

        Assert.All(lookAlikes, name => Assert.True(File.Exists(Path.Combine(_root, name)), name));
    }

    [Fact]
    public void Write_removes_an_earlier_versions_guid_temp_only_once_it_is_older_than_any_write()
    {
        string old = Touch($".secrets.yaml.crypt-{Guid.NewGuid():N}.tmp", "old version's temp");
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddHours(-1));
        string fresh = Touch($".secrets.yaml.crypt-{Guid.NewGuid():N}.tmp", "maybe being written");

        AtomicFile.Write(Path.Combine(_root, "secrets.yaml"), "new"u8.ToArray(), sensitive: false);

        Assert.False(File.Exists(old));
        Assert.True(File.Exists(fresh));
    }

    [Fact]
    public void Write_gives_the_content_no_name_in_the_folder_while_it_is_being_written()
    {
        string target = Path.Combine(_root, "secrets.yaml");
        File.WriteAllText(target, "old");
        string[] seen = [];

        AtomicFile.Write(target, stream =>
        {
            stream.Write(Encoding.UTF8.GetBytes("new plaintext"));
            stream.Flush();
            seen = [.. Directory.EnumerateFileSystemEntries(_root).Select(p => Path.GetFileName(p)!)];
        }, sensitive: true);

        Assert.Equal(["secrets.yaml"], seen);
        Assert.Equal("new plaintext", File.ReadAllText(target));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(target));
        Assert.Equal(["secrets.yaml"], Directory.EnumerateFileSystemEntries(_root).Select(p => Path.GetFileName(p)!));
    }

    [Fact]
    public void Write_creates_a_new_plaintext_file_0600_and_a_failed_write_leaves_nothing()
    {
        string target = Path.Combine(_root, "plain.yaml");
        AtomicFile.Write(target, "a: 1\n"u8.ToArray(), sensitive: true);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(target));

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(target, _ => throw new InvalidOperationException("emit failed"), sensitive: true));

        Assert.Equal("a: 1\n", File.ReadAllText(target));
        Assert.Equal(["plain.yaml"], Directory.EnumerateFileSystemEntries(_root).Select(p => Path.GetFileName(p)!));
    }

    [Fact]
    public void Sweep_removes_a_dead_edits_folder_and_keeps_live_ones_and_look_alikes()
    {
        (int pid, long start) = DeadProcess();
        string dead = Directory.CreateDirectory(Path.Combine(_root, $"crypt-{pid}-{start}-Ab3xYz")).FullName;
        File.WriteAllText(Path.Combine(dead, "secrets.yaml"), "plaintext left by a kill");
        string own = Directory.CreateDirectory(Path.Combine(_root, StaleTemps.FolderPrefix + "Qw9eRt")).FullName;
        string legacy = Directory.CreateDirectory(Path.Combine(_root, "crypt-AbCdEf")).FullName;
        string other = Directory.CreateDirectory(Path.Combine(_root, $"crypt-{pid}-{start}-Ab3xYz-backup")).FullName;
        string link = Path.Combine(_root, $"crypt-{pid}-{start}-Link01");
        Directory.CreateSymbolicLink(link, other);

        int removed = StaleTemps.SweepFolders(_root);

        Assert.Equal(1, removed);
        Assert.False(Directory.Exists(dead));
        Assert.True(Directory.Exists(own));
        Assert.True(Directory.Exists(legacy));
        Assert.True(Directory.Exists(other));
        Assert.True(Directory.Exists(link));
    }

    [Fact]
    public void Edit_removes_the_plaintext_folder_a_killed_edit_left_in_the_temp_folder()
    {
        using SecretsFolder folder = new();
        string file = folder.Encrypt("secrets.yaml", $"a: {SecretsFolder.Sentinel}\n");
        (int pid, long start) = DeadProcess();
        string dead = Directory.CreateDirectory(Path.Combine(folder.Temp, $"crypt-{pid}-{start}-Ab3xYz")).FullName;
        File.WriteAllText(Path.Combine(dead, "secrets.yaml"), $"a: {SecretsFolder.Sentinel}\n");
        string editor = folder.Script("editor.sh", "echo 'b: 2' >> \"$1\"");

        CryptResult result = folder.Run(folder.Environment(editor), null, "edit", file);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.False(Directory.Exists(dead));
        folder.AssertNoTempFiles();
    }

    [Fact]
    public void Encrypt_in_place_removes_the_plaintext_temp_a_killed_decrypt_left()
    {
        using SecretsFolder folder = new();
        string file = folder.Encrypt("secrets.yaml", $"a: {SecretsFolder.Sentinel}\n");
        (int pid, long start) = DeadProcess();
        string stale = Path.Combine(folder.Root, $".secrets.yaml.crypt-{pid}-{start}-0123456789abcdef.tmp");
        File.WriteAllText(stale, $"a: {SecretsFolder.Sentinel}\n");

        CryptResult result = folder.Run("rotate", "-i", file);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.False(File.Exists(stale));
        folder.AssertNoTempFiles();
    }

    private string Touch(string name, string content)
    {
        string path = Path.Combine(_root, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>The PID of a process that has exited (and a start time it may have had).</summary>
    private static (int Pid, long Start) DeadProcess()
    {
        using Process process = Process.Start("true");
        process.WaitForExit();
        return (process.Id, 4242);
    }
}

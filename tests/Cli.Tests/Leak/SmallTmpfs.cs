using System.Diagnostics;

namespace Crypt.Cli.Tests.Leak;

/// <summary>
/// A small tmpfs mounted for one test, so a write really meets "no space left on device"
/// (tmpfs enforces its size for root too). Mounting needs root with CAP_SYS_ADMIN, which this
/// machine and CI have; where the mount is refused the test fails and says why: a disk-full
/// path that was not run must never count as one that passed.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class SmallTmpfs : IDisposable
{
    public SmallTmpfs(string path, int kilobytes)
    {
        Path = Directory.CreateDirectory(path).FullName;
        (int code, string error) = Run("mount", "-t", "tmpfs", "-o", $"size={kilobytes}k,mode=0700", "tmpfs", Path);
        if (code != 0)
        {
            throw new InvalidOperationException(
                $"NOT RUN: the disk-full leak paths need a small tmpfs, and 'mount -t tmpfs' was refused here ({error.Trim()}); " +
                "run the tests as root with CAP_SYS_ADMIN (CI does). This fails on purpose: an untested path is not a passed one.");
        }
    }

    public string Path { get; }

    /// <summary>Writes zeros into <paramref name="name"/> until the file system is full.</summary>
    public void Fill(string name)
    {
        byte[] chunk = new byte[16 * 1024];
        using FileStream stream = new(System.IO.Path.Combine(Path, name), FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        try
        {
            while (true)
            {
                stream.Write(chunk);
            }
        }
        catch (IOException)
        {
            // ENOSPC: full, as intended. Smaller writes take the last pages.
        }

        try
        {
            while (true)
            {
                stream.Write(chunk, 0, 512);
            }
        }
        catch (IOException)
        {
        }
    }

    public void Dispose() => Run("umount", Path);

    private static (int Code, string Error) Run(string tool, params string[] args)
    {
        using Process process = Process.Start(new ProcessStartInfo(tool, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error);
    }
}

using System.Runtime.InteropServices;

namespace Crypt.Cli.Files;

/// <summary>
/// Writes a file so that a crash at any instant leaves either the old or the new content:
/// temp file in the same folder (same file system, so rename is atomic), flushed to disk,
/// renamed over the target, the folder flushed. The original's permissions are kept; a new
/// file gets 0600 when it holds plaintext, else 0644 (minus nothing: we set it explicitly).
/// </summary>
internal static partial class AtomicFile
{
    public static void Write(string path, byte[] content, bool sensitive) =>
        Write(path, stream => stream.Write(content), sensitive);

    /// <summary>Writes what <paramref name="write"/> produces; if it throws, the target is untouched.</summary>
    public static void Write(string path, Action<Stream> write, bool sensitive)
    {
        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath) ?? ".";
        UnixFileMode? mode = ExistingMode(fullPath);
        string temp = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.crypt-{Guid.NewGuid():N}.tmp");
        try
        {
            FileStreamOptions options = new()
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
            };
            if (!OperatingSystem.IsWindows())
            {
                // Created 0600 from the first byte: plaintext never sits readable by others.
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (FileStream stream = new(temp, options))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, mode ?? (sensitive ? UserReadWrite : UserReadWrite | OthersRead));
            }

            File.Move(temp, fullPath, overwrite: true);
            FlushDirectory(directory);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private const UnixFileMode UserReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OthersRead = UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private static UnixFileMode? ExistingMode(string path)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path))
        {
            return null;
        }

        return File.GetUnixFileMode(path);
    }

    private static void FlushDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        // fsync on the folder makes the rename itself durable.
        int fd = NativeMethods.Open(directory, 0);
        if (fd >= 0)
        {
            _ = NativeMethods.Fsync(fd);
            _ = NativeMethods.Close(fd);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static partial class NativeMethods
    {
        [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Open(string path, int flags);

        [LibraryImport("libc", EntryPoint = "fsync")]
        internal static partial int Fsync(int fd);

        [LibraryImport("libc", EntryPoint = "close")]
        internal static partial int Close(int fd);
    }
}

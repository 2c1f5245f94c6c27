using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Crypt.Files;

/// <summary>
/// Writes a file so that a crash at any instant leaves either the old or the new content:
/// temp file in the same folder (same file system, so rename is atomic), flushed to disk,
/// renamed over the target, the folder flushed. The original's permissions are kept; a new
/// file gets 0600 when it holds plaintext, else 0644 (minus nothing: we set it explicitly).
/// <para>
/// A SIGKILL cannot be caught, so whatever has a name when it lands stays on disk. On Linux the
/// content is therefore written to an unnamed file (open(2) O_TMPFILE in the target's folder):
/// a kill during the write leaves nothing, the kernel frees the inode. Only once it is complete
/// and flushed does it get a name (linkat(2) through /proc/self/fd, as open(2) describes for
/// O_TMPFILE), which the rename replaces microseconds later; that window, and the named
/// fallback where O_TMPFILE is refused (not Linux, an old kernel, a file system without it), use
/// a temp name that names the owning process (<see cref="StaleTemps"/>), so the next crypt that
/// writes in that folder removes what a killed one left (<c>decrypt -i</c>'s temp is plaintext;
/// <c>git add -A</c> would take it). Measured (ext4, 4 MB written and fsynced, 20 runs of each,
/// twice): 12-20 ms per write either way, within the noise; so the unnamed file costs nothing and
/// shrinks the window in which a kill leaves a file from the whole write to the rename.
/// </para>
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
        StaleTemps.SweepAtomicTemps(directory);
        UnixFileMode? mode = ExistingMode(fullPath);
        RefuseReadOnly(fullPath, mode);
        UnixFileMode finalMode = mode ?? (sensitive ? UserReadWrite : UserReadWrite | OthersRead);
        string temp = Path.Combine(directory, StaleTemps.AtomicTempName(Path.GetFileName(fullPath)));
        try
        {
            SafeFileHandle? unnamed = OpenUnnamed(directory);
            if (unnamed is not null)
            {
                using (unnamed)
                {
                    using (FileStream stream = new(unnamed, FileAccess.Write))
                    {
                        write(stream);
                        stream.Flush(flushToDisk: true);
                        Link(unnamed, temp, finalMode);
                    }
                }
            }
            else
            {
                WriteNamed(temp, write, finalMode);
            }

            File.Move(temp, fullPath, overwrite: true);
            FlushDirectory(directory);
        }
        catch (UnauthorizedAccessException)
        {
            TryDelete(temp);
            // The runtime's message names the temp file, which the user never asked for.
            throw new UnauthorizedAccessException("permission denied: cannot create a file in its folder");
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>
    /// A rename replaces a file its owner made read-only without asking; sops opens the target
    /// for writing (cmd/sops/main.go os.Create) and fails with "permission denied", and so do we.
    /// access(2) answers for the real user, as open(2) would (root passes, as in sops).
    /// </summary>
    private static void RefuseReadOnly(string fullPath, UnixFileMode? mode)
    {
        if (mode is not null && NativeMethods.Access(fullPath, 2) != 0 && Marshal.GetLastPInvokeError() == 13)
        {
            throw new UnauthorizedAccessException("permission denied: the file is not writable");
        }
    }

    private static void WriteNamed(string temp, Action<Stream> write, UnixFileMode finalMode)
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
            options.UnixCreateMode = UserReadWrite;
        }

        using (FileStream stream = new(temp, options))
        {
            write(stream);
            stream.Flush(flushToDisk: true);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, finalMode);
        }
    }

    /// <summary>An unnamed 0600 file in <paramref name="directory"/>, or null where O_TMPFILE is not available.</summary>
    private static SafeFileHandle? OpenUnnamed(string directory)
    {
        int flags = OperatingSystem.IsLinux() && Directory.Exists("/proc/self/fd")
            ? RuntimeInformation.ProcessArchitecture switch
            {
                // __O_TMPFILE | O_DIRECTORY | O_WRONLY | O_CLOEXEC; O_DIRECTORY differs per
                // architecture (asm-generic/fcntl.h; arch/arm64/include/uapi/asm/fcntl.h).
                Architecture.X64 => 0x400000 | 0x10000 | 0x1 | 0x80000,
                Architecture.Arm64 => 0x400000 | 0x4000 | 0x1 | 0x80000,
                _ => 0,
            }
            : 0;
        if (flags == 0)
        {
            return null;
        }

        int fd = NativeMethods.OpenMode(directory, flags, 0b110_000_000);
        return fd >= 0 ? new SafeFileHandle(fd, ownsHandle: true) : null;
    }

    /// <summary>Gives the complete unnamed file its final mode and the temp name.</summary>
    private static void Link(SafeFileHandle unnamed, string temp, UnixFileMode finalMode)
    {
        int fd = (int)unnamed.DangerousGetHandle();
        if (NativeMethods.Fchmod(fd, (int)finalMode) != 0)
        {
            throw new IOException($"cannot set the mode of the new file (errno {Marshal.GetLastPInvokeError()})");
        }

        // AT_FDCWD with AT_SYMLINK_FOLLOW: /proc/self/fd/N is a magic link to the open file.
        if (NativeMethods.Linkat(-100, $"/proc/self/fd/{fd}", -100, temp, 0x400) != 0)
        {
            throw new IOException($"cannot name the new file (linkat errno {Marshal.GetLastPInvokeError()})");
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

        [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int OpenMode(string path, int flags, int mode);

        [LibraryImport("libc", EntryPoint = "fchmod", SetLastError = true)]
        internal static partial int Fchmod(int fd, int mode);

        [LibraryImport("libc", EntryPoint = "linkat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int Linkat(int oldDirectory, string oldPath, int newDirectory, string newPath, int flags);

        [LibraryImport("libc", EntryPoint = "fsync")]
        internal static partial int Fsync(int fd);

        [LibraryImport("libc", EntryPoint = "access", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int Access(string path, int mode);

        [LibraryImport("libc", EntryPoint = "close")]
        internal static partial int Close(int fd);
    }
}

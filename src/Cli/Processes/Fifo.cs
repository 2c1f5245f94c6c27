using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Crypt.Cli.Processes;

/// <summary>
/// A named pipe holding plaintext for exec-file: the content goes from memory to the reader
/// and never touches the disk. A background thread writes it; <see cref="Finish"/> unblocks that
/// thread when the command exits without reading, so crypt never hangs on it.
/// </summary>
internal sealed partial class Fifo
{
    private const int NoSuchFile = 2; // ENOENT on Linux and macOS

    private readonly string _path;
    private readonly Task _writing;

    private Fifo(string path, byte[] content)
    {
        _path = path;
        _writing = Task.Factory.StartNew(() => Write(path, content), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Creates a 0600 FIFO at <paramref name="path"/> and starts writing; null where FIFOs are not available.</summary>
    public static Fifo? TryCreate(string path, byte[] content)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        if (NativeMethods.MkFifo(path, 0x180) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            CommandEnvironment.Warn($"cannot create a FIFO ({new Win32Exception(errno).Message}); using a private temp file instead");
            return null;
        }

        return new Fifo(path, content);
    }

    /// <summary>True once the whole content was written or the reader went away.</summary>
    public bool IsDone => _writing.IsCompleted;

    /// <summary>
    /// Called after the command exited. A writer still blocked in open() (no reader came) is
    /// woken by opening and closing the read end without blocking; its write then fails with
    /// EPIPE and the thread ends. A writer stuck mid-write (a grandchild holds the pipe and does
    /// not read) is left behind after <paramref name="grace"/>: it dies with crypt. So is one
    /// whose FIFO a signal already removed: nothing can open it to wake the writer any more.
    /// </summary>
    public void Finish(TimeSpan grace)
    {
        DateTime deadline = DateTime.UtcNow + grace;
        while (!_writing.IsCompleted && DateTime.UtcNow < deadline)
        {
            int fd = NativeMethods.Open(_path, OperatingSystem.IsLinux() ? 0x800 : 0x4);
            if (fd >= 0)
            {
                _ = NativeMethods.Close(fd);
            }
            else if (Marshal.GetLastPInvokeError() == NoSuchFile)
            {
                return;
            }

            _ = _writing.Wait(TimeSpan.FromMilliseconds(50));
        }
    }

    private static void Write(string path, byte[] content)
    {
        try
        {
            FileStreamOptions options = new()
            {
                Mode = FileMode.Open,
                Access = FileAccess.Write,
                Share = FileShare.ReadWrite,
                BufferSize = 0,
            };
            using FileStream stream = new(path, options);
            stream.Write(content);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The reader closed early or never came: nothing to deliver to anyone else.
        }
    }

    private static partial class NativeMethods
    {
        [LibraryImport("libc", EntryPoint = "mkfifo", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int MkFifo(string path, uint mode);

        [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int Open(string path, int flags);

        [LibraryImport("libc", EntryPoint = "close")]
        internal static partial int Close(int fd);
    }
}

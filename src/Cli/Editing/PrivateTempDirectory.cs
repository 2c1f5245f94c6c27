using System.Runtime.InteropServices;
using Crypt.Files;

namespace Crypt.Cli.Editing;

/// <summary>
/// A fresh 0700 folder for plaintext that must touch the disk (edit, exec-file without FIFO).
/// The editor's swap and backup files land in it too. Removed on dispose and, through
/// <see cref="CleanupOnSignals"/>, on SIGINT/SIGTERM/SIGHUP before the process dies. SIGKILL
/// cannot be caught, so the name carries the owner (<c>crypt-PID-START-XXXXXX</c>) and each new
/// folder first removes those whose owner is dead (<see cref="StaleTemps"/>): a killed edit's
/// plaintext is gone by the next edit or exec-file.
/// </summary>
internal sealed class PrivateTempDirectory : IDisposable
{
    // A lock, not a flag: when a signal handler and the main thread both dispose, the second
    // must wait until the folder is really gone, or the process could exit mid-delete.
    private readonly Lock _gate = new();
    private bool _deleted;

    public PrivateTempDirectory()
    {
        StaleTemps.SweepFolders(Path.GetTempPath());

        // CreateTempSubdirectory creates the folder 0700 on Unix. A temp folder we cannot write
        // (or a full disk) is sops's "Could not create temporary directory", exit 3
        // (cmd/sops/edit.go editTree).
        try
        {
            FullPath = Directory.CreateTempSubdirectory(StaleTemps.FolderPrefix).FullName;
        }
        catch (UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.CouldNotWriteOutputFile, $"cannot create a private temp folder in {Path.GetTempPath()}: permission denied");
        }
        catch (IOException e)
        {
            throw new CliException(ExitCodes.CouldNotWriteOutputFile, $"cannot create a private temp folder in {Path.GetTempPath()}: {e.Message}");
        }
    }

    public string FullPath { get; }

    /// <summary>Creates an empty file inside, 0600 from the first byte, and writes <paramref name="content"/>.</summary>
    public string WriteFile(string name, ReadOnlySpan<byte> content)
    {
        string path = Path.Combine(FullPath, name);
        FileStreamOptions options = new() { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using FileStream stream = new(path, options);
            stream.Write(content);
        }
        catch (IOException e)
        {
            // A full disk: the partial file goes with the folder, which every caller disposes.
            throw new CliException(ExitCodes.CouldNotWriteOutputFile, $"cannot write the plaintext to the private temp folder in {Path.GetTempPath()}: {e.Message}");
        }

        return path;
    }

    /// <summary>Removes the folder when the process is told to stop; dispose the result to unhook.</summary>
    public IDisposable CleanupOnSignals(Action? beforeExit = null)
    {
        List<PosixSignalRegistration> registrations = [];
        foreach (PosixSignal signal in new[]
        {
            PosixSignal.SIGINT,
            PosixSignal.SIGTERM,
            PosixSignal.SIGHUP,
        })
        {
            registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                beforeExit?.Invoke();
                Dispose();
                context.Cancel = true;
                Environment.Exit(ExitCodes.KeyboardInterrupt);
            }));
        }

        return new Registrations(registrations);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (!_deleted && Directory.Exists(FullPath))
            {
                Directory.Delete(FullPath, recursive: true);
            }

            _deleted = true;
        }
    }

    private sealed class Registrations(List<PosixSignalRegistration> items) : IDisposable
    {
        public void Dispose() => items.ForEach(r => r.Dispose());
    }
}

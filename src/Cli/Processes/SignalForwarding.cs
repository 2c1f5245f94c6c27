using System.Runtime.InteropServices;

namespace Crypt.Cli.Processes;

/// <summary>
/// Catches SIGINT, SIGQUIT, SIGTERM and SIGHUP from before exec-file writes its plaintext until
/// the command has ended, and passes them on to the command (<see cref="ShellCommand"/> says
/// which and why). Each signal first runs the cleanup given to <see cref="Install"/>. A signal
/// that comes before the command has started is remembered: the command is then not started,
/// or, when it started in between, gets the signal as soon as its process id is known.
/// </summary>
internal sealed partial class SignalForwarding : IDisposable
{
    // The numbers are the same on Linux and macOS.
    private const int SigHup = 1;
    private const int SigInt = 2;
    private const int SigQuit = 3;
    private const int SigTerm = 15;

    private readonly Lock _gate = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _child;
    private int? _pending;

    private SignalForwarding()
    {
    }

    /// <summary>Starts catching the signals; <paramref name="onSignal"/> runs first on each (it must be safe to run twice).</summary>
    public static SignalForwarding Install(Action? onSignal)
    {
        SignalForwarding forwarding = new();
        if (!OperatingSystem.IsWindows())
        {
            foreach (PosixSignal signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGQUIT, PosixSignal.SIGTERM, PosixSignal.SIGHUP })
            {
                forwarding._registrations.Add(PosixSignalRegistration.Create(signal, context =>
                {
                    context.Cancel = true;
                    try
                    {
                        onSignal?.Invoke();
                    }
                    catch (IOException)
                    {
                        // A file written into the folder while it was being removed: the
                        // caller's own dispose, on the way out, removes it.
                    }

                    forwarding.Received(context.Signal);
                }));
            }
        }

        return forwarding;
    }

    /// <summary>The first signal received before <see cref="Started"/>, as its number; null if none.</summary>
    public int? Pending
    {
        get
        {
            lock (_gate)
            {
                return _pending;
            }
        }
    }

    /// <summary>Passes <paramref name="signal"/> to the command now, or once it has started.</summary>
    private void Received(PosixSignal signal)
    {
        int number = signal switch
        {
            PosixSignal.SIGHUP => SigHup,
            PosixSignal.SIGINT => SigInt,
            PosixSignal.SIGQUIT => SigQuit,
            PosixSignal.SIGTERM => SigTerm,
            _ => 0,
        };
        lock (_gate)
        {
            if (_child <= 0)
            {
                // Nothing has it yet, a terminal's signal included.
                _pending ??= number;
            }
            else if ((number != SigInt && number != SigQuit) || !TerminalSignalledGroup())
            {
                _ = NativeMethods.Kill(_child, number);
            }
        }
    }

    /// <summary>The command runs as <paramref name="pid"/>: a signal that came while it was being started reaches it now.</summary>
    public void Started(int pid)
    {
        lock (_gate)
        {
            _child = pid;
            if (_pending is int number)
            {
                _ = NativeMethods.Kill(pid, number);
            }
        }
    }

    public void Dispose() => _registrations.ForEach(r => r.Dispose());

    /// <summary>
    /// True when crypt is in the foreground process group of its controlling terminal: a Ctrl+C
    /// or Ctrl+\ there went to every process of that group, the command included (it inherits
    /// crypt's group), so passing it on would deliver it twice. No terminal (a service, CI, a
    /// session started with setsid) or a background job: false. A <c>kill -INT</c> from another
    /// terminal at a crypt in the foreground is the case this cannot tell apart (the sender is
    /// in siginfo, which the .NET runtime does not pass on); the command then runs on, its
    /// plaintext already removed, as with a Ctrl+C it chose to ignore.
    /// </summary>
    private static bool TerminalSignalledGroup()
    {
        int noControllingTty = OperatingSystem.IsLinux() ? 0x100 : 0x20000;
        int fd = NativeMethods.Open("/dev/tty", noControllingTty);
        if (fd < 0)
        {
            return false;
        }

        try
        {
            int foreground = NativeMethods.TcGetPgrp(fd);
            return foreground > 0 && foreground == NativeMethods.GetPgrp();
        }
        finally
        {
            _ = NativeMethods.Close(fd);
        }
    }

    private static partial class NativeMethods
    {
        [LibraryImport("libc", EntryPoint = "kill")]
        internal static partial int Kill(int pid, int signal);

        [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Open(string path, int flags);

        [LibraryImport("libc", EntryPoint = "close")]
        internal static partial int Close(int fd);

        [LibraryImport("libc", EntryPoint = "tcgetpgrp")]
        internal static partial int TcGetPgrp(int fd);

        [LibraryImport("libc", EntryPoint = "getpgrp")]
        internal static partial int GetPgrp();
    }
}

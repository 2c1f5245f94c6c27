using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Crypt.Cli.Processes;

/// <summary>
/// Runs a command line through the shell as sops does (<c>/bin/sh -c</c>; <c>cmd.exe /C</c> on
/// Windows) with crypt's standard input, output and error, and returns its exit status (128 +
/// signal number when a signal ended it, as shells report it).
/// <para>
/// Signals: the child shares crypt's process group, so a terminal's Ctrl+C or Ctrl+\ already
/// reaches it; crypt then stays alive to report the child's status instead of dying first.
/// SIGTERM and SIGHUP are usually sent to crypt alone (docker stop, systemd, a closed session),
/// so they are passed on to the child. Each signal first runs <c>onSignal</c> (exec-file removes
/// its plaintext there, before anything else can go wrong).
/// </para>
/// </summary>
internal static partial class ShellCommand
{
    private const int SigHup = 1;
    private const int SigTerm = 15;

    public static int Run(string command, IReadOnlyList<KeyValuePair<string, string>> variables, bool pristine, Action? onSignal, RunAsUser? user = null)
    {
        IReadOnlyList<string> argv = Argv(command, user);
        ProcessStartInfo start = new(argv[0]);
        foreach (string arg in argv.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        start.UseShellExecute = false;
        if (pristine)
        {
            start.Environment.Clear();
        }

        foreach ((string key, string value) in variables.Concat(user?.Variables ?? []))
        {
            start.Environment[key] = value;
        }

        int childId = 0;
        List<PosixSignalRegistration> registrations = [];
        if (!OperatingSystem.IsWindows())
        {
            foreach (PosixSignal signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGQUIT, PosixSignal.SIGTERM, PosixSignal.SIGHUP })
            {
                registrations.Add(PosixSignalRegistration.Create(signal, context =>
                {
                    context.Cancel = true;
                    onSignal?.Invoke();
                    int forward = context.Signal switch
                    {
                        PosixSignal.SIGTERM => SigTerm,
                        PosixSignal.SIGHUP => SigHup,
                        _ => 0,
                    };
                    int id = Volatile.Read(ref childId);
                    if (forward != 0 && id > 0)
                    {
                        _ = NativeMethods.Kill(id, forward);
                    }
                }));
            }
        }

        try
        {
            using Process process = Start(start);
            Volatile.Write(ref childId, process.Id);
            process.WaitForExit();
            return process.ExitCode;
        }
        finally
        {
            registrations.ForEach(r => r.Dispose());
        }
    }

    /// <summary>
    /// Replaces crypt with the shell (<c>--same-process</c>): no parent stays behind, which suits a
    /// container's entry point. Returns only by throwing.
    /// </summary>
    public static void Exec(string command, IReadOnlyList<KeyValuePair<string, string>> variables, bool pristine, RunAsUser? user = null)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new CliException(ExitCodes.ErrorConflictingParameters, "--same-process is not supported on Windows");
        }

        Dictionary<string, string> environment = new(StringComparer.Ordinal);
        if (!pristine)
        {
            foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
            {
                environment[(string)entry.Key] = (string?)entry.Value ?? string.Empty;
            }
        }

        foreach ((string key, string value) in variables.Concat(user?.Variables ?? []))
        {
            environment[key] = value;
        }

        string?[] argv = [.. Argv(command, user), null];
        string?[] envp = [.. environment.Select(e => $"{e.Key}={e.Value}"), null];
        Console.Out.Flush();
        Console.Error.Flush();

        // The runtime ignores SIGPIPE, and an ignored signal survives execve: give the shell the default back.
        _ = NativeMethods.Signal(13, 0);
        _ = NativeMethods.Execve(argv[0]!, argv, envp);
        int errno = Marshal.GetLastPInvokeError();
        throw new CliException(ExitCodes.ErrorGeneric, $"cannot run {argv[0]}: {new Win32Exception(errno).Message}");
    }

    private static IReadOnlyList<string> Argv(string command, RunAsUser? user) =>
        user?.Wrap(command) ?? (OperatingSystem.IsWindows() ? ["cmd.exe", "/C", command] : ["/bin/sh", "-c", command]);

    private static Process Start(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new CliException(ExitCodes.ErrorGeneric, $"cannot start {start.FileName}");
        }
        catch (Win32Exception e)
        {
            throw new CliException(ExitCodes.ErrorGeneric, $"cannot start {start.FileName}: {e.Message}");
        }
    }

    private static partial class NativeMethods
    {
        [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
        internal static partial int Kill(int pid, int signal);

        [LibraryImport("libc", EntryPoint = "execve", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int Execve(string path, string?[] argv, string?[] envp);

        [LibraryImport("libc", EntryPoint = "signal")]
        internal static partial nint Signal(int signal, nint handler);
    }
}

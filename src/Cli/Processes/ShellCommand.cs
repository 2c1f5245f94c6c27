using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Crypt.Cli.Processes;

/// <summary>
/// Runs a command line through the shell as sops does (<c>/bin/sh -c</c>; <c>cmd.exe /C</c> on
/// Windows) with crypt's standard input, output and error, and returns its exit status (128 +
/// signal number when a signal ended it, as shells report it).
/// <para>
/// Signals (SIGINT, SIGQUIT, SIGTERM, SIGHUP, caught by <see cref="SignalForwarding"/>): each
/// first runs its cleanup (exec-file removes its plaintext there, before anything else can go
/// wrong), then reaches the command, and crypt stays alive until the command has ended, to
/// return its status. sops does none of this: Go's default action ends it at once, so the
/// deferred RemoveAll of its temp folder never runs and the command runs on
/// (cmd/sops/subcommand/exec/exec.go ExecWithFile). A terminal's Ctrl+C or Ctrl+\ goes to the
/// whole foreground process group, which the command shares with crypt, so crypt passes SIGINT
/// and SIGQUIT on only when it is not that group (a script, a service, CI, <c>kill</c> at a
/// background crypt): a second SIGINT would make some programs (terraform) abort instead of
/// stopping cleanly. SIGTERM and SIGHUP are usually sent to crypt alone (docker stop, systemd, a
/// closed session), so they are always passed on. A signal crypt's parent started it ignoring
/// (POSIX shells start a script's background jobs with SIGINT and SIGQUIT ignored) stays
/// ignored, by crypt and by the command: the .NET runtime keeps an inherited SIG_IGN
/// (dotnet/runtime src/native/libs/System.Native/pal_signal.c InstallSignalHandler).
/// </para>
/// </summary>
internal static partial class ShellCommand
{
    public static int Run(string command, IReadOnlyList<KeyValuePair<string, string>> variables, bool pristine, SignalForwarding signals, RunAsUser? user = null)
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

        // A signal before the command started: its plaintext may be gone already, and the
        // user asked to stop, so it never starts (the status is as if the signal had ended it).
        if (signals.Pending is int early)
        {
            return 128 + early;
        }

        using Process process = Start(start);
        signals.Started(process.Id);
        process.WaitForExit();
        return process.ExitCode;
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
        [LibraryImport("libc", EntryPoint = "execve", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int Execve(string path, string?[] argv, string?[] envp);

        [LibraryImport("libc", EntryPoint = "signal")]
        internal static partial nint Signal(int signal, nint handler);
    }
}

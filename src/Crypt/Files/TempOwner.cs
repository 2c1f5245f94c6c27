using System.Globalization;
using System.Runtime.InteropServices;

namespace Crypt.Files;

/// <summary>
/// Names the process that owns a temp file or folder, so a later run can tell a temp left by a
/// killed crypt (owner dead: remove it) from one a running crypt is still writing (leave it).
/// The tag is "PID-STARTTIME": the PID alone could have been reused by an unrelated process
/// since, so on Linux the owner counts as alive only if that PID still has the same start time
/// (field 22 of /proc/PID/stat, clock ticks since boot, proc(5)). Where /proc is missing
/// (macOS) the start time is 0 and liveness is kill(PID, 0).
/// A process in another PID namespace sharing the folder looks dead: its temp may be removed
/// under it, and then its own rename fails with "cannot write" (exit 3), the target untouched.
/// </summary>
internal static partial class TempOwner
{
    private static readonly Lazy<string> s_current = new(() =>
    {
        int pid = Environment.ProcessId;
        return $"{pid}-{StartTime(pid) ?? 0}";
    });

    /// <summary>This process's tag, "PID-STARTTIME".</summary>
    public static string Current => s_current.Value;

    /// <summary>The start time of <paramref name="pid"/> in clock ticks since boot, or null when unknown or gone.</summary>
    public static long? StartTime(int pid)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so count fields
        // after the last ')'. starttime is field 22 overall, the 20th after comm.
        int close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        string[] fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 19 && long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out long start) ? start : null;
    }

    /// <summary>Whether the process named by the tag parts is gone (so its temps may be removed).</summary>
    public static bool IsDead(int pid, long startTime)
    {
        if (pid <= 0)
        {
            return false;
        }

        if (OperatingSystem.IsLinux() && Directory.Exists("/proc/self"))
        {
            long? now = StartTime(pid);
            return now is null || now.Value != startTime;
        }

        if (OperatingSystem.IsWindows())
        {
            // No /proc and no kill(2): never claim a process is dead.
            return false;
        }

        // ESRCH (3): no such process. EPERM means it exists under another user.
        return NativeMethods.Kill(pid, 0) != 0 && Marshal.GetLastPInvokeError() == 3;
    }

    private static partial class NativeMethods
    {
        [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
        internal static partial int Kill(int pid, int signal);
    }
}

using System.Runtime.InteropServices;

namespace Crypt.Cli.Processes;

/// <summary>
/// Keeps crypt's memory (data keys, decrypted values) out of core files and away from other
/// processes of the same user, as ssh-agent does for its keys (openssh-portable ssh-agent.c,
/// <c>platform_disable_tracing</c>): on Linux, <c>PR_SET_DUMPABLE</c> 0 (prctl(2)). The kernel
/// then writes no core file for crypt whatever <c>ulimit -c</c> says, and only root can ptrace it
/// or read its <c>/proc/PID/mem</c> and <c>environ</c>. A command crypt runs (exec-env,
/// exec-file, the editor) is dumpable again after its execve: the setting is not inherited.
/// </summary>
internal static partial class NoCoreDumps
{
    private const int PrSetDumpable = 4;

    /// <summary>Applies the setting; best effort (a kernel that refuses leaves the default).</summary>
    public static void Apply()
    {
        if (OperatingSystem.IsLinux())
        {
            _ = Prctl(PrSetDumpable, 0, 0, 0, 0);
        }
    }

    [LibraryImport("libc", EntryPoint = "prctl")]
    private static partial int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);
}

using System.Runtime.InteropServices;

namespace Crypt.Cli.Processes;

/// <summary>
/// exec-env/exec-file <c>--user NAME</c>: the command runs as that user with its primary group,
/// its supplementary groups reset to that user's, and <c>HOME</c>, <c>USER</c>, <c>LOGNAME</c> set
/// from its passwd entry (sops 3.13.2 cmd/sops/subcommand/exec/exec_unix.go SwitchUser and
/// UserEnv). sops switches its own process; crypt runs the command through util-linux's
/// <c>setpriv</c>, which does the same system calls in the child, so crypt stays root only for
/// itself. Needs root, as it does for sops.
/// </summary>
internal sealed partial record RunAsUser(string Name, uint Uid, uint Gid, string Home)
{
    /// <summary>Where setpriv is looked up (util-linux, an essential package on Debian).</summary>
    private static readonly string[] s_setprivPaths = ["/usr/bin/setpriv", "/bin/setpriv", "/usr/sbin/setpriv"];

    public static RunAsUser Resolve(string name)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new CliException(ExitCodes.ErrorGeneric, "--user is supported on Linux only");
        }

        nint entry = NativeMethods.GetPwNam(name);
        if (entry == 0)
        {
            throw new CliException(ExitCodes.ErrorGeneric, $"--user: no user named '{name}'");
        }

        Passwd passwd = Marshal.PtrToStructure<Passwd>(entry);
        RunAsUser user = new(Marshal.PtrToStringUTF8(passwd.Name) ?? name, passwd.Uid, passwd.Gid, Marshal.PtrToStringUTF8(passwd.Dir) ?? "/");
        if (NativeMethods.GetEuid() != 0 && NativeMethods.GetEuid() != user.Uid)
        {
            throw new CliException(ExitCodes.ErrorGeneric, $"--user {name}: switching users needs root");
        }

        return user;
    }

    /// <summary>The variables sops sets for the user (UserEnv).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Variables =>
        [new("HOME", Home), new("USER", Name), new("LOGNAME", Name)];

    /// <summary>The program and arguments that run <c>/bin/sh -c command</c> as this user.</summary>
    public IReadOnlyList<string> Wrap(string command)
    {
        string setpriv = s_setprivPaths.FirstOrDefault(File.Exists)
            ?? throw new CliException(ExitCodes.ErrorGeneric, "--user needs setpriv (util-linux), which was not found");
        return [setpriv, $"--reuid={Uid}", $"--regid={Gid}", "--init-groups", "--", "/bin/sh", "-c", command];
    }

    /// <summary>Gives the user a file or folder crypt made for it (exec-file's private folder and plaintext).</summary>
    public void Own(string path)
    {
        if (NativeMethods.Chown(path, Uid, Gid) != 0)
        {
            throw new CliException(ExitCodes.ErrorGeneric, $"--user {Name}: cannot hand {path} to the user (errno {Marshal.GetLastPInvokeError()})");
        }
    }

    // struct passwd from <pwd.h> on Linux (glibc and musl share this layout).
    [StructLayout(LayoutKind.Sequential)]
    private struct Passwd
    {
        public nint Name;
        public nint Password;
        public uint Uid;
        public uint Gid;
        public nint Gecos;
        public nint Dir;
        public nint Shell;
    }

    private static partial class NativeMethods
    {
        [LibraryImport("libc", EntryPoint = "getpwnam", StringMarshalling = StringMarshalling.Utf8)]
        internal static partial nint GetPwNam(string name);

        [LibraryImport("libc", EntryPoint = "geteuid")]
        internal static partial uint GetEuid();

        [LibraryImport("libc", EntryPoint = "chown", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int Chown(string path, uint owner, uint group);
    }
}

using System.Runtime.InteropServices;
using System.Text;
using Crypt.Crypto.Age;

namespace Crypt.Cli.Keys;

/// <summary>
/// Asks for a passphrase on the controlling terminal (<c>/dev/tty</c>) with echo off, as age's
/// terminal UI does for sops (age v1.3.1 internal/term; sops age/tui.go). Standard input and
/// output stay free for the document. Without a terminal it fails with a clear message instead
/// of waiting. (sops first asks gpg-agent when one runs; Crypt asks the terminal only.)
/// </summary>
internal static partial class TerminalPassphrase
{
    private const string Terminal = "/dev/tty";

    public static string Read(string prompt)
    {
        FileStream tty;
        try
        {
            tty = new FileStream(Terminal, FileMode.Open, FileAccess.ReadWrite);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AgeException(AgeFailure.InvalidKey, "a passphrase is needed, but there is no terminal (/dev/tty) to ask on");
        }

        using (tty)
        {
            byte[]? saved = DisableEcho(tty);
            try
            {
                tty.Write(Encoding.UTF8.GetBytes(prompt + " "));
                return ReadLine(tty);
            }
            finally
            {
                RestoreEcho(tty, saved);
                tty.Write("\n"u8);
            }
        }
    }

    private static string ReadLine(FileStream tty)
    {
        List<byte> line = [];
        Span<byte> one = stackalloc byte[1];
        while (tty.Read(one) == 1 && one[0] != (byte)'\n')
        {
            if (one[0] != (byte)'\r')
            {
                line.Add(one[0]);
            }
        }

        byte[] bytes = [.. line];
        try
        {
            return Encoding.UTF8.GetString(bytes);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(bytes);
            line.Clear();
        }
    }

    // struct termios as raw bytes: c_lflag is the fourth tcflag_t (4 bytes on Linux, 8 on macOS);
    // ECHO is 0x8 on both.
    private static byte[]? DisableEcho(FileStream tty)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return null;
        }

        byte[] original = new byte[256];
        int fd = (int)tty.SafeFileHandle.DangerousGetHandle();
        if (tcgetattr(fd, original) != 0)
        {
            return null;
        }

        byte[] quiet = (byte[])original.Clone();
        int lflag = OperatingSystem.IsLinux() ? 12 : 24;
        quiet[lflag] &= unchecked((byte)~0x8);
        return tcsetattr(fd, 0, quiet) == 0 ? original : null;
    }

    private static void RestoreEcho(FileStream tty, byte[]? saved)
    {
        if (saved is not null)
        {
            _ = tcsetattr((int)tty.SafeFileHandle.DangerousGetHandle(), 0, saved);
        }
    }

    [LibraryImport("libc", EntryPoint = "tcgetattr")]
    private static partial int tcgetattr(int fd, [Out] byte[] termios);

    [LibraryImport("libc", EntryPoint = "tcsetattr")]
    private static partial int tcsetattr(int fd, int optionalActions, byte[] termios);
}

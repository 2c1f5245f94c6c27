using System.Diagnostics;

namespace Crypt.Cli.Tests.Age;

/// <summary>Makes SSH keys with the real <c>ssh-keygen</c> (Debian package openssh-client).</summary>
internal static class SshKeys
{
    /// <summary>Writes an unencrypted (or passphrase-protected) key at <paramref name="path"/> and returns its public line.</summary>
    public static string Generate(string path, string type, string passphrase = "")
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string tool = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "ssh-keygen"))
            .FirstOrDefault(File.Exists)
            ?? throw new Xunit.Sdk.XunitException("ssh-keygen not found on PATH; these tests need it (apt install openssh-client)");
        ProcessStartInfo start = new(tool) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string arg in (string[])["-q", "-t", type, "-N", passphrase, "-C", "test@crypt", "-f", path])
        {
            start.ArgumentList.Add(arg);
        }

        if (type == "rsa")
        {
            start.ArgumentList.Add("-b");
            start.ArgumentList.Add("2048");
        }

        using Process process = Process.Start(start)!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
        return File.ReadAllText(path + ".pub").TrimEnd('\n');
    }
}

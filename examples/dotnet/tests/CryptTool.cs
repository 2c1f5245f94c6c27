using System.Diagnostics;

namespace OrdersApi.Tests;

/// <summary>
/// The crypt command line, as installed from the local feed (build.sh sets CRYPT_TOOL to the
/// tool it installed into a clean tool path; otherwise `crypt` from PATH). The tests encrypt,
/// rotate and make keys with it, as a team would.
/// </summary>
internal static class CryptTool
{
    private static string Executable =>
        Environment.GetEnvironmentVariable("CRYPT_TOOL") is { Length: > 0 } path ? path : "crypt";

    public static string Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"could not start {Executable}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill();
            throw new TimeoutException($"crypt {string.Join(' ', arguments)} did not finish in a minute");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"crypt {string.Join(' ', arguments)} exited {process.ExitCode}: {stderr.Result}");
        }
        return stdout.Result;
    }
}

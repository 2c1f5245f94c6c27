using System.Diagnostics;
using Crypt.Tests;

namespace Crypt.Cli.Tests.Stores;

/// <summary>
/// Runs the reference sops (<c>../shared/tools/sops/sops</c>, 3.13.2 with the MAC fix) with a
/// clean environment: the workspace's age key, no version check, no inherited SOPS_* settings.
/// </summary>
internal static class SopsProcess
{
    public static string Executable => Path.Combine(SharedPaths.Shared, "tools", "sops", "sops");

    public static CryptResult Run(string workingDirectory, string keyFile, params string[] args)
    {
        ProcessStartInfo start = new(Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Clear();
        start.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        start.Environment["HOME"] = workingDirectory;
        start.Environment["SOPS_AGE_KEY_FILE"] = keyFile;
        start.Environment["SOPS_DISABLE_VERSION_CHECK"] = "1";

        using Process process = Process.Start(start)!;
        Task<byte[]> stdout = ReadAllAsync(process.StandardOutput.BaseStream);
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"sops {string.Join(' ', args)} did not finish in 60 s");
        }

        return new CryptResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using MemoryStream buffer = new();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}

using System.Diagnostics;
using Crypt.Tests;

namespace Crypt.Cli.Tests;

/// <summary>
/// Runs the real sops (<c>../shared/tools/sops/sops</c>, 3.13.2 with the #2245 MAC fix) as the
/// expected answer: a clean environment plus the caller's, no version check, an editor that fails.
/// </summary>
internal static class RealSops
{
    public static string Executable => Path.Combine(SharedPaths.Shared, "tools", "sops", "sops");

    public static SopsResult Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        ProcessStartInfo start = new(Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Clear();
        start.Environment["PATH"] = "/usr/bin:/bin";
        start.Environment["HOME"] = workingDirectory;
        start.Environment["SOPS_DISABLE_VERSION_CHECK"] = "1";
        start.Environment["EDITOR"] = "false";
        foreach ((string key, string value) in environment)
        {
            start.Environment[key] = value;
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {Executable}");
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new SopsResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <summary>What one run of sops produced.</summary>
internal sealed record SopsResult(int ExitCode, string Stdout, string Stderr);

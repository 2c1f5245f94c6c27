using System.Diagnostics;

namespace Crypt.Tests;

/// <summary>
/// Runs the real sops (<see cref="SharedPaths.SopsBinary"/>, 3.13.2 with the #2245 MAC fix) as
/// the interop oracle: arguments, a working folder and an age key file; returns stdout as bytes,
/// stderr and the exit code. The child gets a clean environment with the version check off.
/// </summary>
internal static class SopsProcess
{
    public static SopsResult Run(string workingDirectory, string? ageKeyFile, params string[] args)
    {
        ProcessStartInfo start = new(SharedPaths.SopsBinary)
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
        start.Environment["SOPS_DISABLE_VERSION_CHECK"] = "1";
        if (ageKeyFile is not null)
        {
            start.Environment["SOPS_AGE_KEY_FILE"] = ageKeyFile;
        }

        using Process process = Process.Start(start)!;
        process.StandardInput.Close();
        Task<byte[]> stdout = ReadAllAsync(process.StandardOutput.BaseStream);
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"sops {string.Join(' ', args)} did not finish in 120 s");
        }

        return new SopsResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using MemoryStream buffer = new();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}

/// <summary>What one run of sops produced.</summary>
internal sealed record SopsResult(int ExitCode, byte[] Stdout, string Stderr)
{
    public string StdoutText => System.Text.Encoding.UTF8.GetString(Stdout);

    public override string ToString() => $"sops exit {ExitCode}\nstderr: {Stderr}";
}

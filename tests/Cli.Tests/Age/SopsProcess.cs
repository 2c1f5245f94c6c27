using System.Diagnostics;
using Crypt.Tests;

namespace Crypt.Cli.Tests.Age;

/// <summary>
/// Runs the reference sops (../shared/tools/sops/sops: 3.13.2, age 1.3.1) with a clean
/// environment, like <see cref="CryptProcess"/> runs crypt, so interop tests compare both on the
/// same inputs and keys.
/// </summary>
internal static class SopsProcess
{
    public static string Executable
    {
        get
        {
            string path = Path.Combine(SharedPaths.Shared, "tools", "sops", "sops");
            return File.Exists(path) ? path : throw new FileNotFoundException("the reference sops is missing", path);
        }
    }

    public static CryptResult Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
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
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(workingDirectory, ".config-none");
        start.Environment["SOPS_DISABLE_VERSION_CHECK"] = "1";
        foreach ((string key, string value) in environment)
        {
            start.Environment[key] = value;
        }

        using Process process = Process.Start(start)!;
        process.StandardInput.Close();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using MemoryStream stdout = new();
        process.StandardOutput.BaseStream.CopyTo(stdout);
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"sops {string.Join(' ', args)} did not finish in 60 s");
        }

        return new CryptResult(process.ExitCode, stdout.ToArray(), stderr.Result);
    }
}

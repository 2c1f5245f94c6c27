using System.Diagnostics;

namespace Crypt.Cli.Tests;

/// <summary>
/// Runs <c>crypt</c> (through <see cref="CryptProcess"/>, so <c>CRYPT_EXE</c> points it at the
/// NativeAOT binary too) or the reference <c>age-keygen</c> as a child process, so keygen tests
/// do not swap the process-wide Console writers other tests use.
/// </summary>
internal static class KeygenProcess
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    public static Result Crypt(params string[] args)
    {
        CryptResult result = CryptProcess.Run(Path.GetTempPath(), null, null, args);
        return new Result(result.ExitCode, result.StdoutText, result.Stderr);
    }

    public static Result AgeKeygen(params string[] args)
    {
        string? tool = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "age-keygen"))
            .FirstOrDefault(File.Exists);
        return Run(tool ?? throw new Xunit.Sdk.XunitException("age-keygen not found on PATH; these tests compare against it (apt install age)"), args);
    }

    private static Result Run(string program, IEnumerable<string> args)
    {
        ProcessStartInfo start = new(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start) ?? throw new Xunit.Sdk.XunitException($"could not start {program}");
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"{program} timed out");
        }

        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}

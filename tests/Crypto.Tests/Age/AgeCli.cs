using System.Diagnostics;

namespace Crypt.Crypto.Tests.Age;

/// <summary>
/// Runs the reference age CLI (FiloSottile/age, installed from apt as /usr/bin/age and
/// /usr/bin/age-keygen). Missing tools fail the test: interop is a requirement, not an extra.
/// </summary>
internal static class AgeCli
{
    public static string Find(string tool)
    {
        string? found = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);
        return found ?? throw new Xunit.Sdk.XunitException($"{tool} not found on PATH; the interop tests need the reference age CLI (apt install age)");
    }

    /// <summary>Runs <paramref name="tool"/> and returns its stdout; a non-zero exit fails the test.</summary>
    public static byte[] Run(string tool, IEnumerable<string> args, byte[]? stdin = null)
    {
        ProcessStartInfo start = new(Find(tool))
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

        using Process process = Process.Start(start) ?? throw new Xunit.Sdk.XunitException($"could not start {tool}");
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using MemoryStream stdout = new();
        Task copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        if (stdin is not null)
        {
            process.StandardInput.BaseStream.Write(stdin);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"{tool} timed out");
        }

        copy.Wait();
        if (process.ExitCode != 0)
        {
            throw new Xunit.Sdk.XunitException($"{tool} {string.Join(' ', start.ArgumentList)} exited {process.ExitCode}: {stderr.Result}");
        }

        return stdout.ToArray();
    }

    /// <summary>
    /// Runs an age command under <c>script</c>, which gives it a pseudo-terminal: age reads
    /// passphrases only from a terminal. The passphrase lines are typed into that terminal.
    /// </summary>
    public static void RunWithTerminal(string ageArgs, string typed)
    {
        Find("age");
        Run("script", ["-qec", "age " + ageArgs, "/dev/null"], System.Text.Encoding.UTF8.GetBytes(typed));
    }
}

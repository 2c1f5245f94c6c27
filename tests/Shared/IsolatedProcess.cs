using System.Diagnostics;

namespace Crypt.Tests;

/// <summary>
/// Runs a tool (crypt, sops) as the end-to-end tests need it: a clean environment (PATH, HOME and
/// XDG_CONFIG_HOME inside the working folder, then only what the test passes), stdin written and
/// closed, byte-exact stdout, and a generous hang guard, so a loaded CI machine never trips it.
/// </summary>
internal static class IsolatedProcess
{
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(120);

    public static (int ExitCode, byte[] Stdout, string Stderr) Run(
        string executable, string workingDirectory, IEnumerable<KeyValuePair<string, string>> environment, byte[]? stdin, IReadOnlyList<string> args)
    {
        using Process process = Start(executable, workingDirectory, environment, stdin, args, out Task<byte[]> stdout, out Task<string> stderr);
        if (!process.WaitForExit(s_hangGuard))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(executable)} {string.Join(' ', args)} did not finish in {s_hangGuard.TotalSeconds:0} s");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>
    /// As <see cref="Run"/>, without holding a thread while the tool runs (the load tests start
    /// hundreds at once, so they may need a longer <paramref name="hangGuard"/>).
    /// </summary>
    public static async Task<(int ExitCode, byte[] Stdout, string Stderr)> RunAsync(
        string executable, string workingDirectory, IEnumerable<KeyValuePair<string, string>> environment, byte[]? stdin, IReadOnlyList<string> args, TimeSpan? hangGuard = null)
    {
        using Process process = Start(executable, workingDirectory, environment, stdin, args, out Task<byte[]> stdout, out Task<string> stderr);
        TimeSpan limit = hangGuard ?? s_hangGuard;
        using CancellationTokenSource guard = new(limit);
        try
        {
            await process.WaitForExitAsync(guard.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(executable)} {string.Join(' ', args)} did not finish in {limit.TotalSeconds:0} s");
        }

        return (process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    /// <summary>Starts the tool with stdin written and closed and both outputs being read; the caller waits.</summary>
    public static Process Start(
        string executable, string workingDirectory, IEnumerable<KeyValuePair<string, string>> environment, byte[]? stdin, IReadOnlyList<string> args,
        out Task<byte[]> stdout, out Task<string> stderr)
    {
        ProcessStartInfo start = new(executable)
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
        foreach ((string key, string value) in environment)
        {
            start.Environment[key] = value;
        }

        Process process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        stdout = ReadAllAsync(process.StandardOutput.BaseStream);
        stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.BaseStream.Write(stdin);
        }

        process.StandardInput.Close();
        return process;
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using MemoryStream buffer = new();
        await stream.CopyToAsync(buffer).ConfigureAwait(false);
        return buffer.ToArray();
    }
}

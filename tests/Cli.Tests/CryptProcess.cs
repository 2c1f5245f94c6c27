using System.Text;
using Crypt.Tests;

namespace Crypt.Cli.Tests;

/// <summary>
/// Runs the built <c>crypt</c> executable as a user would: arguments, environment, stdin, and
/// captures stdout (bytes), stderr and the exit code. <c>CRYPT_EXE</c> points the tests at
/// another build (CI sets it to the NativeAOT binary). The child gets a clean environment
/// (no inherited SOPS_* or HOME keys) unless the test passes them.
/// </summary>
internal sealed class CryptProcess
{
    private static readonly string s_executable = FindExecutable();

    public static string Executable => s_executable;

    public static CryptResult Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, byte[]? stdin, params string[] args)
    {
        (int code, byte[] stdout, string stderr) = IsolatedProcess.Run(s_executable, workingDirectory, WithRuntime(environment), stdin, args);
        return new CryptResult(code, stdout, stderr);
    }

    /// <summary>As <see cref="Run"/>, awaitable: for many concurrent runs, each allowed <paramref name="hangGuard"/>.</summary>
    public static async Task<CryptResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, TimeSpan hangGuard, params string[] args)
    {
        (int code, byte[] stdout, string stderr) = await IsolatedProcess.RunAsync(s_executable, workingDirectory, WithRuntime(environment), null, args, hangGuard).ConfigureAwait(false);
        return new CryptResult(code, stdout, stderr);
    }

    /// <summary>
    /// Runs crypt through <paramref name="launcher"/> (e.g. <c>setpriv</c> to drop to another
    /// user): the launcher's arguments, then crypt's path, then <paramref name="args"/>.
    /// </summary>
    public static CryptResult RunVia(string[] launcher, string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        (int code, byte[] stdout, string stderr) = IsolatedProcess.Run(launcher[0], workingDirectory, WithRuntime(environment), null, [.. launcher[1..], s_executable, .. args]);
        return new CryptResult(code, stdout, stderr);
    }

    private static Dictionary<string, string> WithRuntime(IReadOnlyDictionary<string, string>? environment)
    {
        Dictionary<string, string> all = new(StringComparer.Ordinal)
        {
            ["DOTNET_ROOT"] = Environment.GetEnvironmentVariable("DOTNET_ROOT") ?? Path.GetDirectoryName(Environment.ProcessPath) ?? string.Empty,
        };
        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        return all;
    }

    private static string FindExecutable()
    {
        if (Environment.GetEnvironmentVariable("CRYPT_EXE") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? Path.GetFullPath(configured) : throw new FileNotFoundException($"CRYPT_EXE={configured} does not exist");
        }

        string local = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "crypt.exe" : "crypt");
        return File.Exists(local) ? local : throw new FileNotFoundException($"crypt executable not found at {local}");
    }
}

/// <summary>What one run of crypt produced.</summary>
internal sealed record CryptResult(int ExitCode, byte[] Stdout, string Stderr)
{
    public string StdoutText => Encoding.UTF8.GetString(Stdout);

    public override string ToString() => $"exit {ExitCode}\nstdout: {StdoutText}\nstderr: {Stderr}";
}

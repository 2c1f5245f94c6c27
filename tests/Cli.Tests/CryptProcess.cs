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
        Dictionary<string, string> all = new(StringComparer.Ordinal)
        {
            ["DOTNET_ROOT"] = Environment.GetEnvironmentVariable("DOTNET_ROOT") ?? Path.GetDirectoryName(Environment.ProcessPath) ?? string.Empty,
        };
        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        (int code, byte[] stdout, string stderr) = IsolatedProcess.Run(s_executable, workingDirectory, all, stdin, args);
        return new CryptResult(code, stdout, stderr);
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

using System.Diagnostics;
using System.Text;

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
        ProcessStartInfo start = new(s_executable)
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
        start.Environment["DOTNET_ROOT"] = Environment.GetEnvironmentVariable("DOTNET_ROOT") ?? Path.GetDirectoryName(Environment.ProcessPath) ?? string.Empty;
        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using Process process = Process.Start(start)!;
        Task<byte[]> stdout = ReadAllAsync(process.StandardOutput.BaseStream);
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.BaseStream.Write(stdin);
        }

        process.StandardInput.Close();
        // Only a hang guard: generous, so a loaded CI machine never trips it.
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"crypt {string.Join(' ', args)} did not finish in 120 s");
        }

        return new CryptResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using MemoryStream buffer = new();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
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

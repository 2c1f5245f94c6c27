using System.Runtime.Versioning;

namespace Crypt.Tests;

/// <summary>
/// Runs the real sops from <c>../shared/tools/sops/sops</c> (3.13.2 + getsops/sops#2245, see its
/// README) the way the interop tests need it: a clean environment (no inherited SOPS_* or key
/// variables), the version check off, stdin and byte-exact stdout. A missing or non-executable
/// binary is an error, never a skip: the interop tests are what judges Crypt against sops.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal static class SopsProcess
{
    private static readonly Lazy<string> s_executable = new(Find);

    public static string Executable => s_executable.Value;

    /// <summary>Runs sops with only this age key file (none: null).</summary>
    public static SopsResult Run(string workingDirectory, string? ageKeyFile, params string[] args) =>
        Run(workingDirectory, ageKeyFile is null ? null : new Dictionary<string, string> { ["SOPS_AGE_KEY_FILE"] = ageKeyFile }, null, args);

    public static SopsResult Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, byte[]? stdin, params string[] args)
    {
        Dictionary<string, string> all = new(StringComparer.Ordinal) { ["SOPS_DISABLE_VERSION_CHECK"] = "1" };
        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        (int code, byte[] stdout, string stderr) = IsolatedProcess.Run(Executable, workingDirectory, all, stdin, args);
        return new SopsResult(code, stdout, stderr);
    }

    private static string Find()
    {
        string path = SharedPaths.SopsBinary;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"the real sops is missing at {path}: the interop tests need ../shared/tools/sops/sops", path);
        }

        const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        if ((File.GetUnixFileMode(path) & AnyExecute) == 0)
        {
            throw new InvalidOperationException($"{path} is not executable: the interop tests need to run it");
        }

        return path;
    }
}

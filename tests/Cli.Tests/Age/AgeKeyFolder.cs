using System.Text;
using Crypt.Tests;

namespace Crypt.Cli.Tests.Age;

/// <summary>
/// A temporary folder for age interop tests: identity files made by <c>crypt keygen</c> (or
/// written by the test), plaintext inputs, and the environment that points crypt or sops at
/// one identity file.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class AgeKeyFolder : IDisposable
{
    public static IReadOnlyDictionary<string, string> NoKeys { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public string Root { get; } = Directory.CreateTempSubdirectory("crypt-age-").FullName;

    public string Path(string name) => System.IO.Path.Combine(Root, name);

    /// <summary>Runs <c>crypt keygen [--pq] -o NAME</c>; returns the recipient crypt prints for it with <c>keygen -y</c>.</summary>
    public string Keygen(string name, bool pq)
    {
        CryptResult made = CryptProcess.Run(Root, null, null, pq ? ["keygen", "--pq", "-o", name] : ["keygen", "-o", name]);
        Assert.True(made.ExitCode == 0, made.ToString());
        CryptResult recipient = CryptProcess.Run(Root, null, null, "keygen", "-y", name);
        Assert.True(recipient.ExitCode == 0, recipient.ToString());
        return recipient.StdoutText.TrimEnd('\n');
    }

    public string Write(string name, string content)
    {
        File.WriteAllText(Path(name), content, new UTF8Encoding(false));
        return name;
    }

    public Dictionary<string, string> KeyFile(string name) => new(StringComparer.Ordinal) { ["SOPS_AGE_KEY_FILE"] = Path(name) };

    public CryptResult Crypt(IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        CryptProcess.Run(Root, environment, null, args);

    public CryptResult Sops(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        SopsResult result = SopsProcess.Run(Root, environment, null, args);
        return new CryptResult(result.ExitCode, result.Stdout, result.Stderr);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

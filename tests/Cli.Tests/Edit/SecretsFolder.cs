using System.Diagnostics;
using System.Text;
using Crypt.Crypto.Age;

namespace Crypt.Cli.Tests.Edit;

/// <summary>
/// A test-owned folder for the in-place commands: a fresh age identity, an encrypted file made
/// by <c>crypt encrypt</c>, editor scripts, and a private TMPDIR for the child so the tests can
/// prove that no plaintext temp file survives a run.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class SecretsFolder : IDisposable
{
    /// <summary>A value that must never show up in a message.</summary>
    public const string Sentinel = "SENTINEL-7f3a9c";

    public SecretsFolder()
    {
        Root = Directory.CreateTempSubdirectory("crypt-inplace-").FullName;
        Temp = Directory.CreateDirectory(Path.Combine(Root, "tmp")).FullName;
        KeyFile = Path.Combine(Root, "keys.txt");
        using X25519Identity identity = X25519Identity.Generate();
        File.WriteAllText(KeyFile, $"# test key\n{identity.ToSecretString()}\n");
        File.SetUnixFileMode(KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Recipient = identity.Recipient.ToString();
    }

    public string Root { get; }

    /// <summary>The child's TMPDIR.</summary>
    public string Temp { get; }

    public string KeyFile { get; }

    public string Recipient { get; }

    public string PathOf(string name) => Path.Combine(Root, name);

    public Dictionary<string, string> Environment(string? editor = null)
    {
        Dictionary<string, string> environment = new()
        {
            ["SOPS_AGE_KEY_FILE"] = KeyFile,
            ["TMPDIR"] = Temp,
        };
        if (editor is not null)
        {
            environment["SOPS_EDITOR"] = editor;
        }

        return environment;
    }

    public CryptResult Run(IReadOnlyDictionary<string, string>? environment, byte[]? stdin, params string[] args) =>
        CryptProcess.Run(Root, environment ?? Environment(), stdin, args);

    public CryptResult Run(params string[] args) => Run(null, null, args);

    /// <summary>Encrypts <paramref name="plaintext"/> for this folder's key into <paramref name="name"/>.</summary>
    public string Encrypt(string name, string plaintext)
    {
        string plain = PathOf("plain-" + name);
        File.WriteAllText(plain, plaintext);
        string target = PathOf(name);
        CryptResult result = Run("encrypt", "--age", Recipient, "--output", target, plain);
        Assert.True(result.ExitCode == 0, result.ToString());
        File.Delete(plain);
        return target;
    }

    public string Decrypt(string path)
    {
        CryptResult result = Run("decrypt", path);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.StdoutText;
    }

    /// <summary>Writes an executable /bin/sh script (the editor, given the file as $1).</summary>
    public string Script(string name, string body)
    {
        string path = PathOf(name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    /// <summary>Starts crypt without waiting (for signal tests); output is redirected.</summary>
    public Process Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        ProcessStartInfo start = new(CryptProcess.Executable)
        {
            WorkingDirectory = Root,
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
        start.Environment["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        start.Environment["HOME"] = Root;
        start.Environment["DOTNET_ROOT"] = System.Environment.GetEnvironmentVariable("DOTNET_ROOT") ?? Path.GetDirectoryName(System.Environment.ProcessPath) ?? string.Empty;
        foreach ((string key, string value) in environment)
        {
            start.Environment[key] = value;
        }

        Process process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }

    /// <summary>
    /// Asserts that the run left nothing behind: TMPDIR empty (except the .NET runtime's own
    /// diagnostics pipes, which hold no data), no atomic-write temp file beside the files.
    /// </summary>
    public void AssertNoTempFiles()
    {
        string[] left = [.. Directory.EnumerateFileSystemEntries(Temp)
            .Select(Path.GetFileName)
            .Where(n => !n!.StartsWith("clr-debug-pipe-", StringComparison.Ordinal) && !n.StartsWith("dotnet-diagnostic-", StringComparison.Ordinal))
            .Select(n => n!)];
        Assert.Empty(left);
        Assert.Empty(Directory.EnumerateFiles(Root, "*.crypt-*.tmp"));
    }

    /// <summary>Asserts the sentinel secret appears in neither output stream.</summary>
    public static void AssertNoLeak(CryptResult result)
    {
        Assert.DoesNotContain(Sentinel, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Sentinel, Encoding.UTF8.GetString(result.Stdout), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

using System.Text;
using Crypt.Crypto.Age;

namespace Crypt.Cli.Tests.EncryptDecrypt;

/// <summary>
/// A fresh folder for one end-to-end test: the working folder of every crypt run, an age key
/// (0600) that <c>SOPS_AGE_KEY_FILE</c> names, and a private <c>TMPDIR</c> so a test can assert
/// that crypt left no temp file behind. The runtime's diagnostic pipes are switched off so that
/// folder stays truly empty.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class Workspace : IDisposable
{
    public Workspace()
    {
        Root = Directory.CreateTempSubdirectory("crypt-e2e-").FullName;
        Tmp = System.IO.Path.Combine(Root, "tmp");
        Directory.CreateDirectory(Tmp);
        using X25519Identity identity = X25519Identity.Generate();
        Identity = identity.ToSecretString();
        Recipient = identity.Recipient.ToString();
        KeyFile = System.IO.Path.Combine(Root, "keys", "key.txt");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(KeyFile)!);
        WriteFile(KeyFile, $"# public key: {Recipient}\n{Identity}\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    public string Root { get; }

    /// <summary>TMPDIR for every run; must be empty when a run is over.</summary>
    public string Tmp { get; }

    public string KeyFile { get; }

    public string Identity { get; }

    public string Recipient { get; }

    /// <summary>The environment of a run that can decrypt with this workspace's key.</summary>
    public Dictionary<string, string> Environment(params (string Key, string Value)[] extra)
    {
        Dictionary<string, string> environment = new(StringComparer.Ordinal)
        {
            ["SOPS_AGE_KEY_FILE"] = KeyFile,
            ["TMPDIR"] = Tmp,
            ["DOTNET_EnableDiagnostics"] = "0",
        };
        foreach ((string key, string value) in extra)
        {
            environment[key] = value;
        }

        return environment;
    }

    /// <summary>Runs crypt with the key file set.</summary>
    public CryptResult Run(params string[] args) => CryptProcess.Run(Root, Environment(), null, args);

    /// <summary>Runs crypt with standard input.</summary>
    public CryptResult RunWithInput(string stdin, params string[] args) => CryptProcess.Run(Root, Environment(), Encoding.UTF8.GetBytes(stdin), args);

    /// <summary>Runs crypt with exactly this environment (plus TMPDIR and no diagnostics).</summary>
    public CryptResult RunWithEnvironment(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        Dictionary<string, string> all = new(environment, StringComparer.Ordinal)
        {
            ["TMPDIR"] = Tmp,
            ["DOTNET_EnableDiagnostics"] = "0",
        };
        return CryptProcess.Run(Root, all, null, args);
    }

    public string Path(string name) => System.IO.Path.Combine(Root, name);

    public string Write(string name, string content)
    {
        string path = Path(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public string Read(string name) => File.ReadAllText(Path(name));

    /// <summary>Encrypts <paramref name="plaintext"/> (format from the name) to this workspace's key; returns the encrypted file's name.</summary>
    public string Encrypt(string name, string plaintext, string encryptedName)
    {
        Write(name, plaintext);
        CryptResult result = Run("encrypt", "--age", Recipient, "--output", encryptedName, name);
        Assert.True(result.ExitCode == 0, result.ToString());
        File.Delete(Path(name));
        return encryptedName;
    }

    /// <summary>The names of the files in the working folder (not keys/ or tmp/).</summary>
    public string[] Files() =>
        [.. Directory.GetFiles(Root).Select(System.IO.Path.GetFileName).Order(StringComparer.Ordinal)!];

    /// <summary>Everything left in TMPDIR.</summary>
    public string[] TempLeftovers() => Directory.GetFileSystemEntries(Tmp, "*", SearchOption.AllDirectories);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void WriteFile(string path, string content, UnixFileMode mode)
    {
        FileStreamOptions options = new() { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = mode };
        using FileStream stream = new(path, options);
        stream.Write(Encoding.UTF8.GetBytes(content));
    }
}

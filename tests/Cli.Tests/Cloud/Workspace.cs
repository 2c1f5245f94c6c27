using Crypt.Crypto.Age;

namespace Crypt.Cli.Tests.Cloud;

/// <summary>
/// A test's own folder: files, age identities, a private TMPDIR for the child, and runs of the
/// built crypt with exactly the environment the test composes.
/// </summary>
internal sealed class Workspace : IDisposable
{
    public Workspace()
    {
        Dir = Directory.CreateTempSubdirectory("crypt-keys-").FullName;
        Tmp = Directory.CreateDirectory(Path.Combine(Dir, ".tmp")).FullName;
    }

    public string Dir { get; }

    public string Tmp { get; }

    public string PathOf(string name) => Path.Combine(Dir, name);

    public void Write(string name, string text) => File.WriteAllText(PathOf(name), text);

    public string Read(string name) => File.ReadAllText(PathOf(name));

    /// <summary>A fresh age identity in its own file; returns the recipient and the environment that loads it.</summary>
    public AgeKey NewAgeKey(string name)
    {
        using X25519Identity identity = X25519Identity.Generate();
        string path = PathOf(name + ".txt");
        File.WriteAllText(path, identity.ToSecretString() + "\n");
        if (!OperatingSystem.IsWindows())
        {
            // crypt warns about identity files others can read.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return new AgeKey(identity.Recipient.ToString(), path);
    }

    public CryptResult Run(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Run(environment, null, args);

    public CryptResult Run(IReadOnlyDictionary<string, string> environment, byte[]? stdin, params string[] args)
    {
        Dictionary<string, string> env = new(environment) { ["TMPDIR"] = Tmp };
        return CryptProcess.Run(Dir, env, stdin, args);
    }

    /// <summary>No temp file left in the child's TMPDIR or beside the files.</summary>
    public void AssertNoTempFiles()
    {
        Assert.Empty(Directory.EnumerateFileSystemEntries(Tmp));
        Assert.Empty(Directory.EnumerateFiles(Dir, "*.tmp"));
    }

    public void Dispose() => Directory.Delete(Dir, recursive: true);

    /// <summary>Merges environments; later ones win.</summary>
    public static Dictionary<string, string> Env(params IReadOnlyDictionary<string, string>[] parts)
    {
        Dictionary<string, string> result = [];
        foreach (IReadOnlyDictionary<string, string> part in parts)
        {
            foreach ((string key, string value) in part)
            {
                result[key] = value;
            }
        }

        return result;
    }
}

/// <summary>An age key a test generated: the public recipient and the identity file.</summary>
internal sealed record AgeKey(string Recipient, string IdentityFile)
{
    public Dictionary<string, string> Environment => new() { ["SOPS_AGE_KEY_FILE"] = IdentityFile };
}

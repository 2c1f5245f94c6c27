using System.Text;
using Crypt.Cli.Tests.Age;
using Crypt.Tests;

namespace Crypt.Cli.Tests.Pgp;

/// <summary>
/// A working folder for PGP end-to-end tests beside a class's <see cref="GnuPgHome"/>: runs crypt
/// and the real sops with that GnuPG home, optionally an age identity too, or with gpg made
/// unavailable (<c>SOPS_GPG_EXEC=/nonexistent</c>, so no run ever falls back to a
/// <c>~/.gnupg</c> of its own).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class PgpFolder(GnuPgHome home) : IDisposable
{
    public const string NoGpg = "/nonexistent/gpg";

    private readonly AgeKeyFolder _folder = new();

    public string Root => _folder.Root;

    public GnuPgHome Home => home;

    public string Path(string name) => _folder.Path(name);

    public string Write(string name, string content) => _folder.Write(name, content);

    public string Read(string name) => File.ReadAllText(Path(name), Encoding.UTF8);

    /// <summary>A new age identity file; returns its recipient.</summary>
    public string AgeKey(string name) => _folder.Keygen(name, pq: false);

    /// <summary>gpg with the class's keyring, and the age identity file <paramref name="ageKey"/> when given.</summary>
    public Dictionary<string, string> WithGpg(string? ageKey = null)
    {
        Dictionary<string, string> environment = home.Environment();
        if (ageKey is not null)
        {
            environment["SOPS_AGE_KEY_FILE"] = Path(ageKey);
        }

        return environment;
    }

    /// <summary>No usable gpg; the age identity file <paramref name="ageKey"/> when given.</summary>
    public Dictionary<string, string> WithoutGpg(string? ageKey = null)
    {
        Dictionary<string, string> environment = WithGpg(ageKey);
        environment["SOPS_GPG_EXEC"] = NoGpg;
        return environment;
    }

    public CryptResult Crypt(IReadOnlyDictionary<string, string> environment, params string[] args) => _folder.Crypt(environment, args);

    public CryptResult Sops(IReadOnlyDictionary<string, string> environment, params string[] args) => _folder.Sops(environment, args);

    /// <summary>Runs crypt, fails the test unless it exits 0, and returns standard output.</summary>
    public string CryptOk(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        CryptResult result = Crypt(environment, args);
        Assert.True(result.ExitCode == 0, $"crypt {string.Join(' ', args)}: {result}");
        return result.StdoutText;
    }

    /// <summary>Runs sops, fails the test unless it exits 0, and returns standard output.</summary>
    public string SopsOk(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        CryptResult result = Sops(environment, args);
        Assert.True(result.ExitCode == 0, $"sops {string.Join(' ', args)}: {result}");
        return result.StdoutText;
    }

    public void Dispose() => _folder.Dispose();
}

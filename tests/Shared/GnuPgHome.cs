using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text;

namespace Crypt.Tests;

/// <summary>
/// A private GnuPG home for one test class: a 0700 folder with a short path directly under
/// /tmp (gpg-agent puts its socket there, and a Unix socket path is limited to about 107 bytes),
/// the PGP fixtures' secret keys imported (../shared/fixtures/sops/pgp-comment-vectors) and one
/// fresh key generated without a passphrase (ed25519 + cv25519: fast). Dispose stops the agent
/// (<c>gpgconf --kill all</c> with this home) and deletes the folder. gpg comes from PATH (Debian's
/// gnupg, installed by build.sh); a missing gpg fails the test, never skips it.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class GnuPgHome : IDisposable
{
    /// <summary>The secret key of getsops/sops's functional tests (opens getsops-comments.enc.yaml).</summary>
    public const string SopsFunctionalTestsKey = "FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4";

    /// <summary>The secret key of Mic92/sops-nix's test assets (opens sops-nix-secrets.env and sops-nix/secrets.yaml).</summary>
    public const string SopsNixKey = "7FB89715AADA920D65D25E63F9BA9DEBD03F57C0";

    // The second key in sops_functional_tests_key.asc.
    private const string SecondFunctionalTestsKey = "D7229043384BCC60326C6FB9D8720D957C3D3074";

    /// <summary>A home with the fixture keys and a generated key (the xunit class-fixture constructor).</summary>
    public GnuPgHome()
        : this(importFixtureKeys: true, generateKey: true)
    {
    }

    private GnuPgHome(bool importFixtureKeys, bool generateKey)
    {
        Directory = CreateShortPrivateFolder();
        if (importFixtureKeys)
        {
            foreach (string key in new[] { "sops_functional_tests_key.asc", "sops-nix-key.asc" })
            {
                Gpg("--batch", "--import", Path.Combine(PgpVectors, key));
            }
        }

        if (generateKey)
        {
            Gpg("--batch", "--passphrase", string.Empty, "--quick-gen-key", "Crypt Test <crypt-test@example.org>", "future-default", "default", "never");
            Generated = PrimaryFingerprints().Single(f => f is not (SopsFunctionalTestsKey or SopsNixKey or SecondFunctionalTestsKey));
        }
    }

    /// <summary>A home with no keys at all (gpg finds no secret key in it).</summary>
    public static GnuPgHome Empty() => new(importFixtureKeys: false, generateKey: false);

    /// <summary>The GNUPGHOME folder.</summary>
    public string Directory { get; }

    /// <summary>The fingerprint of the generated key (empty when none was generated).</summary>
    public string Generated { get; } = string.Empty;

    /// <summary>The PGP fixtures folder.</summary>
    public static string PgpVectors => Path.Combine(SharedPaths.SopsFixtures, "pgp-comment-vectors");

    /// <summary>The environment that points gpg (and sops and crypt through it) at this home.</summary>
    public Dictionary<string, string> Environment() => new(StringComparer.Ordinal) { ["GNUPGHOME"] = Directory };

    /// <summary>Runs gpg in this home; a non-zero exit fails the test. Returns standard output.</summary>
    public string Gpg(params string[] args) => Encoding.UTF8.GetString(GpgBytes(null, args));

    /// <summary>Runs gpg in this home with <paramref name="stdin"/>; returns standard output as bytes.</summary>
    public byte[] GpgBytes(byte[]? stdin, params string[] args)
    {
        ProcessStartInfo start = new(Find("gpg"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["GNUPGHOME"] = Directory;
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start gpg");
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using MemoryStream stdout = new();
        Task copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        if (stdin is not null)
        {
            process.StandardInput.BaseStream.Write(stdin);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"gpg {string.Join(' ', args)} did not finish in 120 s");
        }

        copy.Wait();
        return process.ExitCode == 0
            ? stdout.ToArray()
            : throw new InvalidOperationException($"gpg {string.Join(' ', args)} exited {process.ExitCode}: {stderr.Result}");
    }

    /// <summary>A tool's full path on PATH; a missing tool is an error that says what to install.</summary>
    public static string Find(string tool) =>
        (System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists)
        ?? throw new FileNotFoundException($"{tool} not found on PATH; the PGP tests need GnuPG (apt-get install gnupg)");

    public void Dispose()
    {
        try
        {
            ProcessStartInfo start = new(Find("gpgconf")) { UseShellExecute = false, RedirectStandardError = true };
            start.Environment["GNUPGHOME"] = Directory;
            start.ArgumentList.Add("--kill");
            start.ArgumentList.Add("all");
            using Process? kill = Process.Start(start);
            kill?.WaitForExit(TimeSpan.FromSeconds(30));
        }
        finally
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    /// <summary>The primary key fingerprints of every secret key in this home.</summary>
    public IReadOnlyList<string> PrimaryFingerprints()
    {
        List<string> primaries = [];
        bool afterSec = false;
        foreach (string line in Gpg("--with-colons", "--list-secret-keys").Split('\n'))
        {
            if (line.StartsWith("sec:", StringComparison.Ordinal))
            {
                afterSec = true;
            }
            else if (afterSec && line.StartsWith("fpr:", StringComparison.Ordinal))
            {
                primaries.Add(line.Split(':')[9]);
                afterSec = false;
            }
        }

        return primaries;
    }

    // Directory.CreateTempSubdirectory honours TMPDIR, which may be long; the agent's socket needs
    // a short path, so the folder goes straight under /tmp.
    private static string CreateShortPrivateFolder()
    {
        const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        for (int attempt = 0; ; attempt++)
        {
            string path = Path.Combine("/tmp", "cg-" + Path.GetRandomFileName().Replace(".", string.Empty, StringComparison.Ordinal)[..8]);
            if (!Path.Exists(path))
            {
                System.IO.Directory.CreateDirectory(path, Private);
                return path;
            }

            if (attempt > 100)
            {
                throw new IOException("could not create a GNUPGHOME under /tmp");
            }
        }
    }
}

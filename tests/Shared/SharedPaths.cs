namespace Crypt.Tests;

/// <summary>
/// Finds <c>../shared/</c> (beside the repository root): the SOPS format notes and the real
/// SOPS and age fixtures. Tests read them in place; they are never copied into the repo.
/// </summary>
internal static class SharedPaths
{
    private static readonly Lazy<string> s_repoRoot = new(FindRepoRoot);

    /// <summary>The repository root (the folder holding Crypt.sln).</summary>
    public static string RepoRoot => s_repoRoot.Value;

    /// <summary>The shared folder beside the repository root.</summary>
    public static string Shared
    {
        get
        {
            string shared = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));
            if (!Directory.Exists(shared))
            {
                throw new DirectoryNotFoundException($"../shared not found beside {RepoRoot}; tests need the shared fixtures");
            }

            return shared;
        }
    }

    /// <summary>The age conformance vectors.</summary>
    public static string AgeTestkit => Path.Combine(Shared, "fixtures", "age-testkit");

    /// <summary>The real-world corpus (configs/, yaml-test-suite/, README.md).</summary>
    public static string Corpus => Path.Combine(Shared, "corpus");

    /// <summary>The real sops binary (3.13.2 with the #2245 MAC fix; see its README).</summary>
    public static string SopsBinary => Path.Combine(Shared, "tools", "sops", "sops");

    /// <summary>The SOPS-written fixtures.</summary>
    public static string SopsFixtures => Path.Combine(Shared, "fixtures", "sops");

    private static string FindRepoRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Crypt.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new DirectoryNotFoundException("Crypt.sln not found above the test binaries");
    }
}

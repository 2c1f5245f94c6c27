namespace Crypt.Tests;

/// <summary>
/// The YAML inputs of <c>../shared/corpus</c>: the config files (MANIFEST.tsv input_type yaml)
/// and the yaml-test-suite cases, with what the real sops did on each.
/// </summary>
internal static class YamlCorpus
{
    /// <summary>Config files: name and whether sops accepts it (MANIFEST.tsv sops_encrypt).</summary>
    public static IEnumerable<(string Name, string Path, bool SopsAccepts)> Configs()
    {
        string dir = System.IO.Path.Combine(SharedPaths.Corpus, "configs");
        foreach (string[] row in Rows(System.IO.Path.Combine(dir, "MANIFEST.tsv")))
        {
            if (row[1] == "yaml")
            {
                yield return (row[0], System.IO.Path.Combine(dir, row[0]), row[8] == "accept");
            }
        }
    }

    /// <summary>Suite cases: id (e.g. "M2N8/01"), its in.yaml, spec error, sops verdict and refusal category.</summary>
    public static IEnumerable<(string Id, string Path, bool SpecError, bool SopsAccepts, string Category)> SuiteCases()
    {
        string dir = System.IO.Path.Combine(SharedPaths.Corpus, "yaml-test-suite");
        foreach (string[] row in Rows(System.IO.Path.Combine(dir, "SOPS_EXPECTED.tsv")))
        {
            yield return (row[0], System.IO.Path.Combine(dir, "data", row[0], "in.yaml"), row[1] == "yes", row[2] == "accept", row[5]);
        }
    }

    private static IEnumerable<string[]> Rows(string tsv) =>
        File.ReadLines(tsv).Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t'));
}

using System.Text.RegularExpressions;
using Crypt.Tests;

namespace Crypt.Cli.Tests.Corpus;

/// <summary>
/// The shared corpus of real configuration files (<c>../shared/corpus</c>), read in place: the
/// manifest, the refusals sops made, and this project's expectations
/// (<c>tests/Cli.Tests/Corpus/CorpusExpectations.tsv</c>).
/// </summary>
internal static partial class Corpus
{
    private static readonly Lazy<IReadOnlyList<CorpusFile>> s_files = new(LoadManifest);
    private static readonly Lazy<IReadOnlySet<string>> s_sopsRefusals = new(LoadRefusals);
    private static readonly Lazy<IReadOnlyDictionary<string, CorpusExpectation>> s_expectations = new(LoadExpectations);

    public static string ConfigsFolder => Path.Combine(SharedPaths.Shared, "corpus", "configs");

    public static string ExpectationsFile => Path.Combine(SharedPaths.RepoRoot, "tests", "Cli.Tests", "Corpus", "CorpusExpectations.tsv");

    public static IReadOnlyList<CorpusFile> Files => s_files.Value;

    /// <summary>The files <c>EXPECTED_REFUSALS.md</c> lists under configs/: sops refused them.</summary>
    public static IReadOnlySet<string> SopsRefusals => s_sopsRefusals.Value;

    public static IReadOnlyDictionary<string, CorpusExpectation> Expectations => s_expectations.Value;

    public static CorpusFile File(string name) => Files.Single(f => f.Name == name);

    /// <summary>What this file must give; unlisted files must round-trip to their own bytes.</summary>
    public static CorpusExpectation ExpectationOf(string name) =>
        Expectations.TryGetValue(name, out CorpusExpectation? e) ? e : new CorpusExpectation(name, CorpusOutcome.Identical, string.Empty);

    public static TheoryData<string> Names(Func<CorpusFile, bool> where) => [.. Files.Where(where).Select(f => f.Name)];

    private static List<CorpusFile> LoadManifest()
    {
        string[] lines = System.IO.File.ReadAllLines(Path.Combine(ConfigsFolder, "MANIFEST.tsv"));
        string[] header = lines[0].Split('\t');
        int Column(string name) => Array.IndexOf(header, name) is >= 0 and int i ? i : throw new InvalidDataException($"MANIFEST.tsv has no column {name}");
        int file = Column("file"), type = Column("input_type"), eol = Column("eol"), encrypt = Column("sops_encrypt"),
            decrypt = Column("sops_decrypt"), lost = Column("comments_not_restored");
        return [.. lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t')).Select(c => new CorpusFile(
            c[file],
            c[type],
            c[eol] == "CRLF",
            c[encrypt] == "accept",
            c[decrypt],
            int.TryParse(c[lost], out int n) ? n : 0))];
    }

    private static HashSet<string> LoadRefusals()
    {
        string text = System.IO.File.ReadAllText(Path.Combine(SharedPaths.Shared, "corpus", "EXPECTED_REFUSALS.md"));
        int start = text.IndexOf("## configs/", StringComparison.Ordinal);
        int end = text.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return [.. RefusalRow().Matches(text[start..end]).Select(m => m.Groups[1].Value)];
    }

    private static Dictionary<string, CorpusExpectation> LoadExpectations()
    {
        Dictionary<string, CorpusExpectation> result = new(StringComparer.Ordinal);
        foreach (string line in System.IO.File.ReadAllLines(ExpectationsFile))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            string[] cells = line.Split('\t');
            if (cells.Length != 3)
            {
                throw new InvalidDataException($"CorpusExpectations.tsv: expected file<TAB>outcome<TAB>detail, got: {line}");
            }

            CorpusOutcome outcome = cells[1] switch
            {
                "refused" => CorpusOutcome.Refused,
                "layout" => CorpusOutcome.Layout,
                "sops-loses-comments" => CorpusOutcome.SopsLosesComments,
                "sops-panics" => CorpusOutcome.SopsPanics,
                _ => throw new InvalidDataException($"CorpusExpectations.tsv: unknown outcome {cells[1]}"),
            };
            if (!result.TryAdd(cells[0], new CorpusExpectation(cells[0], outcome, cells[2])))
            {
                throw new InvalidDataException($"CorpusExpectations.tsv lists {cells[0]} twice");
            }
        }

        return result;
    }

    [GeneratedRegex(@"^\| `([^`]+)` \|", RegexOptions.Multiline)]
    private static partial Regex RefusalRow();
}

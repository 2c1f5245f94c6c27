using System.Text;
using Crypt.Crypto.Errors;
using Crypt.Formats.Tree;
using Crypt.Formats.Yaml;
using Crypt.Tests;

namespace Crypt.Formats.Tests.Yaml;

/// <summary>
/// Comments go-yaml v3 drops or overwrites while composing nodes (decode.go parser.mapping,
/// sequence), so that sops loses them: Crypt keeps each one, and CommentsKeptBeyondSops.tsv
/// (beside this file) lists every such comment of the shared corpus and where it goes.
/// </summary>
public sealed class CommentsKeptBeyondSopsTests
{
    private static string TsvPath => Path.Combine(SharedPaths.RepoRoot, "tests", "Formats.Tests", "Yaml", "CommentsKeptBeyondSops.tsv");

    private static IEnumerable<(string Source, string Path)> Inputs() =>
        YamlCorpus.Configs().Select(c => ("configs/" + c.Name, c.Path))
            .Concat(YamlCorpus.SuiteCases().Where(c => !c.SpecError).Select(c => ("yaml-test-suite/" + c.Id, c.Path)));

    private static List<string[]> Listed() =>
        [.. File.ReadLines(TsvPath).Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t'))];

    [Fact]
    public void Every_comment_go_yaml_would_drop_in_the_corpus_is_kept_where_the_committed_list_says()
    {
        List<string> actual = [];
        foreach ((string source, string path) in Inputs())
        {
            List<string> kept = [];
            try
            {
                _ = YamlTreeReader.Read(File.ReadAllBytes(path), kept);
            }
            catch (CryptFormatException)
            {
                continue; // refused files have no comments to keep
            }

            actual.AddRange(kept.Select(k => source + "\t" + k));
        }

        Assert.Equal(Listed().Select(r => string.Join('\t', r)), actual);
    }

    [Fact]
    public void Each_listed_comment_is_written_back_when_the_file_is_emitted()
    {
        List<string[]> rows = Listed();
        Assert.NotEmpty(rows);
        foreach (string[] row in rows)
        {
            string path = Path.Combine(SharedPaths.Corpus, row[0].Replace("yaml-test-suite/", "yaml-test-suite/data/", StringComparison.Ordinal), row[0].StartsWith("yaml-test-suite/", StringComparison.Ordinal) ? "in.yaml" : string.Empty);
            TreeDocument doc = YamlTestTrees.Parse(File.ReadAllText(path.TrimEnd('/'), Encoding.UTF8));
            string[] lines = YamlTestTrees.Emit(doc).Split('\n');
            Assert.Contains(row[1], lines.Select(l => l.TrimStart()));
        }
    }

    [Fact]
    public void A_flow_list_line_comment_go_yaml_overwrites_with_the_closing_one_is_kept_first()
    {
        // sops prints only "# end" (go-yaml keeps the end event's line comment).
        List<string> kept = [];
        TreeDocument doc = YamlTreeReader.Read(Encoding.UTF8.GetBytes("a: [ # lead\n  x, y ] # end\nb: 1\n"), kept);

        Assert.Equal("a:\n    # lead\n    # end\n    - x\n    - \"y\"\nb: 1\n", YamlTestTrees.Emit(doc));
        Assert.Equal(["# lead\tunder a, at the start of the collection, before its end event's line comment (go-yaml keeps only that one)"], kept);
    }
}

using Crypt.Tests;

namespace Crypt.Cli.Tests.Corpus;

/// <summary>One row of CommentPlacementGaps.tsv: a comment crypt keeps at another level than the input's, or loses.</summary>
internal sealed record CommentPlacementGap(string Text, int? Level, string Why)
{
    public bool Lost => Level is null;
}

/// <summary>The known comment placement gaps by corpus file (tests/Cli.Tests/Corpus/CommentPlacementGaps.tsv).</summary>
internal static class CommentPlacementGaps
{
    private static readonly Lazy<ILookup<string, CommentPlacementGap>> s_rows = new(Load);

    public static IReadOnlyList<CommentPlacementGap> For(string file) => [.. s_rows.Value[file]];

    private static ILookup<string, CommentPlacementGap> Load()
    {
        string path = Path.Combine(SharedPaths.RepoRoot, "tests", "Cli.Tests", "Corpus", "CommentPlacementGaps.tsv");
        return File.ReadAllLines(path)
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(c => (File: c[0], Gap: new CommentPlacementGap(c[1], c[2] == "lost" ? null : int.Parse(c[2]["level ".Length..], System.Globalization.CultureInfo.InvariantCulture), c[3])))
            .ToLookup(r => r.File, r => r.Gap);
    }
}

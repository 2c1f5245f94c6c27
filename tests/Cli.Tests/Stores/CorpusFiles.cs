using Crypt.Tests;

namespace Crypt.Cli.Tests.Stores;

/// <summary>The rows of <c>../shared/corpus/configs/MANIFEST.tsv</c> this project's store tests read.</summary>
internal static class CorpusFiles
{
    public static string Folder => Path.Combine(SharedPaths.Shared, "corpus", "configs");

    /// <summary>File names whose row matches <paramref name="predicate"/> (columns by header name).</summary>
    public static TheoryData<string> Where(Func<IReadOnlyDictionary<string, string>, bool> predicate)
    {
        string[] lines = File.ReadAllLines(Path.Combine(Folder, "MANIFEST.tsv"));
        string[] header = lines[0].Split('\t');
        TheoryData<string> files = [];
        foreach (string line in lines.Skip(1).Where(l => l.Length > 0))
        {
            string[] cells = line.Split('\t');
            Dictionary<string, string> row = header.Select((name, i) => (name, value: i < cells.Length ? cells[i] : string.Empty))
                .ToDictionary(c => c.name, c => c.value, StringComparer.Ordinal);
            if (predicate(row))
            {
                files.Add(row["file"]);
            }
        }

        return files;
    }
}

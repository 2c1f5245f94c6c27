using System.Text;

namespace Crypt.Cli.Tests.Corpus;

/// <summary>
/// dotenv read the way sops's line parser reads it (sops stores/dotenv/store.go LoadPlainFile):
/// lines split on LF, empty lines skipped, a line starting with <c>#</c> is a comment, any other
/// line is KEY=value split at the first <c>=</c>, with <c>\n</c> in the value unescaped.
/// </summary>
internal static class DotenvData
{
    public static string Dump(byte[] bytes) =>
        string.Concat(Lines(bytes).Where(l => l.Key is not null).Select(l => $"{l.Key}={l.Value}\n"));

    public static List<CommentLine> Comments(byte[] bytes) =>
        [.. Lines(bytes).Where(l => l.Key is null).Select(l => new CommentLine(l.Value.TrimEnd(), 0, false))];

    public static IEnumerable<(string Path, string Value, bool NullOrEmpty)> Leaves(byte[] bytes) =>
        Lines(bytes).Where(l => l.Key is not null && !l.Key.StartsWith("sops_", StringComparison.Ordinal))
            .Select(l => (l.Key!, l.Value, l.Value.Length == 0));

    /// <summary>Key null: a comment whose text is the value.</summary>
    private static IEnumerable<(string? Key, string Value)> Lines(byte[] bytes)
    {
        string text = new UTF8Encoding(false, true).GetString(LineEndings.Plain(bytes));
        int number = 0;
        foreach (string line in text.Split('\n'))
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            if (line[0] == '#')
            {
                yield return (null, line[1..]);
                continue;
            }

            int equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                throw new InvalidDataException($"line {number}: invalid dotenv input line (no '=')");
            }

            yield return (line[..equals], line[(equals + 1)..].Replace("\\n", "\n", StringComparison.Ordinal));
        }
    }
}

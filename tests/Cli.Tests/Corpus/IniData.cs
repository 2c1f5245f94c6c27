using System.Text;

namespace Crypt.Cli.Tests.Corpus;

/// <summary>
/// INI read as gopkg.in/ini.v1 reads it with the options sops passes
/// (<c>LoadOptions{AllowNonUniqueSections: true}</c>, sops stores/ini/store.go): a small
/// independent reader after go-ini/ini parser.go (File.parse, readKeyName, readValue,
/// readMultilines, readContinuationLines). Keys before the first section go to DEFAULT; a
/// repeated key keeps its first place and takes the last value; inline <c>#</c>/<c>;</c> end a
/// plain value and are comments.
/// </summary>
internal static class IniData
{
    public static string Dump(byte[] bytes)
    {
        StringBuilder dump = new();
        foreach ((string name, List<(string Key, string Value)> keys) in Parse(bytes, out _))
        {
            if (name == "DEFAULT" && keys.Count == 0)
            {
                continue;
            }

            dump.Append('[').Append(name).Append("]\n");
            foreach ((string key, string value) in keys)
            {
                dump.Append(key).Append(" = ").Append(value.Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
            }
        }

        return dump.ToString();
    }

    public static List<CommentLine> Comments(byte[] bytes)
    {
        Parse(bytes, out List<CommentLine> comments);
        return comments;
    }

    public static IEnumerable<(string Path, string Value, bool NullOrEmpty)> Leaves(byte[] bytes) =>
        Parse(bytes, out _).Where(s => s.Name != "sops")
            .SelectMany(s => s.Keys.Select(k => ($"[{s.Name}]{k.Key}", k.Value, k.Value.Length == 0)));

    private static List<(string Name, List<(string Key, string Value)> Keys)> Parse(byte[] bytes, out List<CommentLine> comments)
    {
        string text = new UTF8Encoding(false, true).GetString(LineEndings.Plain(bytes));
        Queue<string> lines = new(SplitKeepingNewlines(text));
        List<(string Name, List<(string Key, string Value)> Keys)> sections = [("DEFAULT", [])];
        List<CommentLine> found = [];
        int autoIncrement = 1;
        while (lines.TryDequeue(out string? raw))
        {
            string line = raw.TrimStart();
            if (line.Length == 0)
            {
                continue;
            }

            if (line[0] is '#' or ';')
            {
                found.Add(Comment(line));
                continue;
            }

            if (line[0] == '[')
            {
                int close = line.LastIndexOf(']');
                if (close < 0)
                {
                    throw new InvalidDataException($"unclosed section: {line.TrimEnd()}");
                }

                sections.Add((line[1..close], []));
                int inline = line.AsSpan(close + 1).IndexOfAny('#', ';');
                if (inline >= 0)
                {
                    found.Add(Comment(line[(close + 1 + inline)..]));
                }

                autoIncrement = 1;
                continue;
            }

            (string key, int offset) = ReadKeyName(line);
            if (key == "-")
            {
                key = "#" + autoIncrement++;
            }

            string value = ReadValue(line[offset..], lines, found);
            List<(string Key, string Value)> keys = sections[^1].Keys;
            int existing = keys.FindIndex(k => k.Key == key);
            if (existing >= 0)
            {
                keys[existing] = (key, value);
            }
            else
            {
                keys.Add((key, value));
            }
        }

        comments = found;
        return sections;
    }

    // The text after the markers: gopkg.in/ini writes a comment block back with its own marker
    // ("; " on the first line), and an inline "; # note" may come back as its own "# note" line.
    private static CommentLine Comment(string line) => new(line.Trim().TrimStart(';', '#', ' ', '\t'), 0, false);

    private static (string Key, int Offset) ReadKeyName(string line)
    {
        string quote = line.StartsWith("\"\"\"", StringComparison.Ordinal) && line.Length > 6 ? "\"\"\"" : line[0] is '"' or '`' ? line[0].ToString() : string.Empty;
        if (quote.Length > 0)
        {
            int close = line.IndexOf(quote, quote.Length, StringComparison.Ordinal);
            if (close < 0)
            {
                throw new InvalidDataException($"missing closing key quote: {line.TrimEnd()}");
            }

            int delimiter = line.AsSpan(close + quote.Length).IndexOfAny('=', ':');
            return delimiter < 0
                ? throw new InvalidDataException($"key-value delimiter not found: {line.TrimEnd()}")
                : (line[quote.Length..close].Trim(), close + quote.Length + delimiter + 1);
        }

        int end = line.AsSpan().IndexOfAny('=', ':');
        return end switch
        {
            < 0 => throw new InvalidDataException($"key-value delimiter not found: {line.TrimEnd()}"),
            0 => throw new InvalidDataException($"empty key name: {line.TrimEnd()}"),
            _ => (line[..end].Trim(), end + 1),
        };
    }

    private static string ReadValue(string input, Queue<string> lines, List<CommentLine> comments)
    {
        string line = input.TrimStart();
        if (line.Length == 0)
        {
            return string.Empty;
        }

        string quote = line.Length > 3 && line.StartsWith("\"\"\"", StringComparison.Ordinal) ? "\"\"\"" : line[0] == '`' ? "`" : string.Empty;
        if (quote.Length > 0)
        {
            int close = line.LastIndexOf(quote, StringComparison.Ordinal);
            if (close >= quote.Length)
            {
                return line[quote.Length..close];
            }

            StringBuilder value = new(line[quote.Length..]);
            while (lines.TryDequeue(out string? next))
            {
                int end = next.LastIndexOf(quote, StringComparison.Ordinal);
                if (end >= 0)
                {
                    int inline = next.AsSpan(end).IndexOfAny('#', ';');
                    if (inline >= 0)
                    {
                        comments.Add(Comment(next[(end + inline)..]));
                    }

                    return value.Append(next[..end]).ToString();
                }

                value.Append(next);
            }

            throw new InvalidDataException($"missing closing key quote from {line.TrimEnd()}");
        }

        line = line.Trim();
        if (line[^1] == '\\')
        {
            string value = line[..^1];
            while (lines.TryDequeue(out string? next))
            {
                next = next.Trim();
                if (next.Length == 0)
                {
                    break;
                }

                value += next;
                if (value[^1] != '\\')
                {
                    break;
                }

                value = value[..^1];
            }

            return value;
        }

        int comment = line.AsSpan().IndexOfAny('#', ';');
        if (comment >= 0)
        {
            comments.Add(Comment(line[comment..]));
            line = line[..comment].Trim();
        }

        return Surrounded(line, '\'') || Surrounded(line, '"') ? line[1..^1] : line;
    }

    private static bool Surrounded(string text, char quote) =>
        text.Length >= 2 && text[0] == quote && text[^1] == quote && text.IndexOf(quote, 1) == text.Length - 1;

    private static IEnumerable<string> SplitKeepingNewlines(string text)
    {
        int start = 0;
        while (start < text.Length)
        {
            int newline = text.IndexOf('\n', start);
            int end = newline < 0 ? text.Length : newline + 1;
            yield return text[start..end];
            start = end;
        }
    }
}

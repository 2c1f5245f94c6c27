using System.Text;
using Crypt.Crypto.Errors;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Ini;

/// <summary>
/// Reads INI as sops 3.13.2 does (<c>stores/ini/store.go</c> treeBranchesFromIni) through
/// gopkg.in/ini.v1 (<c>parser.go</c> parse, readKeyName, readValue, readMultilines,
/// readContinuationLines) with <c>AllowNonUniqueSections</c> and every other option at its
/// default. The tree is one map: the implicit <c>DEFAULT</c> section first, then every section
/// in file order (duplicates kept); each section maps keys to string values. A comment block
/// above a section header is the section's first item; a key's comment block (the lines above
/// it, and its inline comment) follows the key, as sops orders them.
/// Crypt keeps more than ini.v1 where that cannot change what sops reads: comments after the
/// last key of the file (kept as trailing comments, see <see cref="IniWriter"/>) and the
/// comment of a key that is repeated (ini.v1 keeps only the last occurrence's).
/// </summary>
internal sealed class IniReader
{
    private const string DefaultSection = "DEFAULT";
    private const string Delimiters = "=:";

    private readonly string _text;
    private readonly StringBuilder _comment = new();
    private int _pos;
    private int _line;
    private bool _eof;

    private IniReader(string text)
    {
        _text = text;
    }

    public static TreeDocument Read(string text)
    {
        IniReader reader = new(text);
        return new TreeDocument(reader.Parse());
    }

    private TreeMap Parse()
    {
        TreeMap root = new();
        TreeMap section = new();
        root.Add(DefaultSection, section);
        Dictionary<string, int> keys = new(StringComparer.Ordinal);
        int autoIncrement = 1;

        while (!_eof)
        {
            string raw = ReadLine();
            string line = raw.TrimStart();
            if (line.Length == 0)
            {
                continue;
            }

            if (line[0] is '#' or ';')
            {
                _comment.Append(line);
                continue;
            }

            if (line[0] == '[')
            {
                int close = line.LastIndexOf(']');
                if (close < 0)
                {
                    throw Error("unclosed section header");
                }

                string name = line[1..close];
                if (name.Length == 0)
                {
                    throw Error("empty section name");
                }

                int commentStart = line.AsSpan(close + 1).IndexOfAny('#', ';');
                if (commentStart >= 0)
                {
                    _comment.Append(line.AsSpan(close + 1 + commentStart));
                }

                section = new TreeMap();
                root.Add(name, section);
                keys.Clear();
                autoIncrement = 1;
                string sectionComment = TakeComment();
                if (sectionComment.Length > 0)
                {
                    section.AddComment(new TreeComment(StripCommentChar(sectionComment)));
                }

                continue;
            }

            (string key, int offset) = ReadKeyName(line);
            if (key == "-")
            {
                key = "#" + autoIncrement.ToString(System.Globalization.CultureInfo.InvariantCulture);
                autoIncrement++;
            }

            string value = ReadValue(line[offset..]);
            if (key.Length == 0)
            {
                throw Error("empty key name");
            }

            string comment = TakeComment();
            AddKey(section, keys, key, value, comment.Length > 0 ? StripCommentChar(comment) : null);
        }

        string trailing = TakeComment();
        if (trailing.Length > 0)
        {
            AddTrailing(section, StripCommentChar(trailing));
        }

        return root;
    }

    // ini.v1 Section.NewKey: a repeated key keeps its first position and takes the last value.
    private static void AddKey(TreeMap section, Dictionary<string, int> keys, string key, string value, string? comment)
    {
        if (!keys.TryGetValue(key, out int index))
        {
            keys[key] = section.Items.Count;
            section.Add(key, TreeScalar.String(value));
            if (comment is not null)
            {
                section.AddComment(new TreeComment(comment));
            }

            return;
        }

        List<TreeMapItem> items = section.Items;
        items[index] = new TreeMapItem(key, TreeScalar.String(value));
        if (comment is null)
        {
            return;
        }

        bool hasComment = index + 1 < items.Count && items[index + 1].Value is TreeComment;
        if (hasComment)
        {
            TreeComment old = (TreeComment)items[index + 1].Value;
            items[index + 1] = new TreeMapItem(null, new TreeComment(old.Text.Length == 0 ? comment : old.Text + "\n" + comment));
            return;
        }

        items.Insert(index + 1, new TreeMapItem(null, new TreeComment(comment)));
        foreach (string name in keys.Keys.ToArray())
        {
            if (keys[name] > index)
            {
                keys[name]++;
            }
        }
    }

    // A comment after the last key of the file: ini.v1 drops it. The first comment after a key
    // is that key's own (written above it), so an empty one holds that place when needed.
    private static void AddTrailing(TreeMap section, string text)
    {
        List<TreeMapItem> items = section.Items;
        if (items.Count == 0 || !items[^1].IsComment)
        {
            section.AddComment(new TreeComment(string.Empty));
        }

        section.AddComment(new TreeComment(text));
    }

    // sops stripCommentChar: the first line loses its run of "; " (or "# ") characters.
    private static string StripCommentChar(string comment) => comment[0] switch
    {
        ';' => comment.TrimStart(';', ' '),
        '#' => comment.TrimStart('#', ' '),
        _ => comment,
    };

    private string TakeComment()
    {
        string comment = _comment.ToString().Trim();
        _comment.Clear();
        return comment;
    }

    // bufio.Reader.ReadBytes('\n'): the line with its newline; the last one without.
    private string ReadLine()
    {
        _line++;
        int end = _text.IndexOf('\n', _pos);
        string line;
        if (end < 0)
        {
            line = _text[_pos..];
            _pos = _text.Length;
            _eof = true;
        }
        else
        {
            line = _text[_pos..(end + 1)];
            _pos = end + 1;
        }

        return line;
    }

    private (string Key, int Offset) ReadKeyName(string line)
    {
        string quote = line[0] switch
        {
            '"' when line.Length > 6 && line.StartsWith("\"\"\"", StringComparison.Ordinal) => "\"\"\"",
            '"' => "\"",
            '`' => "`",
            _ => string.Empty,
        };

        if (quote.Length > 0)
        {
            int start = quote.Length;
            int close = line.IndexOf(quote, start, StringComparison.Ordinal);
            if (close < 0)
            {
                throw Error("missing closing key quote");
            }

            int delimiter = line.AsSpan(close + start).IndexOfAny(Delimiters);
            if (delimiter < 0)
            {
                throw Error("key-value delimiter not found");
            }

            return (line[start..close].Trim(), close + delimiter + start + 1);
        }

        int end = line.AsSpan().IndexOfAny(Delimiters);
        if (end < 0)
        {
            throw Error("key-value delimiter not found (a line that is not a section, a comment or key=value)");
        }

        if (end == 0)
        {
            throw Error("empty key name");
        }

        return (line[..end].Trim(), end + 1);
    }

    private string ReadValue(string input)
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
            return close >= quote.Length ? line[quote.Length..close] : ReadMultilines(line[quote.Length..], quote);
        }

        line = line.Trim();
        if (line[^1] == '\\')
        {
            return ReadContinuationLines(line[..^1]);
        }

        int comment = line.AsSpan().IndexOfAny('#', ';');
        if (comment >= 0)
        {
            _comment.Append(line.AsSpan(comment));
            line = line[..comment].Trim();
        }

        if (HasSurroundedQuote(line, '\'') || HasSurroundedQuote(line, '"'))
        {
            line = line[1..^1];
        }

        return line;
    }

    private string ReadMultilines(string value, string quote)
    {
        int startLine = _line;
        StringBuilder result = new(value);
        while (true)
        {
            string next = ReadLine();
            int close = next.LastIndexOf(quote, StringComparison.Ordinal);
            if (close >= 0)
            {
                result.Append(next.AsSpan(0, close));
                int comment = next.AsSpan(close).IndexOfAny('#', ';');
                if (comment >= 0)
                {
                    _comment.Append(next.AsSpan(close + comment).Trim());
                }

                return result.ToString();
            }

            result.Append(next);
            if (_eof)
            {
                throw new CryptFormatException($"missing closing quote {quote} of the value that starts on line {startLine}", line: startLine);
            }
        }
    }

    private string ReadContinuationLines(string value)
    {
        StringBuilder result = new(value);
        while (true)
        {
            string next = _eof ? string.Empty : ReadLine().Trim();
            if (next.Length == 0)
            {
                return result.ToString();
            }

            result.Append(next);
            if (result[^1] != '\\')
            {
                return result.ToString();
            }

            result.Length--;
        }
    }

    private static bool HasSurroundedQuote(string text, char quote) =>
        text.Length >= 2 && text[0] == quote && text[^1] == quote && text.IndexOf(quote, 1) == text.Length - 1;

    // The line is never quoted in the message: it may hold a secret.
    private CryptFormatException Error(string message) => new($"invalid INI: {message}", line: _line);
}

using System.Text;
using Crypt.Crypto.Errors;
using Crypt.Formats.Dotenv;
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
/// The reader works on the file's UTF-8 bytes, as ini.v1 does on Go strings: a value is a
/// slice of the file handed to the <see cref="LeafFactory"/> (a triple-quoted value spanning
/// lines is one slice too), never a string (issue 14: a 100 MB value cost 2.5 GB); a value
/// continued with backslashes is joined over its leaf's own bytes.
/// </summary>
internal sealed class IniReader
{
    private const string DefaultSection = "DEFAULT";

    private readonly ReadOnlyMemory<byte> _content;
    private readonly LeafFactory _leaves;
    private readonly StringBuilder _comment = new();
    private int _pos;
    private int _line;
    private bool _eof;

    private IniReader(ReadOnlyMemory<byte> content, LeafFactory leaves)
    {
        _content = content;
        _leaves = leaves;
    }

    private static ReadOnlySpan<byte> Delimiters => "=:"u8;

    private static ReadOnlySpan<byte> CommentChars => "#;"u8;

    private static ReadOnlySpan<byte> TripleQuote => "\"\"\""u8;

    /// <summary>Reads <paramref name="content"/> (valid UTF-8), making its values with <paramref name="leaves"/>.</summary>
    public static TreeDocument Read(ReadOnlyMemory<byte> content, LeafFactory leaves) => new(new IniReader(content, leaves).Parse());

    private TreeMap Parse()
    {
        TreeMap root = new();
        TreeMap section = new();
        root.Add(DefaultSection, section);
        Dictionary<string, int> keys = new(StringComparer.Ordinal);
        int autoIncrement = 1;

        while (!_eof)
        {
            ReadOnlySpan<byte> line = Utf8Trim.Start(ReadLine());
            if (line.IsEmpty)
            {
                continue;
            }

            if (line[0] is (byte)'#' or (byte)';')
            {
                AppendComment(line);
                continue;
            }

            if (line[0] == '[')
            {
                int close = line.LastIndexOf((byte)']');
                if (close < 0)
                {
                    throw Error("unclosed section header");
                }

                string name = Encoding.UTF8.GetString(line[1..close]);
                if (name.Length == 0)
                {
                    throw Error("empty section name");
                }

                int commentStart = line[(close + 1)..].IndexOfAny(CommentChars);
                if (commentStart >= 0)
                {
                    AppendComment(line[(close + 1 + commentStart)..]);
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

            // The line ends where the reader is: the value is the last line.Length - offset bytes read.
            TreeScalar value = ReadValue(_pos - line.Length + offset);
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
    private static void AddKey(TreeMap section, Dictionary<string, int> keys, string key, TreeScalar value, string? comment)
    {
        if (!keys.TryGetValue(key, out int index))
        {
            keys[key] = section.Items.Count;
            section.Add(key, value);
            if (comment is not null)
            {
                section.AddComment(new TreeComment(comment));
            }

            return;
        }

        List<TreeMapItem> items = section.Items;
        items[index] = new TreeMapItem(key, value);
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

    private void AppendComment(ReadOnlySpan<byte> utf8) => _comment.Append(Encoding.UTF8.GetString(utf8));

    private string TakeComment()
    {
        string comment = _comment.ToString().Trim();
        _comment.Clear();
        return comment;
    }

    // bufio.Reader.ReadBytes('\n'): the line with its newline; the last one without.
    private ReadOnlySpan<byte> ReadLine()
    {
        _line++;
        ReadOnlySpan<byte> rest = _content.Span[_pos..];
        int end = rest.IndexOf((byte)'\n');
        if (end < 0)
        {
            _pos = _content.Length;
            _eof = true;
            return rest;
        }

        _pos += end + 1;
        return rest[..(end + 1)];
    }

    // Byte offsets as ini.v1's (Go strings are bytes): the same results as character offsets
    // for every line that parses, the delimiters and quotes being ASCII.
    private (string Key, int Offset) ReadKeyName(ReadOnlySpan<byte> line)
    {
        ReadOnlySpan<byte> quote = line[0] switch
        {
            (byte)'"' when line.Length > 6 && line.StartsWith(TripleQuote) => TripleQuote,
            (byte)'"' => "\""u8,
            (byte)'`' => "`"u8,
            _ => [],
        };

        if (quote.Length > 0)
        {
            int start = quote.Length;
            int close = line[start..].IndexOf(quote);
            if (close < 0)
            {
                throw Error("missing closing key quote");
            }

            close += start;
            int delimiter = line[(close + start)..].IndexOfAny(Delimiters);
            if (delimiter < 0)
            {
                throw Error("key-value delimiter not found");
            }

            return (Encoding.UTF8.GetString(line[start..close]).Trim(), close + delimiter + start + 1);
        }

        int end = line.IndexOfAny(Delimiters);
        if (end < 0)
        {
            throw Error("key-value delimiter not found (a line that is not a section, a comment or key=value)");
        }

        if (end == 0)
        {
            throw Error("empty key name");
        }

        return (Encoding.UTF8.GetString(line[..end]).Trim(), end + 1);
    }

    // The value starting at byte 'start' of the file, the rest of the line just read.
    private TreeScalar ReadValue(int start)
    {
        ReadOnlySpan<byte> line = Utf8Trim.Start(_content.Span[start.._pos]);
        if (line.IsEmpty)
        {
            return String([]);
        }

        ReadOnlySpan<byte> quote = line.Length > 3 && line.StartsWith(TripleQuote) ? TripleQuote : line[0] == '`' ? "`"u8 : [];
        if (quote.Length > 0)
        {
            int close = line.LastIndexOf(quote);
            return close >= quote.Length ? String(line[quote.Length..close]) : ReadMultilines(_pos - line.Length + quote.Length, quote);
        }

        line = Utf8Trim.Both(line);
        if (line[^1] == '\\')
        {
            return ReadContinuationLines(line);
        }

        int comment = line.IndexOfAny(CommentChars);
        if (comment >= 0)
        {
            AppendComment(line[comment..]);
            line = Utf8Trim.Both(line[..comment]);
        }

        if (HasSurroundedQuote(line, (byte)'\'') || HasSurroundedQuote(line, (byte)'"'))
        {
            line = line[1..^1];
        }

        return String(line);
    }

    // The value runs from 'start' (after the opening quote) to the last closing quote of a
    // later line: lines are appended whole, so it is one slice of the file.
    private TreeScalar ReadMultilines(int start, ReadOnlySpan<byte> quote)
    {
        int startLine = _line;
        while (true)
        {
            int lineStart = _pos;
            ReadOnlySpan<byte> next = ReadLine();
            int close = next.LastIndexOf(quote);
            if (close >= 0)
            {
                int comment = next[close..].IndexOfAny(CommentChars);
                if (comment >= 0)
                {
                    AppendComment(Utf8Trim.Both(next[(close + comment)..]));
                }

                return String(_content.Span[start..(lineStart + close)]);
            }

            if (_eof)
            {
                throw new CryptFormatException($"missing closing quote {Encoding.UTF8.GetString(quote)} of the value that starts on line {startLine}", line: startLine);
            }
        }
    }

    // Each following line trimmed and appended while the value ends in a backslash (dropped).
    // The joined value is never longer than the bytes it comes from: the leaf is made from
    // those, then the value is written over it (see InPlace). Lines are read twice.
    private TreeScalar ReadContinuationLines(ReadOnlySpan<byte> line)
    {
        ReadOnlySpan<byte> first = line[..^1];
        _content.Span.Overlaps(line, out int start);
        (int pos, int number, bool eof) = (_pos, _line, _eof);
        int length = ContinuationLines(first, []);
        TreeScalar leaf = String(_content.Span[start.._pos]);
        (_pos, _line, _eof) = (pos, number, eof);
        Utf8Slice slice = InPlace.Slice(leaf);
        ContinuationLines(first, slice.Span);
        InPlace.Shrink(leaf, slice, length);
        return leaf;
    }

    // Reads the continuation lines; with an empty 'into' only counts the value's bytes.
    private int ContinuationLines(ReadOnlySpan<byte> first, Span<byte> into)
    {
        bool copy = !into.IsEmpty;
        int length = 0;
        ReadOnlySpan<byte> part = first;
        while (true)
        {
            if (copy)
            {
                part.CopyTo(into[length..]);
            }

            length += part.Length;
            ReadOnlySpan<byte> next = _eof ? [] : Utf8Trim.Both(ReadLine());
            if (next.IsEmpty)
            {
                return length;
            }

            if (next[^1] != '\\')
            {
                if (copy)
                {
                    next.CopyTo(into[length..]);
                }

                return length + next.Length;
            }

            part = next[..^1];
        }
    }

    private TreeScalar String(ReadOnlySpan<byte> utf8) => _leaves.String(utf8, ScalarStyle.Any);

    private static bool HasSurroundedQuote(ReadOnlySpan<byte> text, byte quote) =>
        text.Length >= 2 && text[0] == quote && text[^1] == quote && text[1..].IndexOf(quote) == text.Length - 2;

    // The line is never quoted in the message: it may hold a secret.
    private CryptFormatException Error(string message) => new($"invalid INI: {message}", line: _line);
}

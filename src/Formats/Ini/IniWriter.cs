using System.Text;
using Crypt.Formats.Dotenv;
using Crypt.Formats.Stores;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Ini;

/// <summary>
/// Writes the tree as sops 3.13.2 writes INI (<c>stores/ini/store.go</c> encodeTree) through
/// gopkg.in/ini.v1's <c>File.writeToBuffer</c> (<c>file.go</c>) with its defaults
/// (<c>PrettyFormat</c>: <c>=</c> aligned per section; <c>PrettySection</c>: a blank line
/// between sections): byte for byte what sops prints for the same tree. Where ini.v1 panics (a
/// comment line that is empty, as in PHP's <c>php.ini</c> after sops strips <c>;;;;</c>),
/// Crypt writes a bare <c>;</c>. Comments after a key's own comment (the trailing comments
/// <see cref="IniReader"/> keeps) are written after the key, in order.
/// </summary>
internal static class IniWriter
{
    private const string DefaultSection = "DEFAULT";

    public static string Write(TreeMap root)
    {
        List<(string Name, TreeMap Section)> sections = [];
        foreach (TreeMapItem item in root.Items)
        {
            if (item.IsComment)
            {
                continue; // sops encodeTree skips top-level comments
            }

            if (item.Value is not TreeMap section)
            {
                throw new UnrepresentableOutputException("an INI file holds sections of keys: a top-level value must be a section (a map)", keyPath: item.Key);
            }

            sections.Add((item.Key!, section));
        }

        StringBuilder sb = new();
        for (int i = 0; i < sections.Count; i++)
        {
            WriteSection(sb, sections[i].Name, sections[i].Section, first: i == 0, last: i == sections.Count - 1);
        }

        return sb.ToString();
    }

    private static void WriteSection(StringBuilder sb, string name, TreeMap section, bool first, bool last)
    {
        List<TreeMapItem> items = section.Items;
        int start = 0;
        if (items.Count > 0 && items[0].Value is TreeComment sectionComment)
        {
            WriteComment(sb, sectionComment.Text, trimLines: false);
            start = 1;
        }

        List<(string Key, string Value, string? Comment, List<string> After)> keys = [];
        List<string> afterHeader = [];
        for (int i = start; i < items.Count; i++)
        {
            TreeMapItem item = items[i];
            if (item.Value is TreeComment comment)
            {
                // The first comment after a key is that key's own; any other is kept after it.
                if (keys.Count > 0 && keys[^1].Comment is null && items[i - 1].Key is not null)
                {
                    keys[^1] = keys[^1] with { Comment = comment.Text };
                }
                else
                {
                    (keys.Count > 0 ? keys[^1].After : afterHeader).Add(comment.Text);
                }

                continue;
            }

            if (item.Value is not TreeScalar scalar)
            {
                throw new UnrepresentableOutputException("an INI value must be a scalar (sections cannot nest)", keyPath: name + "." + item.Key);
            }

            keys.Add((item.Key!, ValueText(scalar), null, []));
        }

        if (first && string.Equals(name.ToUpperInvariant(), DefaultSection, StringComparison.Ordinal))
        {
            if (keys.Count == 0 && afterHeader.Count == 0)
            {
                return; // ini.v1 writes nothing for an empty default section
            }
        }
        else
        {
            sb.Append('[').Append(name).Append("]\n");
        }

        foreach (string text in afterHeader)
        {
            WriteComment(sb, text, trimLines: true);
        }

        int align = 0;
        foreach ((string key, _, _, _) in keys)
        {
            align = Math.Max(align, Encoding.UTF8.GetByteCount(QuoteKey(key)));
        }

        foreach ((string key, string value, string? comment, List<string> after) in keys)
        {
            if (comment is not null)
            {
                WriteComment(sb, comment, trimLines: true);
            }

            string quoted = QuoteKey(key);
            sb.Append(quoted).Append(' ', align - Encoding.UTF8.GetByteCount(quoted)).Append(" = ").Append(QuoteValue(value)).Append('\n');
            foreach (string text in after)
            {
                WriteComment(sb, text, trimLines: true);
            }
        }

        if (!last)
        {
            sb.Append('\n');
        }
    }

    // A section's lines get "; " as they are; a key's are trimmed first (ini.v1 writeToBuffer).
    private static void WriteComment(StringBuilder sb, string text, bool trimLines)
    {
        if (text.Length == 0)
        {
            return;
        }

        foreach (string line in text.Split('\n'))
        {
            if (line.Length == 0)
            {
                sb.Append(";\n");
            }
            else if (line[0] is '#' or ';')
            {
                sb.Append(line[0]).Append(' ').Append(line.AsSpan(1).Trim()).Append('\n');
            }
            else
            {
                sb.Append("; ").Append(trimLines ? line.Trim() : line).Append('\n');
            }
        }
    }

    private static string QuoteKey(string key) =>
        key.Contains('"', StringComparison.Ordinal) || key.AsSpan().IndexOfAny('=', ':') >= 0 ? "`" + key + "`"
        : key.Contains('`', StringComparison.Ordinal) ? "\"\"\"" + key + "\"\"\""
        : key;

    private static string QuoteValue(string value) =>
        value.AsSpan().IndexOfAny('\n', '`') >= 0 ? "\"\"\"" + value + "\"\"\""
        : value.AsSpan().IndexOfAny('#', ';') >= 0 ? "`" + value + "`"
        : value.Trim().Length != value.Length ? "\"" + value + "\""
        : value;

    // sops stores.ValToString.
    private static string ValueText(TreeScalar scalar) => scalar.Kind == ScalarKind.String ? scalar.Text : DotenvValueText.Format(scalar);
}

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
/// <see cref="IniReader"/> keeps) are written after the key, in order. Every section is checked
/// before the first byte is written; values then go out as UTF-8 in pieces
/// (<see cref="Utf8Output"/>), from the tree's own bytes when it holds them.
/// </summary>
internal static class IniWriter
{
    private const string DefaultSection = "DEFAULT";

    private static ReadOnlySpan<byte> TripleQuote => "\"\"\""u8;

    /// <summary>Writes the sections of <paramref name="root"/>; a tree INI cannot hold fails before anything is written.</summary>
    public static void Write(TreeMap root, Stream output)
    {
        List<Section> sections = [];
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

            sections.Add(Plan(item.Key!, section));
        }

        using Utf8Output writer = new(output);
        for (int i = 0; i < sections.Count; i++)
        {
            WriteSection(writer, sections[i], first: i == 0, last: i == sections.Count - 1);
        }
    }

    // The section's comment, its keys with their comments, and the comments before its first key.
    private static Section Plan(string name, TreeMap section)
    {
        List<TreeMapItem> items = section.Items;
        int start = 0;
        string? sectionComment = null;
        if (items.Count > 0 && items[0].Value is TreeComment comment0)
        {
            sectionComment = comment0.Text;
            start = 1;
        }

        List<Key> keys = [];
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

            keys.Add(new Key(item.Key!, scalar, null, []));
        }

        return new Section(name, sectionComment, keys, afterHeader);
    }

    private static void WriteSection(Utf8Output writer, Section section, bool first, bool last)
    {
        if (section.Comment is not null)
        {
            WriteComment(writer, section.Comment, trimLines: false);
        }

        if (first && string.Equals(section.Name.ToUpperInvariant(), DefaultSection, StringComparison.Ordinal))
        {
            if (section.Keys.Count == 0 && section.AfterHeader.Count == 0)
            {
                return; // ini.v1 writes nothing for an empty default section
            }
        }
        else
        {
            writer.Write((byte)'[');
            writer.Write(section.Name);
            writer.Write("]\n"u8);
        }

        foreach (string text in section.AfterHeader)
        {
            WriteComment(writer, text, trimLines: true);
        }

        int align = 0;
        foreach (Key key in section.Keys)
        {
            align = Math.Max(align, Encoding.UTF8.GetByteCount(QuoteKey(key.Name)));
        }

        foreach (Key key in section.Keys)
        {
            if (key.Comment is not null)
            {
                WriteComment(writer, key.Comment, trimLines: true);
            }

            string quoted = QuoteKey(key.Name);
            writer.Write(quoted);
            for (int pad = align - Encoding.UTF8.GetByteCount(quoted); pad > 0; pad--)
            {
                writer.Write((byte)' ');
            }

            writer.Write(" = "u8);
            WriteValue(writer, key.Value);
            writer.Write((byte)'\n');
            foreach (string text in key.After)
            {
                WriteComment(writer, text, trimLines: true);
            }
        }

        if (!last)
        {
            writer.Write((byte)'\n');
        }
    }

    // A section's lines get "; " as they are; a key's are trimmed first (ini.v1 writeToBuffer).
    private static void WriteComment(Utf8Output writer, string text, bool trimLines)
    {
        if (text.Length == 0)
        {
            return;
        }

        foreach (string line in text.Split('\n'))
        {
            if (line.Length == 0)
            {
                writer.Write(";\n"u8);
            }
            else if (line[0] is '#' or ';')
            {
                writer.Write(line.AsSpan(0, 1));
                writer.Write((byte)' ');
                writer.Write(line.AsSpan(1).Trim());
                writer.Write((byte)'\n');
            }
            else
            {
                writer.Write("; "u8);
                writer.Write(trimLines ? line.AsSpan().Trim() : line);
                writer.Write((byte)'\n');
            }
        }
    }

    private static string QuoteKey(string key) =>
        key.Contains('"', StringComparison.Ordinal) || key.AsSpan().IndexOfAny('=', ':') >= 0 ? "`" + key + "`"
        : key.Contains('`', StringComparison.Ordinal) ? "\"\"\"" + key + "\"\"\""
        : key;

    // sops stores.ValToString, quoted as ini.v1 writeToBuffer quotes a value. A string held as
    // UTF-8 is looked at and written from the tree's bytes; an ENC[...] value kept as its parts
    // needs no quotes (base64 and ASCII words) and is formatted as it is written.
    private static void WriteValue(Utf8Output writer, TreeScalar scalar)
    {
        if (scalar.Kind == ScalarKind.String && scalar.TryGetUtf8(out ReadOnlySpan<byte> utf8))
        {
            ReadOnlySpan<byte> quote = utf8.IndexOfAny((byte)'\n', (byte)'`') >= 0 ? TripleQuote
                : utf8.IndexOfAny((byte)'#', (byte)';') >= 0 ? "`"u8
                : Utf8Trim.HasOuterWhiteSpace(utf8) ? "\""u8
                : [];
            writer.Write(quote);
            writer.Write(utf8);
            writer.Write(quote);
            return;
        }

        if (Utf8Output.IsSealed(scalar))
        {
            writer.WriteText(scalar, escapeNewlines: false);
            return;
        }

        string value = scalar.Kind == ScalarKind.String ? scalar.Text : DotenvValueText.Format(scalar);
        string quoteText = value.AsSpan().IndexOfAny('\n', '`') >= 0 ? "\"\"\""
            : value.AsSpan().IndexOfAny('#', ';') >= 0 ? "`"
            : value.Trim().Length != value.Length ? "\""
            : string.Empty;
        writer.Write(quoteText);
        writer.Write(value);
        writer.Write(quoteText);
    }

    private sealed record Key(string Name, TreeScalar Value, string? Comment, List<string> After);

    private sealed record Section(string Name, string? Comment, List<Key> Keys, List<string> AfterHeader);
}

using System.Text;
using Crypt.Crypto.Errors;
using Crypt.Formats.Encryption;
using Crypt.Formats.Json;
using Crypt.Formats.Stores;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Dotenv;

/// <summary>
/// SOPS's dotenv store (<c>stores/dotenv</c>, FORMAT.md §8.3). Lines split on <c>\n</c> only (a
/// <c>\r</c> stays in the text); blank lines are skipped; <c>#</c> starts a comment whose text is
/// the rest of the line; every other line splits at its first <c>=</c> with no trimming, and a
/// literal <c>\n</c> in the value becomes a newline. No quoting, <c>export</c> or inline comments.
/// All values are strings. Metadata lines (<c>sops_*</c>) stay ordinary items here.
/// Read from the file's UTF-8 bytes and written as UTF-8 in pieces (<see cref="Utf8Output"/>):
/// a value costs its bytes in the tree and no string (issue 14: a 100 MB value cost 2 GB).
/// </summary>
internal sealed class DotenvStore : IDocumentStore
{
    public DocumentFormat Format => DocumentFormat.Dotenv;

    // A plaintext tree is about to be encrypted: its values get room for their parts.
    public TreeDocument ParsePlain(ReadOnlyMemory<byte> content) => Parse(content.Span, new PlaintextLeaves());

    public TreeDocument ParseEncrypted(ReadOnlyMemory<byte> content) => Parse(content.Span, new EncryptedLeaves());

    // Dotenv files are flat: every check runs over the whole tree first, then it is written.
    public void EmitPlain(TreeDocument document, EmitOptions options, Stream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        TreeMap root = JsonStore.SingleBranch(document, "dotenv");
        foreach (TreeMapItem item in root.Items)
        {
            if (item.Value is TreeMap or TreeList)
            {
                throw new UnrepresentableOutputException("cannot use complex value in dotenv file", keyPath: item.Key);
            }

            string? key = item.Key;
            if (key is not null && (key.Contains('=', StringComparison.Ordinal) || key.Contains('\n', StringComparison.Ordinal) || key.StartsWith('#')))
            {
                // sops writes such keys anyway and produces a file that reads back differently.
                throw new UnrepresentableOutputException("a dotenv key cannot contain '=' or a newline or start with '#'", keyPath: key);
            }
        }

        using Utf8Output writer = new(output);
        foreach (TreeMapItem item in root.Items)
        {
            if (item.Value is TreeComment comment)
            {
                // A comment spanning lines (from another format) becomes one '#' line each.
                foreach (string line in comment.Text.Split('\n'))
                {
                    writer.Write((byte)'#');
                    writer.Write(line);
                    writer.Write((byte)'\n');
                }

                continue;
            }

            TreeScalar scalar = (TreeScalar)item.Value;
            writer.Write(item.Key);
            writer.Write((byte)'=');
            if (scalar.Kind is ScalarKind.String)
            {
                writer.WriteText(scalar, escapeNewlines: true);
            }
            else
            {
                writer.Write(DotenvValueText.Format(scalar));
            }

            writer.Write((byte)'\n');
        }
    }

    public void EmitEncrypted(TreeDocument document, EmitOptions options, Stream output) => EmitPlain(document, options, output);

    public void EmitValue(TreeNode value, EmitOptions options, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (value is TreeScalar { IsString: true } scalar)
        {
            using Utf8Output writer = new(output);
            writer.WriteText(scalar, escapeNewlines: false);
            return;
        }

        throw new UnrepresentableOutputException("the dotenv store only supports emitting strings");
    }

    private static TreeDocument Parse(ReadOnlySpan<byte> content, LeafFactory leaves)
    {
        StrictUtf8.Validate(content, "dotenv");
        var map = new TreeMap();
        int lineNumber = 0;
        while (!content.IsEmpty)
        {
            lineNumber++;
            int end = content.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line = end < 0 ? content : content[..end];
            content = end < 0 ? [] : content[(end + 1)..];
            if (line.IsEmpty)
            {
                continue;
            }

            if (line[0] == '#')
            {
                map.AddComment(new TreeComment(Encoding.UTF8.GetString(line[1..])));
                continue;
            }

            int eq = line.IndexOf((byte)'=');
            if (eq < 0)
            {
                // The line is not quoted in the message: it may be a secret.
                throw new CryptFormatException("invalid dotenv input line: no '=' found", line: lineNumber);
            }

            ReadOnlySpan<byte> value = line[(eq + 1)..];
            TreeScalar leaf = leaves.String(value, ScalarStyle.Any);
            if (value.IndexOf("\\n"u8) >= 0)
            {
                Unescape(leaf, value);
            }

            map.Add(Encoding.UTF8.GetString(line[..eq]), leaf);
        }

        return new TreeDocument(map);
    }

    // A literal backslash-n becomes a line feed, left to right (strings.Replace in sops's
    // stores/dotenv/store.go). The text only shrinks: it is written over the leaf's own bytes
    // (a copy of 'raw'), so a large value is never held twice.
    private static void Unescape(TreeScalar leaf, ReadOnlySpan<byte> raw)
    {
        Utf8Slice slice = InPlace.Slice(leaf);
        Span<byte> target = slice.Span;
        int length = 0;
        int escape;
        while ((escape = raw.IndexOf("\\n"u8)) >= 0)
        {
            raw[..escape].CopyTo(target[length..]);
            length += escape;
            target[length++] = (byte)'\n';
            raw = raw[(escape + 2)..];
        }

        raw.CopyTo(target[length..]);
        InPlace.Shrink(leaf, slice, length + raw.Length);
    }
}

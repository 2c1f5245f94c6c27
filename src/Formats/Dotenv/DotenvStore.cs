using System.Text;
using Crypt.Crypto.Errors;
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
/// </summary>
internal sealed class DotenvStore : IDocumentStore
{
    public DocumentFormat Format => DocumentFormat.Dotenv;

    public TreeDocument ParsePlain(ReadOnlyMemory<byte> content)
    {
        string text = StrictUtf8.Decode(content.Span, "dotenv");
        var map = new TreeMap();
        int lineNumber = 0;
        foreach (string line in text.Split('\n'))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            if (line[0] == '#')
            {
                map.AddComment(new TreeComment(line[1..]));
                continue;
            }

            int eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                // The line is not quoted in the message: it may be a secret.
                throw new CryptFormatException("invalid dotenv input line: no '=' found", line: lineNumber);
            }

            map.Add(line[..eq], TreeScalar.String(line[(eq + 1)..].Replace("\\n", "\n", StringComparison.Ordinal)));
        }

        return new TreeDocument(map);
    }

    public TreeDocument ParseEncrypted(ReadOnlyMemory<byte> content) => ParsePlain(content);

    // Dotenv files are flat and small: built whole (so every check runs first), then written.
    public void EmitPlain(TreeDocument document, EmitOptions options, Stream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        TreeMap root = JsonStore.SingleBranch(document, "dotenv");
        var sb = new StringBuilder();
        foreach (TreeMapItem item in root.Items)
        {
            if (item.Value is TreeMap or TreeList)
            {
                throw new UnrepresentableOutputException("cannot use complex value in dotenv file", keyPath: item.Key);
            }

            if (item.Value is TreeComment comment)
            {
                // A comment spanning lines (from another format) becomes one '#' line each.
                foreach (string line in comment.Text.Split('\n'))
                {
                    sb.Append('#').Append(line).Append('\n');
                }

                continue;
            }

            string key = item.Key!;
            if (key.Contains('=', StringComparison.Ordinal) || key.Contains('\n', StringComparison.Ordinal) || key.StartsWith('#'))
            {
                // sops writes such keys anyway and produces a file that reads back differently.
                throw new UnrepresentableOutputException("a dotenv key cannot contain '=' or a newline or start with '#'", keyPath: key);
            }

            sb.Append(key).Append('=').Append(DotenvValueText.Format((TreeScalar)item.Value)).Append('\n');
        }

        TextOutput.WriteUtf8(sb.ToString(), output);
    }

    public void EmitEncrypted(TreeDocument document, EmitOptions options, Stream output) => EmitPlain(document, options, output);

    public void EmitValue(TreeNode value, EmitOptions options, Stream output)
    {
        if (value is TreeScalar { IsString: true } scalar)
        {
            TextOutput.WriteUtf8(scalar.Text, output);
            return;
        }

        throw new UnrepresentableOutputException("the dotenv store only supports emitting strings");
    }
}

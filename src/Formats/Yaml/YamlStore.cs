using Crypt.Formats.Stores;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Yaml;

/// <summary>
/// SOPS's YAML store (<c>stores/yaml/store.go</c>, FORMAT.md §8.1): go-yaml v3 typing and
/// comment placement on read, go-yaml v3 encoder output on write (indent 4 by default).
/// Plain and encrypted files read and write the same way; the <c>sops</c> key is an ordinary item.
/// </summary>
internal sealed class YamlStore : IDocumentStore
{
    /// <summary>sops' default YAML indent.</summary>
    public const int DefaultIndent = 4;

    public DocumentFormat Format => DocumentFormat.Yaml;

    // A plaintext tree is about to be encrypted: its values get room for their parts.
    public TreeDocument ParsePlain(ReadOnlyMemory<byte> content) => YamlTreeReader.Read(content, roomForParts: true);

    public TreeDocument ParseEncrypted(ReadOnlyMemory<byte> content) => YamlTreeReader.Read(content);

    public void EmitPlain(TreeDocument document, EmitOptions options, Stream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        YamlTreeWriter.WriteDocuments(document.Branches, Indent(options), output);
    }

    public void EmitEncrypted(TreeDocument document, EmitOptions options, Stream output) => EmitPlain(document, options, output);

    public void EmitValue(TreeNode value, EmitOptions options, Stream output)
    {
        ArgumentNullException.ThrowIfNull(value);
        YamlTreeWriter.WriteValue(value, Indent(options), output);
    }

    private static int Indent(EmitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        int indent = options.Indent ?? DefaultIndent;
        if (indent < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "YAML negative indentation not accepted");
        }

        // go-yaml: 0 means its default (4); values outside 2..9 fall back to 2.
        return indent == 0 ? DefaultIndent : indent;
    }
}

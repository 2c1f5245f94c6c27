using Crypt.Formats.Stores;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Json;

/// <summary>
/// SOPS's JSON store (<c>stores/json</c>, FORMAT.md §8.2): one top-level object per file, read
/// by <see cref="JsonTreeReader"/>, written by <see cref="JsonTreeWriter"/> with a tab indent by
/// default and a trailing newline. The metadata is an ordinary <c>sops</c> item here;
/// <c>MetadataCodec</c> takes it out and puts it back.
/// </summary>
internal sealed class JsonStore : IDocumentStore
{
    public DocumentFormat Format => DocumentFormat.Json;

    // A plaintext tree is about to be encrypted: its values get room for their parts.
    public TreeDocument ParsePlain(ReadOnlyMemory<byte> content) => new(JsonTreeReader.Parse(content.Span, roomForParts: true));

    public TreeDocument ParseEncrypted(ReadOnlyMemory<byte> content) => new(JsonTreeReader.Parse(content.Span, roomForParts: false));

    public void EmitPlain(TreeDocument document, EmitOptions options, Stream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(options);
        TreeMap root = SingleBranch(document, "JSON");
        JsonTreeWriter.Write(root, IndentText(options), output, suffix: "\n");
    }

    public void EmitEncrypted(TreeDocument document, EmitOptions options, Stream output) => EmitPlain(document, options, output);

    public void EmitValue(TreeNode value, EmitOptions options, Stream output)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);

        // sops re-indents the marshalled value and adds no newline.
        JsonTreeWriter.Write(value, IndentText(options), output);
    }

    /// <summary>
    /// sops's <c>stores.json.indent</c>: unset or −1 is a tab, 0 an empty indent (one element per
    /// line, flush left), N that many spaces; below −1 is refused.
    /// </summary>
    internal static string IndentText(EmitOptions options)
    {
        int indent = options.Indent ?? -1;
        return indent switch
        {
            -1 => "\t",
            < -1 => throw new ArgumentOutOfRangeException(nameof(options), "JSON indentation below -1 is not accepted"),
            _ => new string(' ', indent),
        };
    }

    /// <summary>
    /// The one branch a single-document format can hold. sops silently writes only the first
    /// branch of a multi-document tree; Crypt refuses rather than drop data.
    /// </summary>
    internal static TreeMap SingleBranch(TreeDocument document, string formatName)
    {
        return document.Branches.Count switch
        {
            0 => new TreeMap(),
            1 => document.Branches[0],
            _ => throw new UnrepresentableOutputException($"{formatName} holds a single document, but the tree has {document.Branches.Count}"),
        };
    }
}

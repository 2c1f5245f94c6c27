using Crypt.Formats.Dotenv;
using Crypt.Formats.Json;
using Crypt.Formats.Metadata;
using Crypt.Formats.Stores;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Ini;

/// <summary>
/// SOPS's INI store (<c>stores/ini/store.go</c>, sops 3.13.2): sections as top-level maps of
/// string values, read by <see cref="IniReader"/> and written by <see cref="IniWriter"/>; the
/// metadata is a last <c>[sops]</c> section of flattened keys (see <see cref="MetadataCodec"/>).
/// </summary>
internal sealed class IniStore : IDocumentStore
{
    public DocumentFormat Format => DocumentFormat.Ini;

    public TreeDocument ParsePlain(ReadOnlyMemory<byte> content) => IniReader.Read(StrictUtf8.Decode(content.Span, "INI"));

    public TreeDocument ParseEncrypted(ReadOnlyMemory<byte> content)
    {
        TreeDocument document = ParsePlain(content);
        ReturnTrailingComments(document.Branches[0]);
        return document;
    }

    public void EmitPlain(TreeDocument document, EmitOptions options, Stream output)
    {
        TreeMap root = JsonStore.SingleBranch(document, "INI");
        TextOutput.WriteUtf8(IniWriter.Write(root), output);
    }

    public void EmitEncrypted(TreeDocument document, EmitOptions options, Stream output) => EmitPlain(document, options, output);

    /// <summary>sops <c>encodeValue</c>: a section as INI, anything else as JSON (a string with quotes).</summary>
    public void EmitValue(TreeNode value, EmitOptions options, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (value is TreeMap map)
        {
            TextOutput.WriteUtf8(IniWriter.Write(map), output);
            return;
        }

        new JsonStore().EmitValue(value, options, output);
    }

    // Comments Crypt kept after the last key of the data were written above the [sops] section
    // that follows it, where a reader takes them for that section's comment: give them back.
    private static void ReturnTrailingComments(TreeMap root)
    {
        List<TreeMapItem> items = root.Items;
        if (items.Count < 2 || items[^1].Key != MetadataCodec.MetadataKey
            || items[^1].Value is not TreeMap { Items: [{ Value: TreeComment comment }, ..] } sops
            || items[^2].Value is not TreeMap last)
        {
            return;
        }

        sops.Items.RemoveAt(0);
        if (last.Items.Count == 0 || !last.Items[^1].IsComment)
        {
            last.AddComment(new TreeComment(string.Empty));
        }

        last.AddComment(comment);
    }
}

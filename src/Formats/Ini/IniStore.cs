using Crypt.Formats.Dotenv;
using Crypt.Formats.Encryption;
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

    // A plaintext tree is about to be encrypted: its values get room for their parts.
    public TreeDocument ParsePlain(ReadOnlyMemory<byte> content) => Read(content, new PlaintextLeaves());

    public TreeDocument ParseEncrypted(ReadOnlyMemory<byte> content)
    {
        TreeDocument document = Read(content, new EncryptedLeaves());
        ReturnTrailingComments(document.Branches[0]);
        return document;
    }

    public void EmitPlain(TreeDocument document, EmitOptions options, Stream output)
    {
        TreeMap root = JsonStore.SingleBranch(document, "INI");
        IniWriter.Write(root, output);
    }

    public void EmitEncrypted(TreeDocument document, EmitOptions options, Stream output) => EmitPlain(document, options, output);

    /// <summary>sops <c>encodeValue</c>: a section as INI, anything else as JSON (a string with quotes).</summary>
    public void EmitValue(TreeNode value, EmitOptions options, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (value is TreeMap map)
        {
            IniWriter.Write(map, output);
            return;
        }

        new JsonStore().EmitValue(value, options, output);
    }

    private static TreeDocument Read(ReadOnlyMemory<byte> content, LeafFactory leaves)
    {
        StrictUtf8.Validate(content.Span, "INI");
        return IniReader.Read(content, leaves);
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

using Crypt.Crypto.KeySources;
using Crypt.Formats.Metadata;
using Crypt.Formats.Stores;
using Crypt.Formats.Tree;

namespace Crypt.Formats;

/// <summary>The bytes-level half of the facade: parse with a store, take out or put back the metadata, emit.</summary>
public static partial class SopsDocument
{
    /// <summary>Parses a plaintext file of <paramref name="format"/>.</summary>
    /// <exception cref="Crypto.Errors.CryptFormatException">The file does not parse (with line, column and key path).</exception>
    public static TreeDocument ParsePlain(ReadOnlyMemory<byte> content, DocumentFormat format)
    {
        ReadOnlyMemory<byte> text = TextLayouts.Normalize(content, format, out TextLayout layout);
        TreeDocument document = DocumentStores.For(format).ParsePlain(text);
        document.Layout = layout;
        return document;
    }

    /// <summary>Parses an encrypted file and takes its metadata out of the tree.</summary>
    /// <exception cref="MetadataNotFoundException">The file has no <c>sops</c> metadata.</exception>
    /// <exception cref="Crypto.Errors.CryptFormatException">The file or its metadata does not parse.</exception>
    public static (TreeDocument Tree, SopsMetadata Metadata) ParseEncrypted(ReadOnlyMemory<byte> content, DocumentFormat format)
    {
        TreeDocument tree = ParseEncryptedTree(content, format);
        // Unlike sops, a missing or non-semver 'version' is not refused: files other tools wrote
        // (e.g. rops) still open, and Crypt writes its own version when it re-encrypts.
        SopsMetadata metadata = MetadataCodec.Extract(tree, format) ?? throw new MetadataNotFoundException();
        return (tree, metadata);
    }

    /// <summary>True when <paramref name="content"/> parses as <paramref name="format"/> and carries metadata with a version and a MAC (<c>filestatus</c>).</summary>
    public static bool IsEncrypted(ReadOnlyMemory<byte> content, DocumentFormat format)
    {
        TreeDocument tree = ParseEncryptedTree(content, format);
        return MetadataCodec.IsEncrypted(MetadataCodec.Extract(tree, format));
    }

    /// <summary>Parses, recovers the data key, decrypts and checks the MAC.</summary>
    public static Task<DecryptedDocument> DecryptAsync(
        ReadOnlyMemory<byte> content,
        DocumentFormat format,
        KeyRing keys,
        DecryptOptions options,
        CancellationToken cancellationToken)
    {
        (TreeDocument tree, SopsMetadata metadata) = ParseEncrypted(content, format);
        return DecryptAsync(tree, metadata, keys, options, ownsTree: true, cancellationToken);
    }

    /// <summary>Parses a plaintext file and encrypts it under a new data key.</summary>
    public static Task<EncryptedDocument> EncryptAsync(
        ReadOnlyMemory<byte> plaintext,
        DocumentFormat format,
        EncryptOptions options,
        CancellationToken cancellationToken) =>
        EncryptAsync(ParsePlain(plaintext, format), options, format, ownsTree: true, cancellationToken);

    /// <summary>Writes an encrypted document (metadata attached) in <paramref name="format"/>.</summary>
    public static byte[] Emit(EncryptedDocument document, DocumentFormat format, EmitOptions options) =>
        ToBytes(output => Emit(document, format, options, output));

    /// <summary>
    /// Writes an encrypted document to <paramref name="output"/> as it goes (a large file is never
    /// held whole). A tree the format cannot hold fails before anything is written.
    /// </summary>
    public static void Emit(EncryptedDocument document, DocumentFormat format, EmitOptions options, Stream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        // Attach only appends to the top-level maps: copy those item lists, share the rest.
        TreeDocument tree = new(document.Tree.Branches.ConvertAll(branch => new TreeMap([.. branch.Items])));
        MetadataCodec.Attach(tree, document.Metadata, format);
        DocumentStores.For(format).EmitEncrypted(tree, options, TextLayouts.Apply(output, document.Tree.Layout, format));
    }

    /// <summary>Writes a plaintext tree (or part of one) in <paramref name="format"/>.</summary>
    public static byte[] EmitPlain(TreeDocument tree, DocumentFormat format, EmitOptions options) =>
        ToBytes(output => EmitPlain(tree, format, options, output));

    /// <summary>Writes a plaintext tree to <paramref name="output"/> as it goes (see <see cref="Emit(EncryptedDocument, DocumentFormat, EmitOptions, Stream)"/>).</summary>
    public static void EmitPlain(TreeDocument tree, DocumentFormat format, EmitOptions options, Stream output)
    {
        ArgumentNullException.ThrowIfNull(tree);
        DocumentStores.For(format).EmitPlain(tree, options, TextLayouts.Apply(output, tree.Layout, format));
    }

    /// <summary>Writes one value as <c>--extract</c> prints a non-string value.</summary>
    public static byte[] EmitValue(TreeNode value, DocumentFormat format, EmitOptions options) =>
        ToBytes(output => EmitValue(value, format, options, output));

    /// <summary>Writes one value to <paramref name="output"/> as <c>--extract</c> prints a non-string value.</summary>
    public static void EmitValue(TreeNode value, DocumentFormat format, EmitOptions options, Stream output) =>
        DocumentStores.For(format).EmitValue(value, options, output);

    // The encrypted file's layout goes with its tree: decrypt writes the plaintext in it.
    private static TreeDocument ParseEncryptedTree(ReadOnlyMemory<byte> content, DocumentFormat format)
    {
        ReadOnlyMemory<byte> text = TextLayouts.Normalize(content, format, out TextLayout layout);
        TreeDocument tree = DocumentStores.For(format).ParseEncrypted(text);
        tree.Layout = layout;
        return tree;
    }

    private static byte[] ToBytes(Action<Stream> emit)
    {
        using MemoryStream buffer = new();
        emit(buffer);
        return buffer.ToArray();
    }
}

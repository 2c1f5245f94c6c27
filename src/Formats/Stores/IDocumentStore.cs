using Crypt.Formats.Tree;

namespace Crypt.Formats.Stores;

/// <summary>
/// Reads a file of one format into the tree and writes a tree back (SOPS's Store interface).
/// Parsing keeps the <c>sops</c> metadata as ordinary items (a <c>sops</c> key, or dotenv
/// <c>sops_*</c> lines); <c>MetadataCodec</c> takes it out and puts it back.
/// Errors are <see cref="Crypto.Errors.CryptFormatException"/> with line, column and key path.
/// </summary>
internal interface IDocumentStore
{
    DocumentFormat Format { get; }

    /// <summary>Parses a plaintext file.</summary>
    TreeDocument ParsePlain(ReadOnlyMemory<byte> content);

    /// <summary>Parses an encrypted file (differs from plain only for binary, whose encrypted form is JSON).</summary>
    TreeDocument ParseEncrypted(ReadOnlyMemory<byte> content);

    // Emitters write to the stream as they go (a large file is never held whole), but check
    // everything the format cannot hold before the first byte, so a failure writes nothing.

    /// <summary>Writes a plaintext file.</summary>
    void EmitPlain(TreeDocument document, EmitOptions options, Stream output);

    /// <summary>Writes an encrypted file (values already <c>ENC[...]</c>, metadata attached).</summary>
    void EmitEncrypted(TreeDocument document, EmitOptions options, Stream output);

    /// <summary>Writes one value on its own, as <c>--extract</c> prints a non-string value.</summary>
    void EmitValue(TreeNode value, EmitOptions options, Stream output);
}

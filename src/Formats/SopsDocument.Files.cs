#if CRYPT_STORES
// NOTE FOR THE LEAD: compiled only with CRYPT_STORES. Enable (delete the #if/#endif here, in
// DecryptedDocument.Files.cs and in tests/Formats.Tests/Encryption/StoreFixtureTests.cs) once
// the YAML/JSON/dotenv/binary stores are registered in DocumentStores.For and
// Crypt.Formats.Metadata.MetadataCodec (Extract/Attach) is merged. Written against those
// contracts: SopsMetadata? MetadataCodec.Extract(TreeDocument, DocumentFormat) takes the sops
// block out of the tree; MetadataCodec.Attach(TreeDocument, SopsMetadata, DocumentFormat) puts it back.
using Crypt.Crypto.Errors;
using Crypt.Crypto.KeySources;
using Crypt.Formats.Metadata;
using Crypt.Formats.Stores;
using Crypt.Formats.Tree;

namespace Crypt.Formats;

public static partial class SopsDocument
{
    /// <summary>Parses an encrypted file, recovers its data key with <paramref name="keys"/>, decrypts it and checks the MAC.</summary>
    /// <exception cref="CryptFormatException">The file does not parse or has no <c>sops</c> metadata.</exception>
    public static async Task<DecryptedDocument> DecryptAsync(
        ReadOnlyMemory<byte> file,
        DocumentFormat format,
        KeyRing keys,
        DecryptOptions options,
        CancellationToken cancellationToken)
    {
        TreeDocument tree = DocumentStores.For(format).ParseEncrypted(file);
        SopsMetadata metadata = MetadataCodec.Extract(tree, format)
            ?? throw new CryptFormatException("sops metadata not found: the file is not encrypted");
        return await DecryptAsync(tree, metadata, keys, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Parses a plaintext file and writes it encrypted in the same format.</summary>
    public static async Task<byte[]> EncryptAsync(
        ReadOnlyMemory<byte> plaintext,
        DocumentFormat format,
        EncryptOptions options,
        EmitOptions emit,
        CancellationToken cancellationToken)
    {
        TreeDocument tree = DocumentStores.For(format).ParsePlain(plaintext);
        EncryptedDocument encrypted = await EncryptAsync(tree, options, format, cancellationToken).ConfigureAwait(false);
        return Emit(encrypted, format, emit);
    }

    /// <summary>Writes an encrypted document with its metadata (the document itself is left as it is).</summary>
    public static byte[] Emit(EncryptedDocument document, DocumentFormat format, EmitOptions options)
    {
        ArgumentNullException.ThrowIfNull(document);
        TreeDocument tree = document.Tree.Clone();
        MetadataCodec.Attach(tree, document.Metadata, format);
        return DocumentStores.For(format).EmitEncrypted(tree, options);
    }
}
#endif

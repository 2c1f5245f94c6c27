using Crypt.Formats.Metadata;
using Crypt.Formats.Tree;

namespace Crypt.Formats;

/// <summary>
/// An encrypted tree and its metadata, ready for <c>MetadataCodec.Attach</c> and a store's
/// <c>EmitEncrypted</c>. <see cref="Warnings"/> holds what the user should be told (no values).
/// </summary>
public sealed record EncryptedDocument(TreeDocument Tree, SopsMetadata Metadata, IReadOnlyList<string> Warnings);

using Crypt.Crypto.Errors;

namespace Crypt.Formats.Metadata;

/// <summary>The file has no <c>sops</c> metadata: it is not encrypted (sops: "sops metadata not found", exit 1).</summary>
public sealed class MetadataNotFoundException : CryptException
{
    /// <summary>The file has no <c>sops</c> metadata.</summary>
    public MetadataNotFoundException()
        : base("sops metadata not found: the file is not encrypted (or was encrypted with another format; try --input-type)")
    {
    }
}

namespace Crypt.Crypto.KeySources;

/// <summary>
/// An <c>azure_kv</c> entry (SOPS §6.3): vault URL, key name and version, creation time, and
/// the RSA-OAEP-256 wrapped key as base64url without padding.
/// </summary>
public sealed record AzureKeyVaultEntry(string VaultUrl, string Name, string Version, string CreatedAt, string Enc) : MasterKeyEntry
{
    /// <summary>The metadata list name.</summary>
    public const string TypeName = "azure_kv";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>SOPS's <c>ToString</c>: <c>vault_url/keys/name/version</c>.</summary>
    public override string Id => $"{VaultUrl}/keys/{Name}/{Version}";

    /// <inheritdoc />
    public override string Enc { get; } = Enc;
}

using System.Buffers.Text;
using System.Globalization;
using Crypt.Crypto.KeySources;

namespace Crypt.Crypto.Azure.KeyVault;

/// <summary>
/// Wraps a data key (or Shamir share) with an Azure Key Vault key, SOPS §6.3: Key Vault
/// <c>encrypt</c> with RSA-OAEP-256; <c>enc</c> is the result as base64url without padding.
/// </summary>
public sealed class AzureKeyVaultRecipient : IKeyRecipient
{
    private readonly AzureKeyVaultKeyReference _key;
    private readonly AzureKeyVaultClient _client;

    private AzureKeyVaultRecipient(AzureKeyVaultKeyReference key, AzureKeyVaultClient client)
    {
        _key = key;
        _client = client;
    }

    /// <inheritdoc />
    public string Type => AzureKeyVaultEntry.TypeName;

    /// <summary>SOPS's <c>ToString</c>, <c>vault_url/keys/name/version</c>, with the version pinned.</summary>
    public string Id => _key.KeyUrl;

    /// <summary>The key, with its version pinned.</summary>
    public AzureKeyVaultKeyReference Key => _key;

    /// <summary>
    /// Creates a recipient; a key without a version gets the current one from Key Vault
    /// (<c>GET /keys/{name}</c>, needs the <c>get</c> permission), as SOPS pins it at creation.
    /// </summary>
    /// <exception cref="Errors.KeySourceException">The version could not be looked up.</exception>
    public static async Task<AzureKeyVaultRecipient> CreateAsync(
        AzureKeyVaultKeyReference key,
        AzureKeyVaultClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(client);
        if (key.Version.Length == 0)
        {
            string version = await client.GetCurrentVersionAsync(key, cancellationToken).ConfigureAwait(false);
            key = new AzureKeyVaultKeyReference(key.VaultUrl, key.Name, version);
        }

        return new AzureKeyVaultRecipient(key, client);
    }

    /// <inheritdoc />
    public async Task<MasterKeyEntry> WrapAsync(ReadOnlyMemory<byte> secret, CancellationToken cancellationToken)
    {
        string createdAt = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        byte[] wrapped = await _client.EncryptAsync(_key, secret, cancellationToken).ConfigureAwait(false);
        return new AzureKeyVaultEntry(_key.VaultUrl, _key.Name, _key.Version, createdAt, Base64Url.EncodeToString(wrapped));
    }

    /// <inheritdoc />
    public override string ToString() => $"azure_kv recipient {_key.KeyUrl}";
}

using System.Buffers.Text;
using Crypt.Crypto.Errors;
using Crypt.Crypto.KeySources;

namespace Crypt.Crypto.Azure.KeyVault;

/// <summary>
/// Opens <c>azure_kv</c> entries, SOPS §6.3: base64url-decode <c>enc</c> (no padding) and call
/// Key Vault <c>decrypt</c> with RSA-OAEP-256 on the entry's key and version.
/// </summary>
public sealed class AzureKeyVaultUnwrapper : IKeyUnwrapper
{
    private readonly AzureKeyVaultClient _client;

    /// <summary>Creates an unwrapper that calls Key Vault through <paramref name="client"/>.</summary>
    public AzureKeyVaultUnwrapper(AzureKeyVaultClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <inheritdoc />
    public string Type => AzureKeyVaultEntry.TypeName;

    /// <inheritdoc />
    public bool IsRemote => true;

    /// <inheritdoc />
    public async Task<byte[]> UnwrapAsync(MasterKeyEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry is not AzureKeyVaultEntry azure)
        {
            throw new ArgumentException($"a {entry.Type} entry is not an azure_kv entry", nameof(entry));
        }

        AzureKeyVaultKeyReference key = AzureKeyVaultKeyReference.FromEntry(azure);
        byte[] ciphertext;
        try
        {
            // Go's RawURLEncoding: URL alphabet, no padding.
            ciphertext = azure.Enc.Contains('=', StringComparison.Ordinal)
                ? throw new FormatException("padding")
                : Base64Url.DecodeFromChars(azure.Enc);
        }
        catch (FormatException e)
        {
            throw new KeySourceException(key.KeyUrl, "enc is not unpadded base64url", e);
        }

        return await _client.DecryptAsync(key, ciphertext, cancellationToken).ConfigureAwait(false);
    }
}

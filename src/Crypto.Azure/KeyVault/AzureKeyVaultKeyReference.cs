using System.Text.RegularExpressions;
using Crypt.Crypto.Errors;
using Crypt.Crypto.KeySources;

namespace Crypt.Crypto.Azure.KeyVault;

/// <summary>
/// An Azure Key Vault key as a user names it (SOPS §6.3): the vault URL, the key name and
/// optionally its version. An empty version means "the current one", which a recipient pins
/// when it is created, as SOPS does.
/// </summary>
public sealed partial record AzureKeyVaultKeyReference
{
    /// <summary>Creates a reference; <paramref name="vaultUrl"/> must be an https URL without a path.</summary>
    /// <exception cref="MalformedKeyException">The vault URL or key name is not usable.</exception>
    public AzureKeyVaultKeyReference(string vaultUrl, string name, string? version)
    {
        ArgumentNullException.ThrowIfNull(vaultUrl);
        ArgumentNullException.ThrowIfNull(name);
        string display = $"{vaultUrl}/keys/{name}/{version}";
        if (!Uri.TryCreate(vaultUrl, UriKind.Absolute, out Uri? uri) || uri.Scheme != Uri.UriSchemeHttps
            || uri.AbsolutePath != "/" || uri.Query.Length > 0 || vaultUrl.EndsWith('/'))
        {
            throw new MalformedKeyException(display, "the vault URL must look like https://<vault>.vault.azure.net (https, no path)");
        }

        if (name.Length == 0 || name.Contains('/', StringComparison.Ordinal) || (version ?? string.Empty).Contains('/', StringComparison.Ordinal))
        {
            throw new MalformedKeyException(display, "the key name must be non-empty and neither name nor version may contain '/'");
        }

        VaultUrl = vaultUrl;
        VaultUri = uri;
        Name = name;
        Version = version ?? string.Empty;
    }

    /// <summary>The vault URL as written in <c>vault_url</c>, e.g. <c>https://v.vault.azure.net</c>.</summary>
    public string VaultUrl { get; }

    /// <summary>The vault URL, parsed.</summary>
    public Uri VaultUri { get; }

    /// <summary>The key name.</summary>
    public string Name { get; }

    /// <summary>The key version; empty for the current version.</summary>
    public string Version { get; }

    /// <summary>SOPS's <c>ToString</c>, <c>vault_url/keys/name/version</c>: how errors name the key.</summary>
    public string KeyUrl => $"{VaultUrl}/keys/{Name}/{Version}";

    /// <summary>
    /// Parses a key URL, <c>https://vault/keys/name[/version]</c> (SOPS
    /// <c>azkv.NewMasterKeyFromURL</c>; a trailing <c>/</c> or no version means the current one).
    /// Surrounding whitespace is ignored.
    /// </summary>
    /// <exception cref="MalformedKeyException">The text is not a Key Vault key URL.</exception>
    public static AzureKeyVaultKeyReference Parse(string keyUrl)
    {
        ArgumentNullException.ThrowIfNull(keyUrl);
        string trimmed = keyUrl.Trim();
        Match match = KeyUrlPattern().Match(trimmed);
        if (!match.Success)
        {
            throw new MalformedKeyException(trimmed, "not an Azure Key Vault key URL (https://<vault>/keys/<name>[/<version>])");
        }

        string version = match.Groups[3].Value.Length > 1 ? match.Groups[3].Value[1..] : string.Empty;
        return new AzureKeyVaultKeyReference(match.Groups[1].Value, match.Groups[2].Value, version);
    }

    /// <summary>
    /// Parses a comma-separated list of key URLs (<c>--azure-kv</c>, <c>SOPS_AZURE_KEYVAULT_URLS</c>,
    /// <c>azure_keyvault</c> in flat creation rules). Empty items are skipped.
    /// </summary>
    /// <exception cref="MalformedKeyException">An item is not a Key Vault key URL.</exception>
    public static IReadOnlyList<AzureKeyVaultKeyReference> ParseList(string keyUrls)
    {
        ArgumentNullException.ThrowIfNull(keyUrls);
        return [.. keyUrls.Split(',').Where(s => s.Trim().Length > 0).Select(Parse)];
    }

    /// <summary>
    /// The <c>key_groups</c> object form <c>{vaultUrl, key, version}</c>; a trailing slash on
    /// the vault URL is dropped so the written <c>vault_url</c> has none.
    /// </summary>
    /// <exception cref="MalformedKeyException">The vault URL or key name is not usable.</exception>
    public static AzureKeyVaultKeyReference FromKeyGroup(string vaultUrl, string key, string? version)
    {
        ArgumentNullException.ThrowIfNull(vaultUrl);
        return new AzureKeyVaultKeyReference(vaultUrl.Trim().TrimEnd('/'), key, version);
    }

    /// <summary>The reference an existing metadata entry describes.</summary>
    /// <exception cref="MalformedKeyException">The entry's vault URL or key name is not usable.</exception>
    public static AzureKeyVaultKeyReference FromEntry(AzureKeyVaultEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new AzureKeyVaultKeyReference(entry.VaultUrl, entry.Name, entry.Version);
    }

    [GeneratedRegex("^(https://[^/]+)/keys/([^/]+)(/[^/]*)?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex KeyUrlPattern();
}

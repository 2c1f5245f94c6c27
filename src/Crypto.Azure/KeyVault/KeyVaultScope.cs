namespace Crypt.Crypto.Azure.KeyVault;

/// <summary>
/// The OAuth scope a vault's tokens are for, taken from the vault host as the Key Vault SDK's
/// challenge would name it: <c>&lt;vault&gt;.vault.azure.net</c> → <c>https://vault.azure.net/.default</c>,
/// and likewise for the China, US Government and Germany clouds and for Managed HSM.
/// </summary>
internal static class KeyVaultScope
{
    public const string PublicCloud = "https://vault.azure.net/.default";

    public static string ForVault(Uri vault)
    {
        ArgumentNullException.ThrowIfNull(vault);
        string host = vault.IdnHost.ToLowerInvariant();
        foreach (string service in (ReadOnlySpan<string>)["vault", "managedhsm"])
        {
            // "<name>.vault.<cloud suffix>": the resource is everything after the vault name.
            int dot = host.IndexOf('.', StringComparison.Ordinal);
            if (dot > 0 && host.AsSpan(dot + 1).StartsWith(service + ".", StringComparison.Ordinal))
            {
                return $"https://{host[(dot + 1)..]}/.default";
            }
        }

        // A private endpoint behind a custom name, or a local emulator: the public cloud.
        return PublicCloud;
    }
}

using Crypt.Crypto.KeySources;
using Crypt.Keys;

namespace Crypt.Cli.Keys;

/// <summary>
/// Which entries a <c>rotate --rm-*</c> flag removes: those of <see cref="Type"/> whose SOPS
/// identity equals <see cref="Id"/>. A Key Vault URL without a version matches every version of
/// that key (SOPS would look the current version up in the vault first; matching them all needs
/// no network and cannot leave a stale version behind).
/// </summary>
internal sealed record KeySelector(string Type, string Id)
{
    public bool Matches(MasterKeyEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!string.Equals(entry.Type, Type, StringComparison.Ordinal))
        {
            return false;
        }

        if (entry is AzureKeyVaultEntry azure && Id.EndsWith('/'))
        {
            return string.Equals($"{azure.VaultUrl}/keys/{azure.Name}/", Id, StringComparison.Ordinal);
        }

        return string.Equals(KeyIdentity.Of(entry), Id, StringComparison.Ordinal);
    }

    public override string ToString() => $"{Type} {Id}";
}

using Crypt.Config;
using Crypt.Crypto.Age;
using Crypt.Crypto.Aws.Kms;
using Crypt.Crypto.Azure.KeyVault;
using Crypt.Crypto.Errors;
using Crypt.Crypto.KeySources;
using Crypt.Crypto.Pgp;

namespace Crypt.Keys;

/// <summary>
/// Turns what the user configured into key sources: the key ring for decrypting (age identities
/// from every sops location, gpg, the KMS and Key Vault clients) and recipients for encrypting (from
/// key specs, or from a file's existing entries when it is rewritten). Cloud clients are made
/// only when a key of their type is used, so an age-only run never touches a cloud SDK.
/// </summary>
internal sealed class KeyServices
{
    private readonly Func<string, string?> _env;
    private readonly Action<string> _warn;
    private readonly Func<string, string> _passphrase;
    private readonly Lazy<AzureKeyVaultClient> _azure = new(() => new AzureKeyVaultClient());
    private readonly Lazy<GnuPg> _gpg;

    /// <param name="environment">Reads a variable: the process environment in the CLI, whatever a host gives.</param>
    /// <param name="warn">Receives warnings (a key file readable by others).</param>
    /// <param name="passphrase">
    /// Asks for the passphrase of an encrypted identity, given a prompt: the terminal in the CLI;
    /// null fails with a message saying no passphrase can be asked for.
    /// </param>
    public KeyServices(Func<string, string?> environment, Action<string> warn, Func<string, string>? passphrase = null)
    {
        _env = environment;
        _warn = warn;
        _passphrase = passphrase ?? NoPassphrase;
        _gpg = new(() => new GnuPg(_env(GnuPg.ExecutableVariable)));
    }

    /// <summary>The keys that can open files: loaded age identities, then the cloud services.</summary>
    public KeyRing CreateKeyRing() => CreateKeyRing([], [], discover: true);

    /// <summary>
    /// A host's key ring: <paramref name="explicitSources"/> first (one of type <c>age</c> replaces
    /// the identities), then one age source holding <paramref name="explicitIdentities"/> and,
    /// when <paramref name="discover"/>, every identity the CLI would find, then gpg and the cloud
    /// services (only when <paramref name="discover"/>).
    /// </summary>
    public KeyRing CreateKeyRing(IEnumerable<IKeyUnwrapper> explicitSources, IEnumerable<IdentityText> explicitIdentities, bool discover)
    {
        List<IKeyUnwrapper> unwrappers = [.. explicitSources];
        AgeIdentityLocations locations = new(_env, _warn, _passphrase);
        List<IAgeIdentity> identities = [];
        List<IdentityText> texts = [.. explicitIdentities];
        if (discover)
        {
            identities.AddRange(locations.LoadSsh());
            texts.AddRange(locations.Load());
        }

        foreach (IdentityText source in texts)
        {
            byte[] raw = source.Bytes ?? System.Text.Encoding.UTF8.GetBytes(source.Text);
            if (EncryptedIdentityFile.IsEncrypted(raw))
            {
                identities.Add(new EncryptedIdentityFile(raw, source.Location, _passphrase));
                continue;
            }

            identities.AddRange(source.Location == "SOPS_AGE_KEY"
                ? AgeKeyParser.ParseIdentityList(source.Text, source.Location)
                : AgeKeyParser.ParseIdentityFile(source.Text, source.Location));
        }

        bool commands = discover && locations.HasCommands;
        unwrappers.Add(identities.Count > 0 || commands
            ? new AgeIdentityUnwrapper(identities, commands ? locations.LoadFromCommands : null)
            : new NoAgeIdentities(discover ? locations.Tried : ["no identity given, and key discovery is off"]));
        if (discover)
        {
            unwrappers.Add(new PgpUnwrapper(_gpg.Value));
            unwrappers.Add(new LazyUnwrapper(KmsKeyEntry.TypeName, () => new KmsUnwrapper()));
            unwrappers.Add(new LazyUnwrapper(AzureKeyVaultEntry.TypeName, () => new AzureKeyVaultUnwrapper(_azure.Value)));
        }

        return new KeyRing(unwrappers);
    }

    /// <summary>Recipients for key groups named by specs (creation rules, flags).</summary>
    public async Task<IReadOnlyList<IReadOnlyList<IKeyRecipient>>> RecipientsAsync(
        IReadOnlyList<IReadOnlyList<KeySpec>> groups,
        CancellationToken cancellationToken)
    {
        List<IReadOnlyList<IKeyRecipient>> result = [];
        foreach (IReadOnlyList<KeySpec> group in groups)
        {
            List<IKeyRecipient> recipients = [];
            foreach (KeySpec spec in group)
            {
                recipients.Add(await RecipientAsync(spec, cancellationToken));
            }

            result.Add(recipients);
        }

        return result;
    }

    /// <summary>Recipients that re-create a file's existing entries (rotate keeps its keys).</summary>
    public async Task<IReadOnlyList<IReadOnlyList<IKeyRecipient>>> RecipientsAsync(
        IReadOnlyList<IReadOnlyList<MasterKeyEntry>> groups,
        CancellationToken cancellationToken) =>
        await RecipientsAsync(groups.Select(g => (IReadOnlyList<KeySpec>)g.Select(SpecOf).ToList()).ToList(), cancellationToken);

    /// <summary>The spec that names an existing entry's key.</summary>
    public static KeySpec SpecOf(MasterKeyEntry entry) => entry switch
    {
        AgeKeyEntry age => new AgeKeySpec(age.Recipient),
        PgpKeyEntry pgp => new PgpKeySpec(pgp.Fingerprint),
        KmsKeyEntry kms => new KmsKeySpec(KmsKeyReference.FromEntry(kms)),
        AzureKeyVaultEntry azure => new AzureKeySpec(AzureKeyVaultKeyReference.FromEntry(azure)),
        _ => new UnsupportedKeySpec(entry.Type, KeyIdentity.Of(entry)),
    };

    private async Task<IKeyRecipient> RecipientAsync(KeySpec spec, CancellationToken cancellationToken) => spec switch
    {
        AgeKeySpec age => new AgeRecipient(age.Recipient),
        PgpKeySpec pgp => new PgpRecipient(pgp.Fingerprint, _gpg.Value),
        KmsKeySpec kms => new KmsRecipient(kms.Key),
        AzureKeySpec azure => await AzureKeyVaultRecipient.CreateAsync(azure.Key, _azure.Value, cancellationToken),
        _ => throw new MalformedKeyException($"{spec.Type} key {spec.Id}", $"crypt cannot encrypt for {spec.Type} keys (supported: age, pgp, kms, azure_keyvault)"),
    };

    private static string NoPassphrase(string prompt) =>
        throw new AgeException(AgeFailure.InvalidKey, $"a passphrase is needed ({prompt.TrimEnd(':', ' ')}), but this host gives no way to ask for one (set SopsKeyOptions.PassphraseProvider)");

    /// <summary>Stands in for age when no identity was found, so the failure lists where crypt looked.</summary>
    private sealed class NoAgeIdentities(IReadOnlyList<string> tried) : IKeyUnwrapper
    {
        public string Type => AgeKeyEntry.TypeName;

        public bool IsRemote => false;

        public Task<byte[]> UnwrapAsync(MasterKeyEntry entry, CancellationToken cancellationToken) =>
            throw new KeySourceException(entry.Id, $"no age identity found (looked in {string.Join(", ", tried)})");
    }

    /// <summary>Creates a cloud unwrapper on first use.</summary>
    private sealed class LazyUnwrapper(string type, Func<IKeyUnwrapper> create) : IKeyUnwrapper
    {
        private readonly Lazy<IKeyUnwrapper> _inner = new(create);

        public string Type => type;

        public bool IsRemote => true;

        public Task<byte[]> UnwrapAsync(MasterKeyEntry entry, CancellationToken cancellationToken) =>
            _inner.Value.UnwrapAsync(entry, cancellationToken);
    }
}

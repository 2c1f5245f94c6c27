using System.CommandLine;
using Crypt.Cli.Keys;
using Crypt.Config;
using Crypt.Crypto.Aws.Kms;
using Crypt.Crypto.Azure.KeyVault;
using Crypt.Crypto.Pgp;
using Crypt.Keys;

namespace Crypt.Cli.Commands;

/// <summary>
/// <c>rotate</c>'s key flags (sops's <c>--add-*</c>/<c>--rm-*</c>): keys to add to the first
/// group and keys to take out of every group. Crypt cannot wrap GCP KMS, Vault transit or
/// HuaweiCloud keys, but it can remove them, so a file shared with such a key can be rotated
/// once its owner has agreed to drop it.
/// </summary>
internal sealed class RotateFlags
{
    private readonly Option<string[]> _addAge = new("--add-age") { Description = "Add age recipients (comma-separated) to the first key group." };
    private readonly Option<string[]> _rmAge = new("--rm-age") { Description = "Remove age recipients (comma-separated) from every key group." };
    private readonly Option<string[]> _addKms = new("--add-kms") { Description = "Add AWS KMS key ARNs (comma-separated, each optionally +ROLE_ARN)." };
    private readonly Option<string[]> _rmKms = new("--rm-kms") { Description = "Remove AWS KMS key ARNs (with the same --encryption-context and --aws-profile they were added with)." };
    private readonly Option<string[]> _addAzure = new("--add-azure-kv") { Description = "Add Azure Key Vault key URLs https://VAULT/keys/NAME[/VERSION]." };
    private readonly Option<string[]> _rmAzure = new("--rm-azure-kv") { Description = "Remove Azure Key Vault key URLs; without a version, every version of the key." };
    private readonly Option<string[]> _addPgp = new("--add-pgp") { Description = "Add PGP fingerprints (comma-separated) to the first key group; gpg encrypts the data key." };
    private readonly Option<string[]> _rmPgp = new("--rm-pgp") { Description = "Remove PGP fingerprints (comma-separated) from every key group." };
    private readonly Option<string[]> _rmGcp = new("--rm-gcp-kms") { Description = "Remove GCP KMS resource ids (crypt cannot add GCP KMS keys)." };
    private readonly Option<string[]> _rmVault = new("--rm-hc-vault-transit") { Description = "Remove HashiCorp Vault transit key URIs (crypt cannot add them)." };
    private readonly Option<string[]> _rmHckms = new("--rm-hckms") { Description = "Remove HuaweiCloud KMS key ids (crypt cannot add them)." };
    private readonly Option<string?> _context = new("--encryption-context") { Description = "KMS encryption context of the --add-kms/--rm-kms keys, k1:v1,k2:v2." };
    private readonly Option<string?> _awsProfile = new("--aws-profile") { Description = "AWS profile of the --add-kms/--rm-kms keys." };

    public void AddTo(Command command)
    {
        foreach (Option option in (Option[])[_addAge, _rmAge, _addPgp, _rmPgp, _addKms, _rmKms, _addAzure, _rmAzure, _rmGcp, _rmVault, _rmHckms, _context, _awsProfile])
        {
            command.Options.Add(option);
        }
    }

    /// <summary>True when any add or remove flag was given (sops refuses those on a missing file).</summary>
    public bool ChangesKeys(ParseResult parsed) =>
        new[] { _addAge, _rmAge, _addPgp, _rmPgp, _addKms, _rmKms, _addAzure, _rmAzure, _rmGcp, _rmVault, _rmHckms }
            .Any(o => parsed.GetValue(o) is { Length: > 0 });

    public IReadOnlyList<KeySpec> Additions(ParseResult parsed) => Keys(parsed, _addAge, _addPgp, _addKms, _addAzure);

    public IReadOnlyList<KeySelector> Removals(ParseResult parsed)
    {
        List<KeySelector> selectors = [.. Keys(parsed, _rmAge, _rmPgp, _rmKms, _rmAzure).Select(k => new KeySelector(k.Type, KeyIdentity.Of(k)))];
        AddOpaque(selectors, "gcp_kms", parsed.GetValue(_rmGcp));
        AddOpaque(selectors, "hc_vault", parsed.GetValue(_rmVault));
        AddOpaque(selectors, "hckms", parsed.GetValue(_rmHckms));
        return selectors;
    }

    private static void AddOpaque(List<KeySelector> selectors, string type, string[]? values)
    {
        selectors.AddRange(Split(values).Select(v => new KeySelector(type, v)));
    }

    private List<KeySpec> Keys(ParseResult parsed, Option<string[]> age, Option<string[]> pgp, Option<string[]> kms, Option<string[]> azure)
    {
        List<KeySpec> keys = [.. Split(parsed.GetValue(age)).Select(r => new AgeKeySpec(r))];
        keys.AddRange(Split(parsed.GetValue(pgp)).Select(f => new PgpKeySpec(PgpRecipient.Normalize(f))));
        string? contextText = parsed.GetValue(_context);
        IReadOnlyList<KeyValuePair<string, string>> context = contextText is null ? [] : KmsKeyParser.ParseEncryptionContext(contextText);
        foreach (string arn in Split(parsed.GetValue(kms)))
        {
            keys.Add(new KmsKeySpec(KmsKeyParser.ParseOne(arn, context, parsed.GetValue(_awsProfile))));
        }

        foreach (string url in Split(parsed.GetValue(azure)))
        {
            keys.Add(new AzureKeySpec(AzureKeyVaultKeyReference.Parse(url)));
        }

        return keys;
    }

    private static IEnumerable<string> Split(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',')).Select(v => v.Trim()).Where(v => v.Length > 0);
}

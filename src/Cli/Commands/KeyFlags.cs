using System.CommandLine;
using Crypt.Config;
using Crypt.Crypto.Aws.Kms;
using Crypt.Crypto.Azure.KeyVault;
using Crypt.Crypto.Pgp;
using Crypt.Formats.Metadata;

namespace Crypt.Cli.Commands;

/// <summary>
/// The flags that choose keys and the encryption rule for a new file (sops's encrypt flags),
/// and how they combine with the creation rules: any key flag replaces the rule's keys; each
/// selection flag replaces the rule's option; <c>--mac-only-encrypted</c> ORs with it.
/// </summary>
internal sealed class KeyFlags
{
    private readonly Option<string[]> _age = new("--age", "-a") { Description = "age recipients, comma-separated (env SOPS_AGE_RECIPIENTS).", AllowMultipleArgumentsPerToken = false };
    private readonly Option<string[]> _pgp = new("--pgp", "-p") { Description = "PGP fingerprints, comma-separated; gpg encrypts the data key (env SOPS_PGP_FP, SOPS_GPG_EXEC)." };
    private readonly Option<string[]> _kms = new("--kms", "-k") { Description = "AWS KMS key ARNs, comma-separated, each optionally +ROLE_ARN (env SOPS_KMS_ARN)." };
    private readonly Option<string[]> _azure = new("--azure-kv") { Description = "Azure Key Vault key URLs https://VAULT/keys/NAME[/VERSION], comma-separated (env SOPS_AZURE_KEYVAULT_URLS)." };
    private readonly Option<string?> _awsProfile = new("--aws-profile") { Description = "AWS profile for the --kms keys." };
    private readonly Option<string?> _context = new("--encryption-context") { Description = "KMS encryption context, k1:v1,k2:v2." };
    private readonly Option<int?> _threshold = new("--shamir-secret-sharing-threshold")
    {
        Description = "Key groups needed to decrypt (with several groups); 0 means not given.",
        Validators = { result => GlobalOptions.RejectNegative(result, "--shamir-secret-sharing-threshold") },
    };
    private readonly Option<bool> _macOnlyEncrypted = new("--mac-only-encrypted") { Description = "The MAC covers only encrypted values (clear values may change; they are then not protected)." };
    private readonly Dictionary<EncryptionMode, Option<string?>> _rules = new()
    {
        [EncryptionMode.UnencryptedSuffix] = new("--unencrypted-suffix") { Description = "Leave values clear when a key on their path ends with this (default _unencrypted)." },
        [EncryptionMode.EncryptedSuffix] = new("--encrypted-suffix") { Description = "Encrypt only values with a key on their path ending with this." },
        [EncryptionMode.UnencryptedRegex] = new("--unencrypted-regex") { Description = "Leave values clear when a key on their path matches." },
        [EncryptionMode.EncryptedRegex] = new("--encrypted-regex") { Description = "Encrypt only values with a key on their path matching." },
        [EncryptionMode.UnencryptedCommentRegex] = new("--unencrypted-comment-regex") { Description = "Leave values clear under a comment matching." },
        [EncryptionMode.EncryptedCommentRegex] = new("--encrypted-comment-regex") { Description = "Encrypt only values under a comment matching." },
    };

    public void AddTo(Command command)
    {
        command.Options.Add(_age);
        command.Options.Add(_pgp);
        command.Options.Add(_kms);
        command.Options.Add(_azure);
        command.Options.Add(_awsProfile);
        command.Options.Add(_context);
        command.Options.Add(_threshold);
        command.Options.Add(_macOnlyEncrypted);
        foreach (Option<string?> option in _rules.Values)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The encryption settings for <paramref name="path"/> from flags, environment and creation rules.</summary>
    public CreationRule Resolve(ParseResult parsed, CommandEnvironment environment, string? path)
    {
        List<KeySpec> flagged = FlaggedKeys(parsed);
        CreationRule? rule = null;
        if (flagged.Count == 0)
        {
            CryptConfig? config = environment.Config;
            rule = path is null ? null : config?.Match(path);
            if (rule is null)
            {
                string why = config is null
                    ? "no .sopsrc or .sops.yaml found and no key given"
                    : $"no creation rule in {config.Path} matches {path ?? "standard input (use --filename-override)"}";
                // sops exits 1 here (cmd/sops/main.go: its codes.NoEncryptionKeyFound is never used).
                throw new CliException(ExitCodes.ErrorGeneric, $"{why}: pass --age/--pgp/--kms/--azure-kv, set SOPS_AGE_RECIPIENTS or SOPS_PGP_FP, or add a rule");
            }
        }

        EncryptionRule? selected = SelectedRule(parsed) ?? rule?.Rule;
        return new CreationRule
        {
            KeyGroups = flagged.Count > 0 ? [flagged] : rule!.KeyGroups,
            // 0 means "not given", as in sops (an unset IntFlag is 0).
            ShamirThreshold = parsed.GetValue(_threshold) is > 0 and int threshold ? threshold : rule?.ShamirThreshold ?? 0,
            Rule = selected,
            MacOnlyEncrypted = parsed.GetValue(_macOnlyEncrypted) || (rule?.MacOnlyEncrypted ?? false),
        };
    }

    private List<KeySpec> FlaggedKeys(ParseResult parsed)
    {
        List<KeySpec> keys = [];
        string ageText = Joined(parsed.GetValue(_age)) ?? CommandEnvironment.Get("SOPS_AGE_RECIPIENTS") ?? string.Empty;
        keys.AddRange(ageText.Split(',').Select(r => r.Trim()).Where(r => r.Length > 0).Select(r => new AgeKeySpec(r)));
        string pgpText = Joined(parsed.GetValue(_pgp)) ?? CommandEnvironment.Get("SOPS_PGP_FP") ?? string.Empty;
        keys.AddRange(PgpRecipient.ParseList(pgpText).Select(f => new PgpKeySpec(f)));
        IReadOnlyList<KeyValuePair<string, string>> context = parsed.GetValue(_context) is { } text
            ? KmsKeyParser.ParseEncryptionContext(text)
            : [];
        string kmsText = Joined(parsed.GetValue(_kms)) ?? CommandEnvironment.Get("SOPS_KMS_ARN") ?? string.Empty;
        keys.AddRange(KmsKeyParser.ParseList(kmsText, context, parsed.GetValue(_awsProfile)).Select(k => new KmsKeySpec(k)));
        string azureText = Joined(parsed.GetValue(_azure)) ?? CommandEnvironment.Get("SOPS_AZURE_KEYVAULT_URLS") ?? string.Empty;
        keys.AddRange(AzureKeyVaultKeyReference.ParseList(azureText).Select(k => new AzureKeySpec(k)));
        return keys;
    }

    private EncryptionRule? SelectedRule(ParseResult parsed)
    {
        List<EncryptionRule> given = [.. _rules
            .Where(r => parsed.GetValue(r.Value) is { Length: > 0 })
            .Select(r => new EncryptionRule(r.Key, parsed.GetValue(r.Value)!))];
        return given.Count switch
        {
            0 => null,
            1 => given[0],
            _ => throw new CliException(ExitCodes.ErrorConflictingParameters, "use only one of --unencrypted-suffix, --encrypted-suffix, --unencrypted-regex, --encrypted-regex, --unencrypted-comment-regex, --encrypted-comment-regex"),
        };
    }

    private static string? Joined(string[]? values) => values is { Length: > 0 } ? string.Join(',', values) : null;
}

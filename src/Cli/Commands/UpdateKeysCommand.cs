using System.CommandLine;
using System.Text;
using Crypt.Cli.Files;
using Crypt.Cli.Keys;
using Crypt.Config;
using Crypt.Crypto.KeySources;
using Crypt.Formats;
using Crypt.Formats.Metadata;
using Crypt.Formats.Stores;
using Crypt.Keys;

namespace Crypt.Cli.Commands;

/// <summary>
/// <c>crypt updatekeys</c> (sops updatekeys): make each file's key groups and Shamir threshold
/// match its creation rule, re-wrapping the same data key. Values, <c>lastmodified</c> and the
/// MAC do not change, so a removed key still opens earlier copies of the file until a rotate
/// (sops issues #365, #901).
/// </summary>
internal static class UpdateKeysCommand
{
    public static Command Create()
    {
        Argument<string[]> files = new("files") { Description = "The encrypted files to update.", Arity = ArgumentArity.OneOrMore };
        Option<bool> yes = new("--yes", "-y") { Description = "Apply the changes without asking." };
        Option<string?> inputType = new("--input-type") { Description = "yaml, json, dotenv or binary (default: by file extension)." };
        Option<int?> threshold = new("--shamir-secret-sharing-threshold")
        {
            Description = "Key groups needed to decrypt (default: the creation rule's, else the file's); 0 means not given.",
            Validators = { result => GlobalOptions.RejectNegative(result, "--shamir-secret-sharing-threshold") },
        };
        Command command = new("updatekeys", """
            Make the files' keys match their creation rule in .sopsrc/.sops.yaml: shows the
            changes per key group and asks before writing (unless --yes). The data key stays the
            same, so keys you remove can still open earlier copies of a file (git history,
            backups); run crypt rotate -i FILE afterwards to cut them off.

            Example:
              crypt updatekeys secrets.enc.yaml
              crypt updatekeys --yes config/*.enc.yaml
            """);
        command.Arguments.Add(files);
        command.Options.Add(yes);
        command.Options.Add(inputType);
        command.Options.Add(threshold);
        command.SetAction((parsed, cancellationToken) => RunAsync(parsed, files, yes, inputType, threshold, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parsed, Argument<string[]> files, Option<bool> yes, Option<string?> inputType, Option<int?> threshold, CancellationToken cancellationToken)
    {
        CommandEnvironment environment = CommandEnvironment.From(parsed);
        DecryptOptions options = environment.DecryptOptions(ignoreMac: false, keepIvs: true);
        using KeyRing ring = environment.Keys.CreateKeyRing();
        foreach (string file in parsed.GetValue(files) ?? [])
        {
            await UpdateAsync(environment, ring, options, file, parsed.GetValue(inputType), parsed.GetValue(threshold), parsed.GetValue(yes), cancellationToken);
        }

        return ExitCodes.Success;
    }

    private static async Task UpdateAsync(CommandEnvironment environment, KeyRing ring, DecryptOptions options, string file, string? inputType, int? thresholdFlag, bool yes, CancellationToken cancellationToken)
    {
        if (Directory.Exists(file))
        {
            throw new CliException(ExitCodes.ErrorGeneric, $"{file}: is a folder; updatekeys takes files");
        }

        CommandInput input = CommandInput.Read(file, null, ExitCodes.ErrorGeneric);
        DocumentFormat format = input.Format(inputType);
        SopsMetadata metadata = input.Locate(() => SopsDocument.ParseEncrypted(input.Content, format)).Metadata;
        CreationRule rule = RuleFor(environment, file);
        IReadOnlyList<IReadOnlyList<IKeyRecipient>> groups = await environment.Keys.RecipientsAsync(Distinct(rule.KeyGroups), cancellationToken);

        // sops keeps the file's threshold (a note in its code asks for the rule's); crypt takes the
        // rule's when it has one, so the file ends up matching its rule. Capped at the groups.
        // 0 means "not given", as in sops (an unset IntFlag is 0).
        int wanted = thresholdFlag is > 0 and int given ? given : (groups.Count >= 2 && rule.ShamirThreshold > 0 ? rule.ShamirThreshold : metadata.ShamirThreshold);
        int newThreshold = Math.Min(wanted, groups.Count);
        IReadOnlyList<KeyGroupDiff> diffs = KeyGroupDiff.Compare(metadata.KeyGroups, groups);
        if (!diffs.Any(d => d.Changes) && newThreshold == metadata.ShamirThreshold)
        {
            CommandEnvironment.Warn($"{input.DisplayName}: already up to date");
            return;
        }

        Console.Out.Write(Describe(diffs, metadata.ShamirThreshold, newThreshold));
        Console.Out.Flush();
        if (!yes && !Confirm(input.DisplayName))
        {
            CommandEnvironment.Warn($"{input.DisplayName}: left unchanged");
            return;
        }

        using DecryptedDocument document = await CommandEnvironment.DecryptAsync(input, format, ring, options, cancellationToken);
        EncryptedDocument updated = await document.UpdateKeysAsync(groups, newThreshold, cancellationToken);
        EmitOptions emit = environment.EmitOptions(format);
        CommandOutput.Write(input, inPlace: true, output: null, plaintext: false, stream => SopsDocument.Emit(updated, format, emit, stream));
        CommandEnvironment.Warn($"{input.DisplayName}: synced with new keys");
        if (diffs.Any(d => d.Removed.Count > 0))
        {
            CommandEnvironment.Warn($"{input.DisplayName}: the data key is unchanged, so the removed keys can still decrypt earlier copies of this file (git history, backups); run 'crypt rotate -i {input.DisplayName}' to cut them off");
        }
    }

    private static CreationRule RuleFor(CommandEnvironment environment, string file)
    {
        CryptConfig config = environment.Config
            ?? throw new CliException(ExitCodes.ConfigFileNotFound, $"{file}: updatekeys needs creation rules, but no .sopsrc or .sops.yaml was found from {Directory.GetCurrentDirectory()} up (or give --config)");
        CreationRule rule = config.Match(file)
            ?? throw new CliException(ExitCodes.ErrorGeneric, $"{file}: no creation rule in {config.Path} matches this file");
        foreach (KeySpec spec in rule.KeyGroups.SelectMany(g => g))
        {
            if (spec is UnsupportedKeySpec)
            {
                throw new CliException(ExitCodes.NoEncryptionKeyFound, $"{file}: the creation rule in {config.Path} names a {spec.Type} key, which crypt cannot wrap the data key for (supported: age, pgp, kms, azure_keyvault); use sops updatekeys for this file");
            }
        }

        return rule;
    }

    // sops drops keys listed twice in one group.
    private static List<IReadOnlyList<KeySpec>> Distinct(IReadOnlyList<IReadOnlyList<KeySpec>> groups) =>
        [.. groups.Select(g => (IReadOnlyList<KeySpec>)[.. g.DistinctBy(k => (k.Type, KeyIdentity.Of(k)))])];

    private static string Describe(IReadOnlyList<KeyGroupDiff> diffs, int oldThreshold, int newThreshold)
    {
        StringBuilder text = new("The following changes will be made to the file's groups:\n");
        if (oldThreshold > 0 && oldThreshold == newThreshold)
        {
            text.Append("shamir_threshold: ").Append(newThreshold).Append('\n');
        }
        else
        {
            if (newThreshold > 0)
            {
                text.Append("+++ shamir_threshold: ").Append(newThreshold).Append('\n');
            }

            if (oldThreshold > 0)
            {
                text.Append("--- shamir_threshold: ").Append(oldThreshold).Append('\n');
            }
        }

        for (int i = 0; i < diffs.Count; i++)
        {
            text.Append(diffs[i].Format(i));
        }

        return text.ToString();
    }

    /// <summary>Asks on the terminal; refuses to guess when there is none.</summary>
    private static bool Confirm(string file)
    {
        if (Console.IsInputRedirected)
        {
            throw new CliException(ExitCodes.ErrorGeneric, $"{file}: not changed: standard input is not a terminal, so crypt cannot ask; review the changes above and pass --yes to apply them");
        }

        while (true)
        {
            Console.Out.Write("Is this okay? (y/n):");
            Console.Out.Flush();
            string? answer = Console.In.ReadLine()?.Trim();
            switch (answer)
            {
                case null:
                    throw new CliException(ExitCodes.ErrorGeneric, $"{file}: not changed: no answer");
                case "y":
                    return true;
                case "n":
                    return false;
            }
        }
    }
}

using System.CommandLine;
using Crypt.Cli.Files;
using Crypt.Config;
using Crypt.Crypto.Aws.Kms;
using Crypt.Crypto.Azure.KeyVault;
using Crypt.Crypto.KeySources;
using Crypt.Crypto.Pgp;
using Crypt.Formats;
using Crypt.Formats.Stores;
using Crypt.Keys;

namespace Crypt.Cli.Commands;

/// <summary>
/// <c>crypt groups add|delete</c> (sops groups, cmd/sops/subcommand/groups): add a key group made
/// of the given keys, or delete the group at an index, and re-wrap the same data key for the
/// resulting groups. Values, <c>lastmodified</c> and the MAC stay as they were; the file is
/// printed unless <c>-i</c>.
/// </summary>
internal static class GroupsCommand
{
    public static Command Create()
    {
        Command command = new("groups", """
            Add or delete a key group of an encrypted file (same data key, values untouched).

            Example:
              crypt groups add --file secrets.enc.yaml -i --age age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p
              crypt groups delete --file secrets.enc.yaml -i 1
            """);
        command.Subcommands.Add(CreateAdd());
        command.Subcommands.Add(CreateDelete());
        return command;
    }

    private static Command CreateAdd()
    {
        Options options = new();
        Option<string[]> age = new("--age") { Description = "age recipients of the new group (repeat or comma-separate)." };
        Option<string[]> pgp = new("--pgp") { Description = "PGP fingerprints of the new group (repeat or comma-separate)." };
        Option<string[]> kms = new("--kms") { Description = "AWS KMS key ARNs of the new group, each optionally +ROLE_ARN." };
        Option<string[]> azure = new("--azure-kv") { Description = "Azure Key Vault key URLs of the new group." };
        Option<string?> awsProfile = new("--aws-profile") { Description = "AWS profile for the --kms keys." };
        Option<string?> context = new("--encryption-context") { Description = "KMS encryption context, k1:v1,k2:v2." };
        Command command = new("add", """
            Add a key group holding the given keys. With several groups, --shamir-secret-sharing-threshold
            groups are needed to decrypt.

            Example:
              crypt groups add --file secrets.enc.yaml -i --age age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p --shamir-secret-sharing-threshold 2
            """);
        options.AddTo(command);
        command.Options.Add(age);
        command.Options.Add(pgp);
        command.Options.Add(kms);
        command.Options.Add(azure);
        command.Options.Add(awsProfile);
        command.Options.Add(context);
        command.SetAction((parsed, cancellationToken) =>
        {
            List<KeySpec> group = [.. Split(parsed.GetValue(age)).Select(r => new AgeKeySpec(r))];
            group.AddRange(Split(parsed.GetValue(pgp)).Select(f => new PgpKeySpec(PgpRecipient.Normalize(f))));
            IReadOnlyList<KeyValuePair<string, string>> pairs = parsed.GetValue(context) is { } text ? KmsKeyParser.ParseEncryptionContext(text) : [];
            group.AddRange(Split(parsed.GetValue(kms)).Select(a => new KmsKeySpec(KmsKeyParser.ParseOne(a, pairs, parsed.GetValue(awsProfile)))));
            group.AddRange(Split(parsed.GetValue(azure)).Select(u => new AzureKeySpec(AzureKeyVaultKeyReference.Parse(u))));

            if (group.Count == 0)
            {
                throw new CliException(ExitCodes.ErrorGeneric, "groups add needs at least one key: --age, --pgp, --kms or --azure-kv");
            }

            return RunAsync(parsed, options, groups => [.. groups, group], cancellationToken);
        });
        return command;
    }

    private static Command CreateDelete()
    {
        Options options = new();
        Argument<int> index = new("index") { Description = "The 0-based index of the group to delete." };
        Command command = new("delete", """
            Delete the key group at INDEX (0-based, in the order of the file's key_groups).

            Example:
              crypt groups delete --file secrets.enc.yaml -i 1
            """);
        options.AddTo(command);
        command.Arguments.Add(index);
        command.SetAction((parsed, cancellationToken) =>
        {
            int at = parsed.GetValue(index);
            return RunAsync(parsed, options, groups => at >= 0 && at < groups.Count
                ? [.. groups.Where((_, i) => i != at)]
                : throw new CliException(ExitCodes.ErrorGeneric, $"there is no key group {at}: the file has {groups.Count} (0 to {groups.Count - 1})"), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        ParseResult parsed,
        Options options,
        Func<IReadOnlyList<IReadOnlyList<KeySpec>>, IReadOnlyList<IReadOnlyList<KeySpec>>> change,
        CancellationToken cancellationToken)
    {
        string file = parsed.GetValue(options.File) ?? throw new CliException(ExitCodes.NoFileSpecified, "give the file with --file");
        CommandEnvironment environment = CommandEnvironment.From(parsed);
        CommandInput input = CommandInput.Read(file, null, ExitCodes.CouldNotReadInputFile);
        DocumentFormat format = input.Format(null);
        using KeyRing ring = environment.Keys.CreateKeyRing();
        using DecryptedDocument document = await CommandEnvironment.DecryptAsync(input, format, ring, environment.DecryptOptions(ignoreMac: false, keepIvs: true), cancellationToken);

        IReadOnlyList<IReadOnlyList<KeySpec>> current = [.. document.Metadata.KeyGroups.Select(g => (IReadOnlyList<KeySpec>)[.. g.Select(KeyServices.SpecOf)])];
        IReadOnlyList<IReadOnlyList<KeySpec>> groups = change(current);
        foreach (KeySpec spec in groups.SelectMany(g => g).OfType<UnsupportedKeySpec>())
        {
            throw new CliException(ExitCodes.NoEncryptionKeyFound, $"{input.DisplayName}: the file has a {spec.Type} key ({spec.Id}) that crypt cannot re-wrap; change its groups with sops");
        }

        int threshold = parsed.GetValue(options.Threshold) is > 0 and int given ? given : document.Metadata.ShamirThreshold;
        if (groups.Count < threshold)
        {
            // sops groups delete: the same refusal, before anything is written.
            throw new CliException(ExitCodes.ErrorGeneric, $"{input.DisplayName}: the Shamir threshold is {threshold}, but only {groups.Count} key groups would be left");
        }

        IReadOnlyList<IReadOnlyList<IKeyRecipient>> recipients = await environment.Keys.RecipientsAsync(groups, cancellationToken);
        EncryptedDocument updated = await document.UpdateKeysAsync(recipients, threshold, cancellationToken);
        EmitOptions emit = environment.EmitOptions(format);
        bool inPlace = parsed.GetValue(options.InPlace);
        CommandOutput.Write(input, inPlace, output: null, plaintext: false, stream => SopsDocument.Emit(updated, format, emit, stream));
        return ExitCodes.Success;
    }

    private static IEnumerable<string> Split(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',')).Select(v => v.Trim()).Where(v => v.Length > 0);

    /// <summary>The flags both subcommands take.</summary>
    private sealed class Options
    {
        public Option<string?> File { get; } = new("--file", "-f") { Description = "The encrypted file." };

        public Option<bool> InPlace { get; } = new("--in-place", "-i") { Description = "Write the result back to the file (atomically) instead of standard output." };

        public Option<int?> Threshold { get; } = new("--shamir-secret-sharing-threshold")
        {
            Description = "Key groups needed to decrypt afterwards (default: the file's).",
            Validators = { result => GlobalOptions.RejectNegative(result, "--shamir-secret-sharing-threshold") },
        };

        public void AddTo(Command command)
        {
            command.Options.Add(File);
            command.Options.Add(InPlace);
            command.Options.Add(Threshold);
        }
    }
}

using System.CommandLine;
using Crypt.Cli.Files;
using Crypt.Cli.Keys;
using Crypt.Config;
using Crypt.Crypto.KeySources;
using Crypt.Formats;
using Crypt.Formats.Stores;

namespace Crypt.Cli.Commands;

/// <summary>
/// <c>crypt rotate</c> (sops rotate): decrypt, apply <c>--add-*</c> (first group) and
/// <c>--rm-*</c> (every group), then encrypt every value under a new data key wrapped for the
/// resulting keys. A removed key can no longer open the rotated file.
/// </summary>
internal static class RotateCommand
{
    public static Command Create()
    {
        IoFlags io = new();
        RotateFlags keys = new();
        Option<bool> ignoreMac = new("--ignore-mac") { Description = "Do not check the MAC of the file being rotated." };
        Command command = new("rotate", """
            Generate a new data key and re-encrypt every value with it, optionally adding keys to
            the first key group and removing keys from all groups. Run it after removing a
            recipient (updatekeys alone leaves old copies of the file open to them).
            The result goes to standard output unless -i or --output is given.

            Example:
              crypt rotate -i secrets.enc.yaml
              crypt rotate -i --rm-age age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p secrets.enc.yaml
              crypt rotate -i --add-kms arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab secrets.enc.yaml
            """);
        io.AddTo(command);
        keys.AddTo(command);
        command.Options.Add(ignoreMac);
        command.SetAction((parsed, cancellationToken) => RunAsync(parsed, io, keys, ignoreMac, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parsed, IoFlags io, RotateFlags flags, Option<bool> ignoreMac, CancellationToken cancellationToken)
    {
        CommandEnvironment environment = CommandEnvironment.From(parsed);
        string? file = parsed.GetValue(io.File);
        if (file is null or "-")
        {
            throw new CliException(ExitCodes.NoFileSpecified, "rotate needs a file: crypt rotate [-i] FILE");
        }

        if (!File.Exists(file) && flags.ChangesKeys(parsed))
        {
            throw new CliException(ExitCodes.CannotChangeKeysFromNonExistentFile, $"{file}: cannot add or remove keys of a file that does not exist; create it with crypt encrypt --age/--kms/--azure-kv");
        }

        IReadOnlyList<KeySpec> additions = flags.Additions(parsed);
        IReadOnlyList<KeySelector> removals = flags.Removals(parsed);
        CommandInput input = CommandInput.Read(file, parsed.GetValue(io.FilenameOverride), ExitCodes.CouldNotReadInputFile);
        bool inPlace = parsed.GetValue(io.InPlace);
        string? output = parsed.GetValue(io.Output);
        CommandOutput.Validate(input, inPlace, output);
        DocumentFormat format = input.Format(parsed.GetValue(io.InputType));
        DocumentFormat outputFormat = input.OutputFormat(parsed.GetValue(io.OutputType), format);

        using KeyRing ring = environment.Keys.CreateKeyRing();
        DecryptOptions options = environment.DecryptOptions(parsed.GetValue(ignoreMac), keepIvs: true);
        using DecryptedDocument document = await CommandEnvironment.DecryptAsync(input, format, ring, options, cancellationToken);

        KeyGroupEdit edit = KeyGroupEdit.Apply(document.Metadata.KeyGroups, additions, removals);
        foreach (KeySelector unmatched in edit.Unmatched)
        {
            CommandEnvironment.Warn($"{input.DisplayName}: no {unmatched} key to remove");
        }

        CheckRewrappable(input.DisplayName, edit);
        IReadOnlyList<IReadOnlyList<IKeyRecipient>> recipients = await environment.Keys.RecipientsAsync(edit.Groups, cancellationToken);
        EncryptedDocument rotated = await document.RotateAsync(recipients, document.Metadata.ShamirThreshold, cancellationToken);
        EmitOptions emit = environment.EmitOptions(outputFormat);
        CommandOutput.Write(input, inPlace, output, plaintext: false, stream => SopsDocument.Emit(rotated, outputFormat, emit, stream));
        return ExitCodes.Success;
    }

    /// <summary>
    /// Refuses before any key service is called when the new key list cannot be written: a
    /// key type crypt cannot wrap (dropping a teammate's key silently would lock them out) or a
    /// group left empty.
    /// </summary>
    private static void CheckRewrappable(string file, KeyGroupEdit edit)
    {
        foreach (KeySpec spec in edit.Groups.SelectMany(g => g))
        {
            if (spec is UnsupportedKeySpec opaque)
            {
                string flag = opaque.Type switch
                {
                    "hc_vault" => "--rm-hc-vault-transit",
                    "gcp_kms" => "--rm-gcp-kms",
                    _ => "--rm-" + opaque.Type,
                };
                throw new CliException(
                    ExitCodes.NoEncryptionKeyFound,
                    $"{file}: the file has a {opaque.Type} key ({opaque.Id}) that crypt cannot re-wrap, so rotating would lock its holder out; rotate with sops, or drop the key explicitly with {flag} {opaque.Id}");
            }
        }

        for (int g = 0; g < edit.Groups.Count; g++)
        {
            if (edit.Groups[g].Count == 0)
            {
                throw new CliException(ExitCodes.NoEncryptionKeyFound, $"{file}: removing those keys would leave key group {g + 1} with no key; add one with --add-age/--add-pgp/--add-kms/--add-azure-kv");
            }
        }
    }
}

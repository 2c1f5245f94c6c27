using System.CommandLine;
using Crypt.Cli.Files;
using Crypt.Config;
using Crypt.Crypto.KeySources;
using Crypt.Formats;
using Crypt.Formats.Metadata;
using Crypt.Formats.Stores;

namespace Crypt.Cli.Commands;

/// <summary><c>crypt encrypt</c>: encrypt a plaintext file under a new data key (sops encrypt).</summary>
internal static class EncryptCommand
{
    public static Command Create()
    {
        IoFlags io = new();
        KeyFlags keys = new();
        Command command = new("encrypt", """
            Encrypt a plaintext YAML, JSON, .env or binary file under a new data key.
            Keys come from --age/--pgp/--kms/--azure-kv (or SOPS_AGE_RECIPIENTS...), else the first
            matching creation rule in .sopsrc/.sops.yaml.

            Example:
              crypt encrypt --age age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p secrets.yaml > secrets.enc.yaml
              crypt encrypt -i secrets.yaml
            """);
        io.AddTo(command);
        keys.AddTo(command);
        command.SetAction((parsed, cancellationToken) => RunAsync(parsed, io, keys, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parsed, IoFlags io, KeyFlags keys, CancellationToken cancellationToken)
    {
        CommandEnvironment environment = CommandEnvironment.From(parsed);
        string? filenameOverride = parsed.GetValue(io.FilenameOverride);
        string? file = parsed.GetValue(io.File);
        if (file is null or "-" && filenameOverride is null)
        {
            throw new CliException(ExitCodes.ErrorConflictingParameters, "encrypting standard input needs --filename-override NAME (it decides the format and the creation rule)");
        }

        CommandInput input = CommandInput.Read(file, filenameOverride);
        bool inPlace = parsed.GetValue(io.InPlace);
        string? output = parsed.GetValue(io.Output);
        CommandOutput.Validate(input, inPlace, output);
        DocumentFormat format = input.Format(parsed.GetValue(io.InputType));
        DocumentFormat outputFormat = input.OutputFormat(parsed.GetValue(io.OutputType), format);

        CreationRule settings = input.Locate(() => keys.Resolve(parsed, environment, input.NamingPath));
        IReadOnlyList<IReadOnlyList<IKeyRecipient>> groups = await input.LocateAsync(() => environment.Keys.RecipientsAsync(settings.KeyGroups, cancellationToken));
        EncryptOptions options = new()
        {
            KeyGroups = groups,
            ShamirThreshold = settings.ShamirThreshold,
            Rule = settings.Rule ?? EncryptionRule.Default,
            MacOnlyEncrypted = settings.MacOnlyEncrypted,
        };
        EncryptedDocument encrypted = await input.LocateAsync(() => SopsDocument.EncryptAsync(input.Content, format, options, cancellationToken));
        foreach (string warning in encrypted.Warnings)
        {
            CommandEnvironment.Warn(warning);
        }

        EmitOptions emit = environment.EmitOptions(outputFormat);
        CommandOutput.Write(input, inPlace, output, plaintext: false, stream => SopsDocument.Emit(encrypted, outputFormat, emit, stream));
        return ExitCodes.Success;
    }
}

using System.CommandLine;
using Crypt.Cli.Files;
using Crypt.Crypto.KeySources;
using Crypt.Formats;

namespace Crypt.Cli.Processes;

/// <summary>
/// The decrypt half of exec-env and exec-file: the same key ring, MAC check and flags as
/// <c>decrypt</c>, but the input must be a file (the command inherits standard input).
/// </summary>
internal static class ExecDecryption
{
    /// <summary>Reads and decrypts <paramref name="file"/>; the caller disposes the document.</summary>
    public static async Task<(CommandInput Input, DecryptedDocument Document)> DecryptAsync(
        ParseResult parsed,
        string file,
        string? inputType,
        bool ignoreMac,
        CancellationToken cancellationToken)
    {
        if (file == "-")
        {
            throw new CliException(ExitCodes.NoFileSpecified, "exec-env and exec-file need a file to decrypt: standard input is passed to the command");
        }

        CommandEnvironment environment = CommandEnvironment.From(parsed);
        CommandInput input = CommandInput.Read(file, null, ExitCodes.CouldNotReadInputFile);
        Formats.Stores.DocumentFormat format = input.Format(inputType);
        using KeyRing keys = environment.Keys.CreateKeyRing();
        DecryptedDocument document = await CommandEnvironment.DecryptAsync(input, format, keys, environment.DecryptOptions(ignoreMac, keepIvs: false), cancellationToken);
        return (input, document);
    }
}

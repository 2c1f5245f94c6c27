using System.CommandLine;
using System.Security.Cryptography;
using Crypt.Cli.Editing;
using Crypt.Cli.Files;
using Crypt.Cli.Processes;
using Crypt.Formats;
using Crypt.Formats.Stores;

namespace Crypt.Cli.Commands;

/// <summary>
/// <c>crypt exec-file FILE COMMAND</c> (sops exec-file, FORMAT.md §10): decrypt, hand the
/// plaintext to <c>/bin/sh -c COMMAND</c> through a path that replaces <c>{}</c>: a FIFO in a
/// fresh 0700 folder (nothing on disk), or with <c>--no-fifo</c> a 0600 file in it. The folder
/// is removed when the command ends, and at once on SIGINT/SIGTERM/SIGHUP.
/// </summary>
internal static class ExecFileCommand
{
    private const string DefaultFileName = "tmp-file";

    public static Command Create()
    {
        Argument<string> file = new("file") { Description = "The encrypted file." };
        Argument<string> command = new("command") { Description = "The command line, run with /bin/sh -c; {} is replaced by the plaintext's path." };
        Option<string?> inputType = new("--input-type") { Description = "yaml, json, dotenv or binary (default: by file extension)." };
        Option<string?> outputType = new("--output-type") { Description = "Format of the plaintext handed to the command (default: by file extension)." };
        Option<bool> ignoreMac = new("--ignore-mac") { Description = "Do not check the MAC (for recovering a damaged file)." };
        Option<bool> noFifo = new("--no-fifo") { Description = "Use a private 0600 temp file instead of a FIFO (for commands that seek or read twice)." };
        Option<string?> fileName = new("--filename") { Description = $"The name of the FIFO or file inside the private folder (default: {DefaultFileName})." };
        Option<string?> user = new("--user") { Description = "Run the command as this user (needs root); the private folder and plaintext are handed to that user." };
        Command result = new("exec-file", """
            Run a command with the decrypted file at a path that replaces {} in the command.
            By default the path is a FIFO: the plaintext never touches the disk, and the command
            can read it once. With --no-fifo it is a 0600 file in a private folder, removed
            afterwards. The command's exit status is crypt's.

            Example:
              crypt exec-file secrets.enc.yaml 'kubectl apply -f {}'
              crypt exec-file --no-fifo --filename config.json app.enc.json './app --config {}'
            """);
        result.Arguments.Add(file);
        result.Arguments.Add(command);
        result.Options.Add(inputType);
        result.Options.Add(outputType);
        result.Options.Add(ignoreMac);
        result.Options.Add(noFifo);
        result.Options.Add(fileName);
        result.Options.Add(user);

        // Synchronous on purpose, as exec-env: crypt waits for the child, whatever signal comes.
        result.SetAction(parsed => RunAsync(
            parsed,
            new Request(
                parsed.GetValue(file)!,
                parsed.GetValue(command)!,
                parsed.GetValue(inputType),
                parsed.GetValue(outputType),
                parsed.GetValue(ignoreMac),
                parsed.GetValue(noFifo),
                parsed.GetValue(fileName) ?? DefaultFileName,
                parsed.GetValue(user))).GetAwaiter().GetResult());
        return result;
    }

    private static async Task<int> RunAsync(ParseResult parsed, Request request)
    {
        if (request.FileName.Length == 0 || request.FileName is "." or ".." || request.FileName.IndexOfAny(['/', '\\', '\0']) >= 0)
        {
            throw new CliException(ExitCodes.ErrorGeneric, $"--filename must be a plain file name, not a path (got '{request.FileName}')");
        }

        RunAsUser? user = request.User is null ? null : RunAsUser.Resolve(request.User);
        byte[] plaintext;
        (CommandInput input, DecryptedDocument document) = await ExecDecryption.DecryptAsync(parsed, request.File, request.InputType, request.IgnoreMac, CancellationToken.None);
        using (document)
        {
            DocumentFormat outputFormat = input.OutputFormat(request.OutputType, input.Format(request.InputType));
            CommandEnvironment environment = CommandEnvironment.From(parsed);
            plaintext = input.Locate(() => SopsDocument.EmitPlain(document.Tree, outputFormat, environment.EmitOptionsLenient(outputFormat)));
        }

        try
        {
            using PrivateTempDirectory folder = new();

            // From before the plaintext is written until the command has ended, a signal removes
            // the folder at once and is passed on to the command (ShellCommand).
            using SignalForwarding signals = SignalForwarding.Install(folder.Dispose);
            if (signals.Pending is int early)
            {
                return 128 + early;
            }

            string path = Path.Combine(folder.FullPath, request.FileName);
            Fifo? fifo = request.NoFifo ? null : Fifo.TryCreate(path, plaintext);
            if (fifo is null)
            {
                _ = folder.WriteFile(request.FileName, plaintext);
            }

            // The folder and the plaintext stay 0700/0600, but owned by the user who reads them.
            user?.Own(folder.FullPath);
            user?.Own(path);
            int exitCode = ShellCommand.Run(request.Command.Replace("{}", path, StringComparison.Ordinal), [], pristine: false, signals, user);
            fifo?.Finish(TimeSpan.FromSeconds(2));
            return exitCode;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private sealed record Request(string File, string Command, string? InputType, string? OutputType, bool IgnoreMac, bool NoFifo, string FileName, string? User);
}

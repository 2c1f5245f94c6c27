using System.CommandLine;
using Crypt.Cli.Commands;
using Crypt.Cli.Editing;
using Crypt.Cli.Processes;
using Crypt.Crypto.Age;
using Crypt.Crypto.Errors;
using Crypt.Errors;
using Crypt.Formats.Encryption;
using Crypt.Formats.Metadata;
using Crypt.Formats.Stores;
using Crypt.Formats.Tree;

namespace Crypt.Cli;

/// <summary>
/// Builds the root command and runs it. The one place that catches broadly: each failure family
/// becomes one line on stderr and a documented exit code (sops's numbers); a stack trace only
/// with <c>--verbose</c>.
/// </summary>
internal static class CryptApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        NoCoreDumps.Apply(); // before any key or secret is read
        RootCommand root = new("Crypt: keep secrets in git. Encrypts the values of YAML, JSON and .env files; files are compatible with SOPS 3.x.");
        GlobalOptions.AddTo(root);
        foreach (Command command in Commands())
        {
            root.Subcommands.Add(command);
        }

        AgePluginConnection.MessageReceived = CommandEnvironment.Warn;
        ParseResult? parsed = null;
        try
        {
            parsed = root.Parse(ClassicCommandLine.Rewrite(args, root));
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            (int code, string message) = Describe(e);
            await Console.Error.WriteLineAsync($"crypt: {message}");
            if (parsed?.GetValue(GlobalOptions.Verbose) == true)
            {
                await Console.Error.WriteAsync(VerboseDetails(e));
            }

            return code;
        }
    }

    /// <summary>
    /// What <c>--verbose</c> adds: every exception in the chain with its stack. Messages only of
    /// Crypt's own exceptions, which are written never to hold a value (THREATS.md); a runtime
    /// exception's message may quote its input (.NET's FormatException names the string it could
    /// not parse), so only its type is shown.
    /// </summary>
    internal static string VerboseDetails(Exception e)
    {
        var details = new System.Text.StringBuilder();
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            details.Append(current == e ? "" : "caused by: ").Append(current.GetType().FullName);
            details.AppendLine(current is CryptException or CliException ? $": {current.Message}" : " (message not shown: it may quote the input)");
            if (current.StackTrace is { } stack)
            {
                details.AppendLine(stack);
            }
        }

        return details.ToString();
    }

    /// <summary>
    /// The exit code and the one-line message for a failure: the only place a failure becomes an
    /// exit code. Each failure has its own type, so the type alone decides (sops's numbers,
    /// cmd/sops/codes/codes.go); the file a failure happened in is part of its message.
    /// </summary>
    internal static (int Code, string Message) Describe(Exception e) => e switch
    {
        CliException cli => (cli.ExitCode, cli.Message),
        ConfigException config => (ExitCodes.ErrorReadingConfig, config.Message),
        KeyDiscoveryException keys => (ExitCodes.CouldNotRetrieveKey, keys.Message),
        ShellSyntaxException syntax => (ExitCodes.ErrorGeneric, syntax.Message),
        EditCancelledException cancelled => (Describe(cancelled.Problem).Code, cancelled.Message),
        FileAlreadyEncryptedException encrypted => (ExitCodes.FileAlreadyEncrypted, encrypted.Message),
        EmptyDocumentException empty => (ExitCodes.NeedAtLeastOneDocument, empty.Message),
        MetadataNotFoundException missing => (ExitCodes.ErrorGeneric, missing.Message),
        UnrepresentableOutputException output => (ExitCodes.ErrorDumpingTree, output.Message),
        InvalidTreePathException path => (ExitCodes.InvalidTreePathFormat, path.Message),
        InvalidSetException set => (ExitCodes.ErrorInvalidSetFormat, set.Message),
        InvalidEncryptionContextException context => (ExitCodes.ErrorInvalidKmsEncryptionContextFormat, context.Message),
        MalformedKeyException key => (ExitCodes.NoEncryptionKeyFound, key.Message),
        InvalidDecryptionOrderException order => (ExitCodes.DuplicateDecryptionKeyType, order.Message),
        AgeException age => (ExitCodes.CouldNotRetrieveKey, age.Message),
        MacMismatchException mac => (ExitCodes.MacMismatch, mac.Message),
        ValueDecryptionException value => (ExitCodes.ErrorDecryptingTree, value.Message),
        NoMatchingKeyException keys => (ExitCodes.CouldNotRetrieveKey, keys.Message),
        KeySourceException key => (ExitCodes.CouldNotRetrieveKey, key.Message),
        KeyWrapException { WhileCreatingFile: true } wrap => (ExitCodes.CouldNotRetrieveKey, wrap.Message),
        KeyWrapException wrap => (ExitCodes.ErrorGeneric, wrap.Message),

        // Reaches here only from wrapping (opening a pgp entry fails into NoMatchingKeyException):
        // sops's encrypt, rotate and updatekeys return that error uncoded, so exit 1.
        GpgException gpg => (ExitCodes.ErrorGeneric, gpg.Message),
        CryptFormatException format => (ExitCodes.CouldNotReadInputFile, format.Message),
        OperationCanceledException => (ExitCodes.KeyboardInterrupt, "interrupted"),
        _ => (ExitCodes.ErrorGeneric, $"internal error ({e.GetType().Name}); run with --verbose for details"),
    };

    private static IEnumerable<Command> Commands()
    {
        yield return EncryptCommand.Create();
        yield return DecryptCommand.Create();
        yield return FilestatusCommand.Create();
        yield return VersionInfoCommand.Create();
        yield return KeygenCommand.Create();
        yield return EditCommand.Create();
        yield return SetCommand.Create();
        yield return UnsetCommand.Create();
        yield return ExecEnvCommand.Create();
        yield return ExecFileCommand.Create();
        yield return RotateCommand.Create();
        yield return UpdateKeysCommand.Create();
        yield return GroupsCommand.Create();
        yield return CompletionCommand.Create();
    }
}

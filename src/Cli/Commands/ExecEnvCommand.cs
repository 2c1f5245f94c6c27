using System.CommandLine;
using Crypt.Cli.Files;
using Crypt.Cli.Processes;
using Crypt.Formats;

namespace Crypt.Cli.Commands;

/// <summary>
/// <c>crypt exec-env FILE COMMAND</c> (sops exec-env, FORMAT.md §10): decrypt, put the top-level
/// scalars into the environment of <c>/bin/sh -c COMMAND</c>, return its exit status. Nothing is
/// written to disk; the values are readable by the same user through /proc while it runs.
/// </summary>
internal static class ExecEnvCommand
{
    public static Command Create()
    {
        Argument<string> file = new("file") { Description = "The encrypted file." };
        Argument<string> command = new("command") { Description = "The command line, run with /bin/sh -c." };
        Option<string?> inputType = new("--input-type") { Description = "yaml, json, dotenv or binary (default: by file extension)." };
        Option<bool> ignoreMac = new("--ignore-mac") { Description = "Do not check the MAC (for recovering a damaged file)." };
        Option<bool> pristine = new("--pristine") { Description = "Give the command only the decrypted values, not crypt's own environment." };
        Option<bool> sameProcess = new("--same-process") { Description = "Replace crypt with the command (exec) instead of running it as a child." };
        Option<string?> user = new("--user") { Description = "Run the command as this user (needs root; HOME, USER, LOGNAME and groups set as for a login)." };
        Command result = new("exec-env", """
            Run a command with the decrypted top-level values of a file in its environment.
            Strings are passed as they are; numbers and booleans as text; maps and lists are
            refused. Nothing is written to disk, but any process of the same user can read a
            running process's environment: prefer exec-file for the most sensitive values.
            The command's exit status is crypt's.

            Example:
              crypt exec-env secrets.enc.yaml './app --port 8080'
              crypt exec-env --pristine app.enc.env 'env | sort'
            """);
        result.Arguments.Add(file);
        result.Arguments.Add(command);
        result.Options.Add(inputType);
        result.Options.Add(ignoreMac);
        result.Options.Add(pristine);
        result.Options.Add(sameProcess);
        result.Options.Add(user);

        // A synchronous action on purpose: System.CommandLine's async pipeline answers SIGINT and
        // SIGTERM by ending crypt after a timeout, while the child runs on; here crypt waits for it.
        result.SetAction(parsed => RunAsync(
            parsed,
            parsed.GetValue(file)!,
            parsed.GetValue(command)!,
            parsed.GetValue(inputType),
            parsed.GetValue(ignoreMac),
            parsed.GetValue(pristine),
            parsed.GetValue(sameProcess),
            parsed.GetValue(user)).GetAwaiter().GetResult());
        return result;
    }

    private static async Task<int> RunAsync(ParseResult parsed, string file, string command, string? inputType, bool ignoreMac, bool pristine, bool sameProcess, string? userName)
    {
        RunAsUser? user = userName is null ? null : RunAsUser.Resolve(userName);
        List<KeyValuePair<string, string>> variables;
        (CommandInput input, DecryptedDocument document) = await ExecDecryption.DecryptAsync(parsed, file, inputType, ignoreMac, CancellationToken.None);
        using (document)
        {
            variables = SecretEnvironment.From(document.Tree, input.DisplayName, input.Format(inputType));
        }

        if (sameProcess)
        {
            ShellCommand.Exec(command, variables, pristine, user);
        }

        using SignalForwarding signals = SignalForwarding.Install(onSignal: null);
        return ShellCommand.Run(command, variables, pristine, signals, user);
    }
}

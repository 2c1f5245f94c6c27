using System.CommandLine;
using Crypt.Cli.Editing;
using Crypt.Cli.Files;
using Crypt.Formats.Tree;

namespace Crypt.Cli.Commands;

/// <summary>
/// <c>crypt unset</c>: remove a key or list item from an encrypted file, in place, with the same
/// data key (sops unset). The other values keep their exact ciphertext.
/// </summary>
internal static class UnsetCommand
{
    public static Command Create()
    {
        Argument<string> file = new("file") { Description = "The encrypted file to change in place." };
        Argument<string> path = new("path") { Description = "What to remove, e.g. '[\"db\"][\"password\"]' or '[\"hosts\"][0]'." };
        Option<bool> idempotent = new("--idempotent") { Description = "Succeed without writing when the path is not there." };
        Option<bool> ignoreMac = new("--ignore-mac") { Description = "Do not check the MAC (for recovering a damaged file)." };
        Option<string?> inputType = new("--input-type") { Description = "yaml, json, dotenv or binary (default: by file extension)." };
        Option<string?> outputType = new("--output-type") { Description = "yaml, json, dotenv or binary: the format written back (default: by file extension)." };
        Command command = new("unset", """
            Remove a key or a list item from an encrypted file, in place.

            Example:
              crypt unset secrets.enc.yaml '["db"]["old_password"]'
              crypt unset --idempotent secrets.enc.yaml '["hosts"][2]'
            """);
        command.Arguments.Add(file);
        command.Arguments.Add(path);
        command.Options.Add(idempotent);
        command.Options.Add(ignoreMac);
        command.Options.Add(inputType);
        command.Options.Add(outputType);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            TreePath treePath = CommandInput.Locate(parsed.GetValue(file)!, () => TreePath.ParseForChange(parsed.GetValue(path)!, "unset"));
            CommandEnvironment environment = CommandEnvironment.From(parsed);
            using InPlaceDocument document = await InPlaceDocument.OpenAsync(
                parsed.GetValue(file)!, parsed.GetValue(inputType), parsed.GetValue(outputType), parsed.GetValue(ignoreMac), parsed, environment, cancellationToken);
            TreeDocument tree = document.Tree.Clone();
            if (tree.Branches.Count == 0 || !treePath.Remove(tree.Branches[0]))
            {
                return parsed.GetValue(idempotent)
                    ? ExitCodes.Success
                    : throw new CliException(ExitCodes.ErrorGeneric, $"{document.Input.DisplayName}: {treePath} not found; nothing removed (--idempotent accepts a missing path)");
            }

            document.Save(tree, environment);
            return ExitCodes.Success;
        });
        return command;
    }
}

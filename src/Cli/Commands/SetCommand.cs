using System.CommandLine;
using Crypt.Cli.Editing;
using Crypt.Cli.Files;
using Crypt.Formats.Tree;

namespace Crypt.Cli.Commands;

/// <summary>
/// <c>crypt set</c>: put a JSON value at a tree path of an encrypted file and write it back in
/// place with the same data key (sops set). The other values keep their exact ciphertext.
/// </summary>
internal static class SetCommand
{
    public static Command Create()
    {
        Argument<string> file = new("file") { Description = "The encrypted file to change in place." };
        Argument<string> path = new("path") { Description = "Where to set the value, e.g. '[\"db\"][\"password\"]' or '[\"hosts\"][0]'." };
        Argument<string?> value = new("value") { Description = "The value as JSON ('\"text\"', 42, true, null, {\"a\": 1}); a file name with --value-file; omitted with --value-stdin.", Arity = ArgumentArity.ZeroOrOne };
        Option<bool> valueFile = new("--value-file") { Description = "Treat 'value' as a file to read the JSON value from (keeps the secret out of process listings)." };
        Option<bool> valueStdin = new("--value-stdin") { Description = "Read the JSON value from standard input (keeps the secret out of process listings)." };
        Option<bool> idempotent = new("--idempotent") { Description = "Do not write the file when the path already holds the value." };
        Option<bool> ignoreMac = new("--ignore-mac") { Description = "Do not check the MAC (for recovering a damaged file)." };
        Option<string?> inputType = new("--input-type") { Description = "yaml, json, dotenv or binary (default: by file extension)." };
        Option<string?> outputType = new("--output-type") { Description = "yaml, json, dotenv or binary: the format written back (default: by file extension)." };
        Command command = new("set", """
            Set a value at a path of an encrypted file, in place. The value is JSON: scalar numbers
            become floats as in sops; objects keep integers; a top-level array is refused.
            Missing maps and list slots on the path are created.

            Example:
              crypt set secrets.enc.yaml '["db"]["password"]' '"s3cr3t"'
              printf '"s3cr3t"' | crypt set --value-stdin secrets.enc.yaml '["db"]["password"]'
              crypt set --value-file secrets.enc.yaml '["tls"]' tls.json
            """);
        command.Arguments.Add(file);
        command.Arguments.Add(path);
        command.Arguments.Add(value);
        command.Options.Add(valueFile);
        command.Options.Add(valueStdin);
        command.Options.Add(idempotent);
        command.Options.Add(ignoreMac);
        command.Options.Add(inputType);
        command.Options.Add(outputType);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            bool fromFile = parsed.GetValue(valueFile);
            bool fromStdin = parsed.GetValue(valueStdin);
            string? valueText = parsed.GetValue(value);
            if (fromFile && fromStdin)
            {
                throw new CliException(ExitCodes.ErrorGeneric, "use only one of --value-file and --value-stdin");
            }

            if (fromStdin == valueText is not null)
            {
                throw new CliException(ExitCodes.NoFileSpecified, fromStdin
                    ? "with --value-stdin give only the file and the path"
                    : "give the file, the path and the value (or --value-stdin)");
            }

            string target = parsed.GetValue(file)!;
            TreePath treePath = CommandInput.Locate(target, () => TreePath.ParseForChange(parsed.GetValue(path)!, "set"));
            TreeNode node = CommandInput.Locate(target, () => SetValue.Parse(ReadValue(valueText, fromFile)));
            CommandEnvironment environment = CommandEnvironment.From(parsed);
            using InPlaceDocument document = await InPlaceDocument.OpenAsync(
                parsed.GetValue(file)!, parsed.GetValue(inputType), parsed.GetValue(outputType), parsed.GetValue(ignoreMac), parsed, environment, cancellationToken);
            TreeDocument tree = document.Tree.Clone();
            bool changed = document.Input.Locate(() => Apply(tree, treePath, node));
            if (!changed && parsed.GetValue(idempotent))
            {
                return ExitCodes.Success;
            }

            // Without --idempotent an unchanged value is still written (as sops does): new
            // lastmodified and MAC, every value's ciphertext the same.
            document.Save(tree, environment);
            return ExitCodes.Success;
        });
        return command;
    }

    private static byte[] ReadValue(string? valueText, bool fromFile)
    {
        try
        {
            if (valueText is null)
            {
                using Stream stdin = Console.OpenStandardInput();
                using MemoryStream buffer = new();
                stdin.CopyTo(buffer);
                return buffer.ToArray();
            }

            return fromFile ? File.ReadAllBytes(valueText) : System.Text.Encoding.UTF8.GetBytes(valueText);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string source = valueText ?? "standard input";
            throw new CliException(ExitCodes.ErrorGeneric, $"{source}: cannot read the value: {e.Message}");
        }
    }

    private static bool Apply(TreeDocument tree, TreePath path, TreeNode value)
    {
        if (tree.Branches.Count == 0)
        {
            tree.Branches.Add(new TreeMap());
        }

        return path.Set(tree.Branches[0], value);
    }
}

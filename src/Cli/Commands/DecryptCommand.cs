using System.CommandLine;
using System.Text;
using Crypt.Cli.Files;
using Crypt.Crypto.KeySources;
using Crypt.Formats;
using Crypt.Formats.Stores;
using Crypt.Formats.Tree;

namespace Crypt.Cli.Commands;

/// <summary><c>crypt decrypt</c>: recover the data key, decrypt, check the MAC, print or write the plaintext.</summary>
internal static class DecryptCommand
{
    public static Command Create()
    {
        IoFlags io = new();
        Option<string?> extract = new("--extract") { Description = "Print only the value at this path, e.g. '[\"db\"][\"password\"]' (strings raw, no newline)." };
        Option<bool> ignoreMac = new("--ignore-mac") { Description = "Do not check the MAC (for recovering a damaged file)." };
        Command command = new("decrypt", """
            Decrypt a file encrypted by crypt or sops. Keys: age identities from SOPS_AGE_KEY,
            SOPS_AGE_KEY_FILE, SOPS_AGE_KEY_CMD and ~/.config/sops/age/keys.txt; AWS and Azure
            credentials from their SDKs' usual places.

            Example:
              crypt decrypt secrets.enc.yaml
              crypt decrypt --extract '["db"]["password"]' secrets.enc.yaml
              crypt decrypt --output-type dotenv app.enc.json > app.env
            """);
        io.AddTo(command);
        command.Options.Add(extract);
        command.Options.Add(ignoreMac);
        command.SetAction((parsed, cancellationToken) => RunAsync(parsed, io, extract, ignoreMac, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parsed, IoFlags io, Option<string?> extract, Option<bool> ignoreMac, CancellationToken cancellationToken)
    {
        CommandEnvironment environment = CommandEnvironment.From(parsed);
        CommandInput input = CommandInput.Read(parsed.GetValue(io.File), parsed.GetValue(io.FilenameOverride));
        TreePath? path = parsed.GetValue(extract) is { } extractText ? input.Locate(() => TreePath.Parse(extractText)) : null;
        bool inPlace = parsed.GetValue(io.InPlace);
        string? output = parsed.GetValue(io.Output);
        CommandOutput.Validate(input, inPlace, output);
        DocumentFormat format = input.Format(parsed.GetValue(io.InputType));
        DocumentFormat outputFormat = input.OutputFormat(parsed.GetValue(io.OutputType), format);

        using KeyRing keys = environment.Keys.CreateKeyRing();
        DecryptOptions options = input.Locate(() => environment.DecryptOptions(parsed.GetValue(ignoreMac), keepIvs: false));
        using DecryptedDocument document = await CommandEnvironment.DecryptAsync(input, format, keys, options, cancellationToken);

        EmitOptions emit = environment.EmitOptionsLenient(outputFormat);
        CommandOutput.Write(input, inPlace, output, plaintext: true, path is null
            ? stream => SopsDocument.EmitPlain(document.Tree, outputFormat, emit, stream)
            : stream => stream.Write(Extract(document.Tree, path, outputFormat, emit, input.DisplayName)));
        return ExitCodes.Success;
    }

    /// <summary>sops's <c>--extract</c>: a string prints raw, a map as a document, anything else as a value.</summary>
    private static byte[] Extract(TreeDocument tree, TreePath path, DocumentFormat format, EmitOptions emit, string file)
    {
        TreeNode node = (tree.Branches.Count > 0 ? path.Find(tree.Branches[0]) : null)
            ?? throw new CliException(ExitCodes.ErrorGeneric, $"{file}: {path} not found");
        return node switch
        {
            TreeScalar { Kind: ScalarKind.String } text => Encoding.UTF8.GetBytes(text.Text),
            TreeMap map => SopsDocument.EmitPlain(new TreeDocument(map), format, emit),
            _ => SopsDocument.EmitValue(node, format, emit),
        };
    }
}

using System.CommandLine;
using System.Security.Cryptography;
using Crypt.Cli.Editing;
using Crypt.Cli.Files;
using Crypt.Config;
using Crypt.Crypto.KeySources;
using Crypt.Formats;
using Crypt.Formats.Metadata;
using Crypt.Formats.Stores;
using Crypt.Formats.Tree;

namespace Crypt.Cli.Commands;

/// <summary>
/// <c>crypt edit</c>: decrypt to a private temp file, run the editor, re-encrypt with the same
/// data key (unchanged values keep their ciphertext) and replace the file atomically. A file
/// that does not exist starts from an example document encrypted for the given keys.
/// </summary>
internal static class EditCommand
{
    public static Command Create()
    {
        Argument<string> file = new("file") { Description = "The encrypted file to edit (created when it does not exist)." };
        Option<bool> ignoreMac = new("--ignore-mac") { Description = "Do not check the MAC (for recovering a damaged file)." };
        Option<string?> inputType = new("--input-type") { Description = "yaml, json, dotenv or binary (default: by file extension)." };
        Option<string?> outputType = new("--output-type") { Description = "yaml, json, dotenv or binary: the format shown in the editor and written back (default: by file extension)." };
        Option<bool> showMasterKeys = new("--show-master-keys", "-s") { Description = "Show the sops metadata section (master keys, MAC, settings) in the editor, for reference: only the values are saved." };
        KeyFlags keys = new();
        Command command = new("edit", """
            Edit an encrypted file in $SOPS_EDITOR, $EDITOR, or vim/nano/vi. The plaintext lives only
            in a private temp folder while the editor runs. Values you do not change keep their
            exact ciphertext, so a diff shows only your edits. A new file is encrypted for
            --age/--pgp/--kms/--azure-kv (or the matching creation rule). Exit 200 when nothing changed.
            GUI editors need their wait flag: SOPS_EDITOR='code --wait'.

            Example:
              crypt edit secrets.enc.yaml
              crypt edit --age age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p new.enc.yaml
            """);
        command.Arguments.Add(file);
        command.Options.Add(ignoreMac);
        command.Options.Add(inputType);
        command.Options.Add(outputType);
        command.Options.Add(showMasterKeys);
        keys.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            CommandEnvironment environment = CommandEnvironment.From(parsed);
            string path = parsed.GetValue(file)!;
            string? input = parsed.GetValue(inputType);
            string? output = parsed.GetValue(outputType);
            return File.Exists(path)
                ? await EditExistingAsync(parsed, environment, path, input, output, parsed.GetValue(ignoreMac), parsed.GetValue(showMasterKeys), cancellationToken)
                : await CreateAsync(parsed, environment, keys, path, input, output, parsed.GetValue(showMasterKeys), cancellationToken);
        });
        return command;
    }

    private static async Task<int> EditExistingAsync(
        ParseResult parsed,
        CommandEnvironment environment,
        string path,
        string? inputType,
        string? outputType,
        bool ignoreMac,
        bool showMetadata,
        CancellationToken cancellationToken)
    {
        List<string> editor = EditorCommand.Resolve(CommandEnvironment.Get);
        using InPlaceDocument document = await InPlaceDocument.OpenAsync(path, inputType, outputType, ignoreMac, parsed, environment, cancellationToken);
        EmitOptions emit = environment.EmitOptions(document.OutputFormat);
        byte[] plaintext = document.Input.Locate(() => Shown(document.Tree, document.Document.Metadata, showMetadata, document.OutputFormat, emit));
        TreeDocument edited;
        try
        {
            EditSession session = new(editor, document.Input.DisplayName, document.OutputFormat, showsMetadata: showMetadata);
            edited = await session.RunAsync(plaintext, cancellationToken);
            WarnIfMetadataChanged(session, document.Document.Metadata, document.OutputFormat, emit, document.Input.DisplayName);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }

        document.Save(edited, environment);
        return ExitCodes.Success;
    }

    private static async Task<int> CreateAsync(
        ParseResult parsed,
        CommandEnvironment environment,
        KeyFlags keys,
        string path,
        string? inputType,
        string? outputType,
        bool showMetadata,
        CancellationToken cancellationToken)
    {
        // Keys first: with none there is nothing to encrypt for, so the editor never opens.
        CommandInput target = new(path, [], path, path);
        DocumentFormat format = target.OutputFormat(outputType, target.Format(inputType));
        CreationRule settings = keys.Resolve(parsed, environment, path);
        IReadOnlyList<IReadOnlyList<IKeyRecipient>> groups = await environment.Keys.RecipientsAsync(settings.KeyGroups, cancellationToken);
        List<string> editor = EditorCommand.Resolve(CommandEnvironment.Get);

        EncryptOptions options = new()
        {
            KeyGroups = groups,
            ShamirThreshold = settings.ShamirThreshold,
            Rule = settings.Rule ?? EncryptionRule.Default,
            MacOnlyEncrypted = settings.MacOnlyEncrypted,
        };

        // The data key is wrapped (every KMS/Key Vault call made) before the editor opens: a
        // failure then costs the user nothing they typed.
        using DecryptedDocument created = await SopsDocument.CreateAsync(ExampleDocument.For(format), options, cancellationToken);
        EmitOptions emit = environment.EmitOptions(format);
        byte[] example = Shown(created.Tree, created.Metadata, showMetadata, format, emit);
        EditSession session = new(editor, path, format, showsMetadata: showMetadata);
        TreeDocument edited = await session.RunAsync(example, cancellationToken);
        WarnIfMetadataChanged(session, created.Metadata, format, emit, path);
        EncryptedDocument encrypted = target.Locate(() =>
        {
            SopsDocument.EnsureEncryptable(edited, format);
            return created.Reencrypt(edited);
        });
        foreach (string warning in encrypted.Warnings)
        {
            CommandEnvironment.Warn($"{path}: {warning}");
        }

        byte[] content = target.Locate(() => SopsDocument.Emit(encrypted, format, emit));
        InPlaceDocument.WriteEncrypted(path, content);
        return ExitCodes.Success;
    }

    /// <summary>
    /// The text the editor shows: the values, and with <c>--show-master-keys</c> the metadata
    /// section after them, laid out as in the encrypted file (sops edit.go editTreeImpl emits
    /// the tree with EmitEncryptedFile then).
    /// </summary>
    private static byte[] Shown(TreeDocument tree, SopsMetadata metadata, bool showMetadata, DocumentFormat format, EmitOptions emit) => showMetadata
        ? SopsDocument.Emit(new EncryptedDocument(tree, metadata, []), format, emit)
        : SopsDocument.EmitPlain(tree, format, emit);

    /// <summary>
    /// Crypt saves the values of a <c>--show-master-keys</c> edit and keeps the file's metadata:
    /// keys change through rotate, updatekeys and groups, which re-wrap the data key. sops 3.13.2
    /// means to take the edited section (edit.go runEditorUntilOk replaces its tree with the one
    /// LoadEncryptedFile read) but replaces only its local copy, so it writes the file back
    /// unchanged, values included; saving the values and saying the section was not is the
    /// safer reading. A changed section is reported, never silently dropped.
    /// </summary>
    private static void WarnIfMetadataChanged(EditSession session, SopsMetadata original, DocumentFormat format, EmitOptions emit, string file)
    {
        if (session.EditedMetadata is not { } edited)
        {
            return;
        }

        TreeDocument empty = new(new TreeMap());
        byte[] before = SopsDocument.Emit(new EncryptedDocument(empty, original, []), format, emit);
        byte[] after = SopsDocument.Emit(new EncryptedDocument(empty, edited, []), format, emit);
        if (!before.AsSpan().SequenceEqual(after))
        {
            CommandEnvironment.Warn($"{file}: the sops metadata section was changed in the editor; only the values are saved (change keys with rotate, updatekeys or groups)");
        }
    }
}

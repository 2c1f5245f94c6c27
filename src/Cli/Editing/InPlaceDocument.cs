using System.CommandLine;
using Crypt.Cli.Files;
using Crypt.Crypto.KeySources;
using Crypt.Files;
using Crypt.Formats;
using Crypt.Formats.Stores;
using Crypt.Formats.Tree;

namespace Crypt.Cli.Editing;

/// <summary>
/// An encrypted file opened to be changed in place (edit, set, unset): decrypted with the key
/// ring as <c>decrypt</c> does, then written back with the same data key, so values that did not
/// change keep their exact ciphertext (FORMAT.md §2.5) and the write is atomic (THREATS.md,
/// "Crashes"). Dispose wipes the data key.
/// </summary>
internal sealed class InPlaceDocument : IDisposable
{
    private InPlaceDocument(CommandInput input, DocumentFormat outputFormat, DecryptedDocument document)
    {
        Input = input;
        OutputFormat = outputFormat;
        Document = document;
    }

    public CommandInput Input { get; }

    /// <summary>The format written back (and shown in the editor): <c>--output-type</c>, else the file's.</summary>
    public DocumentFormat OutputFormat { get; }

    public DecryptedDocument Document { get; }

    /// <summary>The plaintext tree; edit it, or a copy, and pass it to <see cref="Save"/>.</summary>
    public TreeDocument Tree => Document.Tree;

    public static async Task<InPlaceDocument> OpenAsync(
        string path,
        string? inputType,
        string? outputType,
        bool ignoreMac,
        ParseResult parsed,
        CommandEnvironment environment,
        CancellationToken cancellationToken)
    {
        CommandInput input = CommandInput.Read(path, filenameOverride: null, ExitCodes.CouldNotReadInputFile);
        DocumentFormat format = input.Format(inputType);
        DocumentFormat outputFormat = input.OutputFormat(outputType, format);
        using KeyRing keys = environment.Keys.CreateKeyRing();
        DecryptedDocument document = await CommandEnvironment.DecryptAsync(input, format, keys, environment.DecryptOptions(ignoreMac, keepIvs: true), cancellationToken);

        return new InPlaceDocument(input, outputFormat, document);
    }

    /// <summary>Re-encrypts <paramref name="edited"/> with the file's data key and replaces the file atomically (mode kept).</summary>
    public void Save(TreeDocument edited, CommandEnvironment environment)
    {
        if (ReservedKey(edited, OutputFormat) is { } key)
        {
            throw new CliException(ExitCodes.FileAlreadyEncrypted, $"{Input.DisplayName}: the top-level key '{key}' is reserved for the encryption metadata; nothing written");
        }

        EncryptedDocument encrypted = Document.Reencrypt(edited);
        foreach (string warning in encrypted.Warnings)
        {
            CommandEnvironment.Warn($"{Input.DisplayName}: {warning}");
        }

        byte[] content = Input.Locate(() => SopsDocument.Emit(encrypted, OutputFormat, environment.EmitOptions(OutputFormat)));
        WriteEncrypted(Input.Path!, content);
    }

    /// <summary>Atomically writes an encrypted file (not sensitive: AtomicFile's rules for mode).</summary>
    public static void WriteEncrypted(string path, byte[] content)
    {
        try
        {
            AtomicFile.Write(path, content, sensitive: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.CouldNotWriteOutputFile, $"{path}: cannot write: {e.Message}");
        }
    }

    /// <summary>
    /// A top-level key a plaintext must not have because the metadata lives there: <c>sops</c>,
    /// and in dotenv any <c>sops_</c> key (sops's validateFileForEncryption). Null when clean.
    /// </summary>
    public static string? ReservedKey(TreeDocument tree, DocumentFormat format)
    {
        foreach (TreeMap branch in tree.Branches)
        {
            foreach (TreeMapItem item in branch.Items)
            {
                if (item.Key == "sops"
                    || (format == DocumentFormat.Dotenv && item.Key is not null && item.Key.StartsWith("sops_", StringComparison.Ordinal)))
                {
                    return item.Key;
                }
            }
        }

        return null;
    }

    public void Dispose() => Document.Dispose();
}

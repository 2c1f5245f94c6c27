using System.ComponentModel;
using System.Diagnostics;
using System.Security.Cryptography;
using Crypt.Crypto.Errors;
using Crypt.Formats;
using Crypt.Formats.Encryption;
using Crypt.Formats.Metadata;
using Crypt.Formats.Stores;
using Crypt.Formats.Tree;

namespace Crypt.Cli.Editing;

/// <summary>
/// The editor loop of <c>edit</c> (sops's runEditorUntilOk, FORMAT.md §10): the plaintext goes to a
/// 0600 file with the document's base name in a fresh 0700 folder, the editor runs on it with the
/// terminal, and the result is parsed. Unchanged content (SHA-256) ends with exit 200; a syntax
/// error or a reserved <c>sops</c> key is reported with its place and the user may re-open the
/// editor. On every way out (success, error, SIGINT/SIGTERM/SIGHUP) the folder and the editor's
/// swap files go with it, and the editor is killed if still running (THREATS.md).
/// </summary>
internal sealed class EditSession
{
    private readonly IReadOnlyList<string> _editor;
    private readonly string _displayName;
    private readonly DocumentFormat _format;
    private readonly Func<bool> _askToRetry;
    private readonly TextWriter _messages;
    private readonly bool _showsMetadata;
    private readonly Lock _gate = new();
    private Process? _running;
    private bool _interrupted;

    /// <param name="editor">The editor's words (<see cref="EditorCommand.Resolve"/>); the file path is appended.</param>
    /// <param name="displayName">The user's file, named in messages; its base name names the temp file.</param>
    /// <param name="format">The format of the plaintext shown in the editor.</param>
    /// <param name="askToRetry">Asks whether to re-open the editor after a problem; defaults to the terminal prompt.</param>
    /// <param name="messages">Where problems are reported; defaults to stderr.</param>
    /// <param name="showsMetadata">
    /// The text holds the sops metadata section too (<c>edit --show-master-keys</c>): it is read
    /// back as an encrypted file is (sops edit.go runEditorUntilOk, LoadEncryptedFile), so the
    /// section is not mistaken for a value; <see cref="EditedMetadata"/> is what it held.
    /// </param>
    public EditSession(IReadOnlyList<string> editor, string displayName, DocumentFormat format, Func<bool>? askToRetry = null, TextWriter? messages = null, bool showsMetadata = false)
    {
        ArgumentOutOfRangeException.ThrowIfZero(editor.Count);
        _editor = editor;
        _displayName = displayName;
        _format = format;
        _messages = messages ?? Console.Error;
        _askToRetry = askToRetry ?? (() => AskOnTerminal(_messages));
        _showsMetadata = showsMetadata;
    }

    /// <summary>With <c>showsMetadata</c>: the metadata section as the edited text held it.</summary>
    public SopsMetadata? EditedMetadata { get; private set; }

    /// <summary>Runs the editor on <paramref name="plaintext"/> until it holds a valid document, and returns that document.</summary>
    /// <exception cref="CliException">No change (200) or the editor failed (201).</exception>
    /// <exception cref="EditCancelledException">The user cancelled after a problem with the edited text.</exception>
    public async Task<TreeDocument> RunAsync(ReadOnlyMemory<byte> plaintext, CancellationToken cancellationToken)
    {
        using PrivateTempDirectory folder = new();
        using IDisposable signals = folder.CleanupOnSignals(() =>
        {
            lock (_gate)
            {
                _interrupted = true;
            }

            KillEditor();
            _messages.WriteLine($"crypt: interrupted; {_displayName} was not changed");
        });
        string path = folder.WriteFile(Path.GetFileName(_displayName), plaintext.Span);
        byte[] original = SHA256.HashData(plaintext.Span);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await RunEditorAsync(path);
            (TreeDocument? tree, CryptException? problem, string? message) = Check(path, original);
            if (tree is not null)
            {
                return tree;
            }

            _messages.WriteLine($"crypt: {message}");
            if (!_askToRetry())
            {
                throw new EditCancelledException(_displayName, problem!);
            }
        }
    }

    /// <summary>Reads back the edited file: the tree, or what is wrong with it (its type decides the exit code) and how to say so.</summary>
    private (TreeDocument? Tree, CryptException? Problem, string? Message) Check(string path, byte[] originalHash)
    {
        byte[] edited = ReadEdited(path);
        try
        {
            if (CryptographicOperations.FixedTimeEquals(SHA256.HashData(edited), originalHash))
            {
                throw new CliException(ExitCodes.FileHasNotBeenModified, $"{_displayName}: file has not changed; nothing written");
            }

            TreeDocument tree;
            try
            {
                if (_showsMetadata)
                {
                    (tree, SopsMetadata metadata) = SopsDocument.ParseEncrypted(edited, _format);
                    EditedMetadata = metadata;
                }
                else
                {
                    tree = SopsDocument.ParsePlain(edited, _format);
                }
            }
            catch (CryptFormatException e)
            {
                // Kept, not rethrown: the user may fix it in the editor.
                return (null, e.WithFile(_displayName), $"{e.Message} (in the edited text; fix it in the editor)");
            }
            catch (MetadataNotFoundException e) when (_showsMetadata)
            {
                // sops: "SOPS metadata is invalid", and back to the editor.
                return (null, e.WithFile(_displayName), $"{_displayName}: the edited text has no sops metadata section; put it back (it is shown for reference)");
            }

            if (tree.Branches.Count == 0)
            {
                return (null, new EmptyDocumentException(), $"{_displayName}: the edited text is empty; there is nothing to encrypt");
            }

            if (InPlaceDocument.ReservedKey(tree, _format) is { } key)
            {
                return (null, new FileAlreadyEncryptedException(key), $"{_displayName}: the edited text has a top-level '{key}' key, which is reserved for the encryption metadata; rename or remove it");
            }

            return (tree, null, null);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(edited);
        }
    }

    private byte[] ReadEdited(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // An editor that deleted or locked the file: there is nothing safe to write back.
            throw new CliException(ExitCodes.CouldNotReadInputFile, $"{_displayName}: cannot read the edited text back ({e.GetType().Name}); the file was not changed");
        }
    }

    private async Task RunEditorAsync(string path)
    {
        // No redirection: the editor inherits the terminal (stdin, stdout, stderr).
        ProcessStartInfo start = new(_editor[0]) { UseShellExecute = false };
        foreach (string word in _editor.Skip(1))
        {
            start.ArgumentList.Add(word);
        }

        start.ArgumentList.Add(path);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception("no process started");
        }
        catch (Win32Exception e)
        {
            throw new CliException(ExitCodes.NoEditorFound, $"{_displayName}: cannot start the editor '{_editor[0]}': {e.Message}; set SOPS_EDITOR or EDITOR");
        }

        using (process)
        {
            lock (_gate)
            {
                _running = process;
            }

            try
            {
                // Not cancellable: SIGINT/SIGTERM/SIGHUP reach the CleanupOnSignals handler, which
                // kills the editor, removes the folder and exits with 85.
                await process.WaitForExitAsync(CancellationToken.None);
            }
            finally
            {
                lock (_gate)
                {
                    _running = null;
                }
            }

            bool interrupted;
            lock (_gate)
            {
                interrupted = _interrupted;
            }

            if (interrupted)
            {
                // The editor died because the handler killed it; the handler is exiting with 85,
                // so do not report the editor's death as its failure meanwhile.
                await Task.Delay(Timeout.Infinite, CancellationToken.None);
            }

            if (process.ExitCode != 0)
            {
                // sops reports a failed editor with the same code as a missing one.
                throw new CliException(ExitCodes.NoEditorFound, $"the editor '{_editor[0]}' exited with status {process.ExitCode}; {_displayName} was not changed");
            }
        }
    }

    private void KillEditor()
    {
        lock (_gate)
        {
            try
            {
                // The whole tree: a wrapper script's children would otherwise keep the terminal.
                _running?.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
            {
                // Already gone.
            }
        }
    }

    /// <summary>
    /// sops's "press Enter" prompt. Without a terminal on stdin nobody can answer (and the editor
    /// could not have been used interactively), so that cancels, as does end of input.
    /// </summary>
    internal static bool AskOnTerminal(TextWriter messages)
    {
        if (Console.IsInputRedirected)
        {
            messages.WriteLine("crypt: standard input is not a terminal, so the editor is not re-opened");
            return false;
        }

        messages.WriteLine("Press Enter to re-open the editor, or Ctrl+C to cancel.");
        Stream stdin = Console.OpenStandardInput();
        int read;
        while ((read = stdin.ReadByte()) >= 0)
        {
            if (read == '\n')
            {
                return true;
            }
        }

        return false;
    }
}

using Crypt.Crypto.Errors;

namespace Crypt.Cli.Editing;

/// <summary>
/// The user declined to re-open the editor after a problem with the edited text. The exit code
/// is the problem's (a syntax error 2, an empty document 92, a reserved key 203), as sops's
/// runEditorUntilOk returns that error (cmd/sops/edit.go); the message says nothing was written.
/// </summary>
internal sealed class EditCancelledException : CryptException
{
    public EditCancelledException(string file, CryptException problem)
        : base("edit cancelled; the file was not changed", problem, file)
    {
        Problem = problem;
    }

    /// <summary>What was wrong with the edited text: it decides the exit code.</summary>
    public CryptException Problem { get; }
}

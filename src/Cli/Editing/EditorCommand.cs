using Crypt.Keys;

namespace Crypt.Cli.Editing;

/// <summary>
/// Which editor to run: <c>$SOPS_EDITOR</c>, else <c>$EDITOR</c> (split like a shell would, the
/// file path appended), else the first of vim, nano, vi on PATH (sops's order). GUI editors
/// need their blocking flag (<c>code --wait</c>), or they return at once and nothing changes.
/// </summary>
internal static class EditorCommand
{
    public static List<string> Resolve(Func<string, string?> environment)
    {
        foreach (string variable in new[] { "SOPS_EDITOR", "EDITOR" })
        {
            if (environment(variable) is { Length: > 0 } configured)
            {
                List<string> words = ShellWords.Split(configured);
                if (words.Count > 0)
                {
                    return words;
                }
            }
        }

        string[] path = (environment("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries);
        foreach (string candidate in new[] { "vim", "nano", "vi" })
        {
            if (path.Any(dir => File.Exists(Path.Combine(dir, candidate))))
            {
                return [candidate];
            }
        }

        throw new CliException(ExitCodes.NoEditorFound, "no editor found: set SOPS_EDITOR or EDITOR (for GUI editors add their wait flag, e.g. 'code --wait')");
    }
}

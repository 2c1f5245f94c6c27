using System.Diagnostics;

namespace Crypt.Cli.Keys;

/// <summary>
/// Collects age identities from every place sops reads them (FORMAT.md §6.1), merged, not
/// first-wins: <c>SOPS_AGE_KEY</c>, <c>SOPS_AGE_KEY_FILE</c>, <c>SOPS_AGE_KEY_CMD</c>, and the
/// default <c>$XDG_CONFIG_HOME/sops/age/keys.txt</c> (else <c>~/.config/...</c>). A missing
/// default file is fine; a named file that is missing is an error.
/// </summary>
internal sealed class AgeIdentityLocations
{
    private readonly Func<string, string?> _env;
    private readonly Action<string> _warn;

    public AgeIdentityLocations(Func<string, string?> environment, Action<string> warn)
    {
        _env = environment;
        _warn = warn;
    }

    /// <summary>Every location looked at, for "no identity found" messages.</summary>
    public List<string> Tried { get; } = [];

    public List<IdentityText> Load()
    {
        List<IdentityText> found = [];
        if (_env("SOPS_AGE_KEY") is { Length: > 0 } inline)
        {
            Tried.Add("SOPS_AGE_KEY");
            found.Add(new IdentityText("SOPS_AGE_KEY", inline));
        }

        if (_env("SOPS_AGE_KEY_FILE") is { Length: > 0 } file)
        {
            Tried.Add($"SOPS_AGE_KEY_FILE ({file})");
            found.Add(new IdentityText(file, ReadIdentityFile(file, required: true)!));
        }

        if (_env("SOPS_AGE_KEY_CMD") is { Length: > 0 } command)
        {
            Tried.Add($"SOPS_AGE_KEY_CMD ({command})");
            found.Add(new IdentityText("SOPS_AGE_KEY_CMD", RunKeyCommand(command)));
        }

        string defaultFile = DefaultKeyFile();
        Tried.Add(defaultFile);
        if (ReadIdentityFile(defaultFile, required: false) is { } text)
        {
            found.Add(new IdentityText(defaultFile, text));
        }

        return found;
    }

    private string DefaultKeyFile()
    {
        string configHome = _env("XDG_CONFIG_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(_env("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return Path.Combine(configHome, "sops", "age", "keys.txt");
    }

    private string? ReadIdentityFile(string path, bool required)
    {
        if (!File.Exists(path))
        {
            return required
                ? throw new CliException(ExitCodes.CouldNotRetrieveKey, $"{path}: age identity file not found (from SOPS_AGE_KEY_FILE)")
                : null;
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0)
        {
            _warn($"warning: {path} is readable by other users; run 'chmod 600 {path}'");
        }

        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.CouldNotRetrieveKey, $"{path}: cannot read age identity file: {e.Message}");
        }
    }

    private static string RunKeyCommand(string command)
    {
        List<string> words = ShellWords.Split(command);
        if (words.Count == 0)
        {
            throw new CliException(ExitCodes.CouldNotRetrieveKey, "SOPS_AGE_KEY_CMD is empty");
        }

        ProcessStartInfo start = new(words[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        foreach (string argument in words.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using Process process = Process.Start(start)!;
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0
                ? output
                : throw new CliException(ExitCodes.CouldNotRetrieveKey, $"SOPS_AGE_KEY_CMD ({words[0]}) exited with code {process.ExitCode}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new CliException(ExitCodes.CouldNotRetrieveKey, $"SOPS_AGE_KEY_CMD: cannot run {words[0]}: {e.Message}");
        }
    }
}

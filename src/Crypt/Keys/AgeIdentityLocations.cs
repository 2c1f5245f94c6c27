using System.Diagnostics;
using Crypt.Crypto.Age;
using Crypt.Errors;

namespace Crypt.Keys;

/// <summary>
/// Collects age identities from every place sops 3.13 reads them (FORMAT.md §6.1; sops
/// age/keysource.go loadIdentities and loadAgeSSHIdentities), merged, not first-wins: SSH keys
/// from <c>SOPS_AGE_SSH_PRIVATE_KEY_FILE</c>, <c>~/.ssh/id_ed25519</c> and <c>~/.ssh/id_rsa</c>;
/// <c>SOPS_AGE_KEY</c>, <c>SOPS_AGE_KEY_FILE</c> and the default
/// <c>$XDG_CONFIG_HOME/sops/age/keys.txt</c> (else <c>~/.config/...</c>); and, per master key,
/// the output of <c>SOPS_AGE_SSH_PRIVATE_KEY_CMD</c> and <c>SOPS_AGE_KEY_CMD</c>, which run with
/// <c>SOPS_AGE_RECIPIENT</c> set to that key's recipient. A missing default file is fine; a
/// named file that is missing is an error.
/// </summary>
internal sealed class AgeIdentityLocations
{
    private readonly Func<string, string?> _env;
    private readonly Action<string> _warn;
    private readonly Func<string, string> _passphrase;

    /// <param name="environment">Reads a variable (the process environment in the CLI).</param>
    /// <param name="warn">Receives warnings (a key file readable by others).</param>
    /// <param name="passphrase">Asks for the passphrase of an encrypted SSH key, given a prompt.</param>
    public AgeIdentityLocations(Func<string, string?> environment, Action<string> warn, Func<string, string> passphrase)
    {
        _env = environment;
        _warn = warn;
        _passphrase = passphrase;
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
            found.Add(ReadIdentityFile(file, required: true)!);
        }

        if (_env("SOPS_AGE_KEY_CMD") is { Length: > 0 } command)
        {
            Tried.Add($"SOPS_AGE_KEY_CMD ({command})");
        }

        if (_env("SOPS_AGE_SSH_PRIVATE_KEY_CMD") is { Length: > 0 } sshCommand)
        {
            Tried.Add($"SOPS_AGE_SSH_PRIVATE_KEY_CMD ({sshCommand})");
        }

        string defaultFile = DefaultKeyFile();
        Tried.Add(defaultFile);
        if (ReadIdentityFile(defaultFile, required: false) is { } text)
        {
            found.Add(text);
        }

        return found;
    }

    /// <summary>True when a command gives identities, so they are loaded per master key.</summary>
    public bool HasCommands => _env("SOPS_AGE_KEY_CMD") is { Length: > 0 } || _env("SOPS_AGE_SSH_PRIVATE_KEY_CMD") is { Length: > 0 };

    /// <summary>
    /// SSH private keys: <c>SOPS_AGE_SSH_PRIVATE_KEY_FILE</c> (an error when unusable), then
    /// <c>~/.ssh/id_ed25519</c> and <c>~/.ssh/id_rsa</c>, skipped (and listed as tried, with
    /// why) when they do not parse, as sops reports them only if nothing else opens the file.
    /// </summary>
    public List<IAgeIdentity> LoadSsh()
    {
        List<IAgeIdentity> found = [];
        if (_env("SOPS_AGE_SSH_PRIVATE_KEY_FILE") is { Length: > 0 } named)
        {
            Tried.Add($"SOPS_AGE_SSH_PRIVATE_KEY_FILE ({named})");
            if (!File.Exists(named))
            {
                throw new KeyDiscoveryException($"{named}: SSH private key not found (from SOPS_AGE_SSH_PRIVATE_KEY_FILE)");
            }

            found.Add(ParseSshFile(named));
        }

        if (_env("HOME") is { Length: > 0 } home)
        {
            foreach (string name in (string[])["id_ed25519", "id_rsa"])
            {
                string path = Path.Combine(home, ".ssh", name);
                if (!File.Exists(path))
                {
                    Tried.Add(path);
                    continue;
                }

                try
                {
                    found.Add(ParseSshFile(path));
                    Tried.Add(path);
                }
                catch (AgeException e)
                {
                    Tried.Add($"{path} (unusable: {e.Message})");
                }
            }
        }

        return found;
    }

    /// <summary>
    /// Identities from <c>SOPS_AGE_SSH_PRIVATE_KEY_CMD</c> and <c>SOPS_AGE_KEY_CMD</c> for one
    /// master key: each command runs with <c>SOPS_AGE_RECIPIENT</c> set to
    /// <paramref name="recipient"/> (sops 3.12+ age/keysource.go getOutputFromCmd).
    /// </summary>
    public List<IAgeIdentity> LoadFromCommands(string recipient)
    {
        List<IAgeIdentity> found = [];
        try
        {
            if (_env("SOPS_AGE_SSH_PRIVATE_KEY_CMD") is { Length: > 0 } sshCommand)
            {
                string pem = RunKeyCommand("SOPS_AGE_SSH_PRIVATE_KEY_CMD", sshCommand, recipient);
                IAgeIdentity identity = SshKeyParser.ParseIdentity(pem, "the output of SOPS_AGE_SSH_PRIVATE_KEY_CMD");
                found.Add(identity is SshEncryptedIdentity
                    ? throw new KeyDiscoveryException("the SSH key returned by running SOPS_AGE_SSH_PRIVATE_KEY_CMD is password protected, which is unsupported")
                    : identity);
            }

            if (_env("SOPS_AGE_KEY_CMD") is { Length: > 0 } command)
            {
                found.AddRange(AgeKeyParser.ParseIdentityFile(RunKeyCommand("SOPS_AGE_KEY_CMD", command, recipient), "SOPS_AGE_KEY_CMD"));
            }
        }
        catch (AgeException e)
        {
            throw new KeyDiscoveryException(e.Message, e);
        }

        return found;
    }

    private IAgeIdentity ParseSshFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AgeException(AgeFailure.InvalidKey, $"{path}: cannot read SSH private key: {e.Message}");
        }

        return SshKeyParser.ParseIdentity(text, path, () => File.Exists(path + ".pub") ? File.ReadAllText(path + ".pub") : null, _passphrase);
    }

    private string DefaultKeyFile()
    {
        string configHome = _env("XDG_CONFIG_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(_env("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return Path.Combine(configHome, "sops", "age", "keys.txt");
    }

    private IdentityText? ReadIdentityFile(string path, bool required)
    {
        if (!File.Exists(path))
        {
            return required
                ? throw new KeyDiscoveryException($"{path}: age identity file not found (from SOPS_AGE_KEY_FILE)")
                : null;
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0)
        {
            _warn($"warning: {path} is readable by other users; run 'chmod 600 {path}'");
        }

        try
        {
            byte[] bytes = File.ReadAllBytes(path);
            int bom = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
            return new IdentityText(path, System.Text.Encoding.UTF8.GetString(bytes, bom, bytes.Length - bom), bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KeyDiscoveryException($"{path}: cannot read age identity file: {e.Message}");
        }
    }

    private static string RunKeyCommand(string variable, string command, string recipient)
    {
        List<string> words = ShellWords.Split(command);
        if (words.Count == 0)
        {
            throw new KeyDiscoveryException($"{variable} is empty");
        }

        ProcessStartInfo start = new(words[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        start.Environment["SOPS_AGE_RECIPIENT"] = recipient;
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
                : throw new KeyDiscoveryException($"{variable} ({words[0]}) exited with code {process.ExitCode}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new KeyDiscoveryException($"{variable}: cannot run {words[0]}: {e.Message}");
        }
    }
}

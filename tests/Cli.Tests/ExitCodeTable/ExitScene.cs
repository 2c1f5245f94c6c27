using System.Text.RegularExpressions;
using Crypt.Crypto.Age;

namespace Crypt.Cli.Tests.ExitCodeTable;

/// <summary>
/// A fresh folder for one exit-code situation, the same for crypt and for sops: an age key (and
/// a second one that opens nothing), <see cref="Encrypted"/> made by crypt for the first key, and
/// helpers that write the broken inputs each row needs.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class ExitScene : IDisposable
{
    /// <summary>The encrypted file every scene starts with.</summary>
    public const string Encrypted = "secrets.enc.yaml";

    private const string Plaintext = "db:\n    password: s3cr3t-pw\n    port: 5432\nnote_unencrypted: visible\n";

    public ExitScene()
    {
        Root = Directory.CreateTempSubdirectory("crypt-exit-").FullName;
        Directory.CreateDirectory(PathOf("tmp"));
        KeyFile = NewKey("keys.txt", out string recipient);
        Recipient = recipient;
        OtherKeyFile = NewKey("other-keys.txt", out _);
        CryptResult made = CryptProcess.Run(Root, Environment(null), null, "encrypt", "--age", Recipient, "--output", Encrypted, Plain("plain-source.yaml"));
        Assert.True(made.ExitCode == 0, made.ToString());
    }

    public string Root { get; }

    public string KeyFile { get; }

    /// <summary>An age key file whose identity opens none of this scene's files.</summary>
    public string OtherKeyFile { get; }

    public string Recipient { get; }

    /// <summary>The editor for <c>edit</c> (SOPS_EDITOR and EDITOR), when set.</summary>
    public string? Editor { get; set; }

    public string PathOf(string name) => Path.Combine(Root, name);

    /// <summary>The environment of a run: only this scene's key file (or <paramref name="keyFile"/>), a private TMPDIR, the editor.</summary>
    public Dictionary<string, string> Environment(string? keyFile)
    {
        Dictionary<string, string> environment = new(StringComparer.Ordinal)
        {
            ["SOPS_AGE_KEY_FILE"] = keyFile ?? KeyFile,
            ["TMPDIR"] = PathOf("tmp"),
            ["DOTNET_EnableDiagnostics"] = "0",
        };
        if (Editor is not null)
        {
            environment["SOPS_EDITOR"] = Editor;
            environment["EDITOR"] = Editor;
        }

        return environment;
    }

    /// <summary>Writes <paramref name="content"/> to <paramref name="name"/> and returns the name.</summary>
    public string Write(string name, string content)
    {
        File.WriteAllText(PathOf(name), content);
        return name;
    }

    /// <summary>A plaintext YAML file with a nested map (so dotenv cannot hold it).</summary>
    public string Plain(string name) => Write(name, Plaintext);

    /// <summary>The encrypted file with one byte of a value's ciphertext changed.</summary>
    public string Tampered(string name)
    {
        string text = File.ReadAllText(PathOf(Encrypted));
        Match data = Regex.Match(text, "password: ENC\\[AES256_GCM,data:(.)", RegexOptions.None, TimeSpan.FromSeconds(1));
        Assert.True(data.Success, text);
        char flipped = data.Groups[1].Value == "A" ? 'B' : 'A';
        return Write(name, text[..data.Groups[1].Index] + flipped + text[(data.Groups[1].Index + 1)..]);
    }

    /// <summary>The encrypted file with its unencrypted value changed: the values are fine, the MAC is not.</summary>
    public string UnencryptedValueChanged(string name)
    {
        string text = File.ReadAllText(PathOf(Encrypted));
        Assert.Contains("note_unencrypted: visible", text, StringComparison.Ordinal);
        return Write(name, text.Replace("note_unencrypted: visible", "note_unencrypted: changed", StringComparison.Ordinal));
    }

    /// <summary>An encrypted file of top-level scalars only (what exec-env can export).</summary>
    public string FlatEncrypted()
    {
        CryptResult made = CryptProcess.Run(Root, Environment(null), null, "encrypt", "--age", Recipient, "--output", "flat.enc.yaml", Write("flat.yaml", "GREETING: hello\n"));
        Assert.True(made.ExitCode == 0, made.ToString());
        return "flat.enc.yaml";
    }

    /// <summary>Writes an executable /bin/sh script and returns its path.</summary>
    public string Script(string name, string body)
    {
        string path = PathOf(name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private string NewKey(string name, out string recipient)
    {
        using X25519Identity identity = X25519Identity.Generate();
        recipient = identity.Recipient.ToString();
        string path = PathOf(name);
        File.WriteAllText(path, $"# public key: {recipient}\n{identity.ToSecretString()}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }
}

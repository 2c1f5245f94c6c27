using System.Diagnostics;
using System.Text;
using Crypt.Tests;

namespace Crypt.Extensions.Configuration.Tests;

/// <summary>
/// A temporary folder with a fresh age key (made by the real age-keygen), a <c>.sops.yaml</c>
/// whose rule encrypts every file for it, and writers that encrypt a plaintext with Crypt's own
/// code path (<see cref="SopsFile.EncryptAsync"/>) or with the real sops.
/// </summary>
internal sealed class SecretFolder : IDisposable
{
    public SecretFolder()
    {
        Root = Directory.CreateTempSubdirectory("crypt-config-").FullName;
        KeyFile = Path.Combine(Root, "keys.txt");
        using (Process keygen = Process.Start(new ProcessStartInfo("age-keygen", ["-o", KeyFile]) { RedirectStandardError = true })!)
        {
            keygen.StandardError.ReadToEnd();
            keygen.WaitForExit();
            Assert.Equal(0, keygen.ExitCode);
        }

        string text = File.ReadAllText(KeyFile);
        int at = text.IndexOf("# public key: ", StringComparison.Ordinal) + "# public key: ".Length;
        Recipient = text[at..text.IndexOf('\n', at)].Trim();
        File.WriteAllText(Path.Combine(Root, ".sops.yaml"), $"creation_rules:\n  - age: {Recipient}\n");
    }

    public string Root { get; }

    public string KeyFile { get; }

    public string Recipient { get; }

    /// <summary>Keys from this folder only: SOPS_AGE_KEY_FILE is its key; HOME is the folder (no keys.txt, no SSH keys there).</summary>
    public SopsKeyOptions Keys() => new() { Environment = Lookup };

    public string? Lookup(string name) => name switch
    {
        "SOPS_AGE_KEY_FILE" => KeyFile,
        "HOME" => Root,
        "XDG_CONFIG_HOME" => Path.Combine(Root, "config"),
        _ => null,
    };

    /// <summary>Encrypts <paramref name="plaintext"/> into <paramref name="name"/> with the writer named.</summary>
    public async Task<string> WriteAsync(string name, string plaintext, string writer)
    {
        string path = Path.Combine(Root, name);
        byte[] encrypted = writer switch
        {
            "crypt" => await SopsFile.EncryptAsync(path, Encoding.UTF8.GetBytes(plaintext), Keys()),
            "sops" => RunSops(name, plaintext),
            _ => throw new ArgumentException(writer, nameof(writer)),
        };
        await File.WriteAllBytesAsync(path, encrypted);
        return path;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private byte[] RunSops(string name, string plaintext)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the real sops runs on Linux and macOS here");
        }

        // sops picks the format from the input file's name, so the plaintext goes to a file of the
        // same extension in a private subfolder and is deleted at once.
        string plainFolder = Directory.CreateDirectory(Path.Combine(Root, "plain-" + Guid.NewGuid().ToString("N"))).FullName;
        string plain = Path.Combine(plainFolder, "plain" + (name.EndsWith(".env", StringComparison.Ordinal) ? ".env" : Path.GetExtension(name)));
        try
        {
            File.WriteAllText(plain, plaintext);
            SopsResult result = SopsProcess.Run(Root, KeyFile, "encrypt", "--age", Recipient, plain);
            Assert.True(result.ExitCode == 0, result.ToString());
            return result.Stdout;
        }
        finally
        {
            Directory.Delete(plainFolder, recursive: true);
        }
    }
}

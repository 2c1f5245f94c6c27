namespace OrdersApi.Tests;

/// <summary>
/// A temporary folder of encrypted files: each is written as plaintext and encrypted in place
/// with `crypt encrypt -i` to the test recipient, so no plaintext is left behind.
/// </summary>
internal sealed class SecretsFolder : IDisposable
{
    public SecretsFolder()
    {
        _ = TestKeys.Recipient;
        Path = Directory.CreateTempSubdirectory("crypt-consumer-").FullName;
    }

    public string Path { get; }

    public string Encrypt(string name, string plaintext)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, plaintext);
        CryptTool.Run(Path, "encrypt", "-i", "--age", TestKeys.Recipient, name);
        return file;
    }

    /// <summary>Writes a file that is not a secret (appsettings.json) as it is.</summary>
    public void WritePlain(string name, string text) => File.WriteAllText(System.IO.Path.Combine(Path, name), text);

    /// <summary>Rotates one value: `crypt set` re-encrypts the file with the new value.</summary>
    public void Set(string name, string jsonPath, string value) =>
        CryptTool.Run(Path, "set", name, jsonPath, System.Text.Json.JsonSerializer.Serialize(value));

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

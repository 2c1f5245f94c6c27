using System.Text.Json;
using Crypt.Formats.Stores;
using Crypt.Tests;

namespace Crypt.Formats.Tests.Fixtures;

/// <summary>
/// One SOPS-written file under shared/fixtures/sops with its <c>.expected.json</c> (data key,
/// MAC, decrypted documents, comments) and the age identity file beside it, if any.
/// </summary>
public sealed record SopsFixture(string Name, string EncryptedPath, JsonElement Expected, string? IdentityPath)
{
    public DocumentFormat Format => Expected.GetProperty("source_format").GetString() switch
    {
        "yaml" => DocumentFormat.Yaml,
        "json" => DocumentFormat.Json,
        "dotenv" => DocumentFormat.Dotenv,
        var other => throw new InvalidOperationException($"unknown source_format {other}"),
    };

    public byte[] DataKey => Convert.FromHexString(Expected.GetProperty("data_key_hex").GetString()!);

    public static IEnumerable<SopsFixture> All()
    {
        foreach (string expected in Directory.EnumerateFiles(SharedPaths.SopsFixtures, "*.expected.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string encrypted = expected[..^".expected.json".Length];
            string folder = Path.GetDirectoryName(expected)!;
            string? identity = Directory.EnumerateFiles(folder, "*.txt").FirstOrDefault(f => Path.GetFileName(f).Contains("key", StringComparison.Ordinal));
            using JsonDocument json = JsonDocument.Parse(File.ReadAllBytes(expected));
            yield return new SopsFixture(
                Path.GetRelativePath(SharedPaths.SopsFixtures, encrypted),
                encrypted,
                json.RootElement.Clone(),
                identity);
        }
    }

    public override string ToString() => Name;
}

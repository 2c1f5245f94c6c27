using System.Globalization;
using System.Text;
using System.Text.Json;
using Crypt.Tests;

namespace Crypt.Cli.Tests.EncryptDecrypt;

/// <summary>
/// Every SOPS-written fixture with an age identity beside it (fixtures/sops/README.md) decrypts
/// through the CLI to the <c>documents</c> of its <c>.expected.json</c>, key order included;
/// the tampered one fails with sops's exit 25 and shows no plaintext.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SopsFixtureTests : IDisposable
{
    private readonly Workspace _ws = new();

    public void Dispose() => _ws.Dispose();

    public static TheoryData<string> AgeFixtures() =>
        [.. Directory.GetFiles(SharedPaths.SopsFixtures, "*.expected.json", SearchOption.AllDirectories)
            .Select(p => p[..^".expected.json".Length])
            .Where(p => IdentityBeside(p) is not null)
            .Select(p => Path.GetRelativePath(SharedPaths.SopsFixtures, p))
            .Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(AgeFixtures))]
    public void A_sops_fixture_decrypts_to_its_expected_documents_in_key_order(string fixture)
    {
        string file = Path.Combine(SharedPaths.SopsFixtures, fixture);
        string key = _ws.Write("fixture-key.txt", File.ReadAllText(IdentityBeside(file)!));
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        CryptResult result = _ws.RunWithEnvironment(new Dictionary<string, string> { ["SOPS_AGE_KEY_FILE"] = key }, "decrypt", "--output-type", "json", file);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.Stderr);
        using JsonDocument expected = JsonDocument.Parse(File.ReadAllText(file + ".expected.json"));
        using JsonDocument actual = JsonDocument.Parse(result.Stdout);
        Assert.Equal(1, expected.RootElement.GetProperty("documents").GetArrayLength());
        Assert.Equal(Canonical(expected.RootElement.GetProperty("documents")[0]), Canonical(actual.RootElement));
    }

    [Fact]
    public void The_tampered_fixture_fails_with_exit_25_naming_the_value_and_printing_no_plaintext()
    {
        string dir = Path.Combine(SharedPaths.SopsFixtures, "sops-secrets-operator");
        string key = _ws.Write("fixture-key.txt", File.ReadAllText(Path.Combine(dir, "key-file.txt")));
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        CryptResult result = _ws.RunWithEnvironment(
            new Dictionary<string, string> { ["SOPS_AGE_KEY_FILE"] = key },
            "decrypt",
            Path.Combine(dir, "negative-01-tampered-value.yaml"));

        Assert.Equal(25, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Contains("spec:secretTemplates:stringData:username", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("myUsername", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Pa58163word", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, result.Stderr.Count(c => c == '\n'));
    }

    private static string? IdentityBeside(string file) =>
        Directory.GetFiles(Path.GetDirectoryName(file)!, "*.txt")
            .Where(p => File.ReadAllText(p).Contains("AGE-SECRET-KEY-1", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();

    /// <summary>
    /// A text form that keeps key order and compares numbers by value (the decryptor wrote
    /// <c>7.0</c> where Go's JSON writes <c>7</c>); comment keys (<c>"#text": null</c>) are
    /// left out because the JSON store has no comments.
    /// </summary>
    private static string Canonical(JsonElement element)
    {
        StringBuilder text = new();
        Append(element, text);
        return text.ToString();
    }

    private static void Append(JsonElement element, StringBuilder text)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                text.Append('{');
                foreach (JsonProperty property in element.EnumerateObject().Where(p => !p.Name.StartsWith('#')))
                {
                    text.Append(JsonSerializer.Serialize(property.Name)).Append(':');
                    Append(property.Value, text);
                    text.Append(',');
                }

                text.Append('}');
                break;
            case JsonValueKind.Array:
                text.Append('[');
                foreach (JsonElement item in element.EnumerateArray())
                {
                    Append(item, text);
                    text.Append(',');
                }

                text.Append(']');
                break;
            case JsonValueKind.Number:
                text.Append(element.GetDouble().ToString("R", CultureInfo.InvariantCulture));
                break;
            case JsonValueKind.String:
                text.Append(JsonSerializer.Serialize(element.GetString()));
                break;
            default:
                text.Append(element.GetRawText());
                break;
        }
    }
}

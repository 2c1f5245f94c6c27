using Crypt.Cli.Tests.Edit;

namespace Crypt.Cli.Tests.SetUnset;

/// <summary><c>crypt unset</c> end to end.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class UnsetCommandTests : IDisposable
{
    private const string Plaintext = $"""
        db:
            user: admin
            password: old-{SecretsFolder.Sentinel}
        hosts:
            - first
            - second-{SecretsFolder.Sentinel}
            - third

        """;

    private readonly SecretsFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Unset_removes_a_key_and_keeps_every_other_ciphertext()
    {
        string file = _folder.Encrypt("secrets.yaml", Plaintext);
        string[] before = File.ReadAllLines(file);

        CryptResult result = _folder.Run("unset", file, "[\"db\"][\"password\"]");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.Stderr);
        string[] expected = [.. before.Where(l => !l.TrimStart().StartsWith("password:", StringComparison.Ordinal)
            && !l.TrimStart().StartsWith("lastmodified:", StringComparison.Ordinal)
            && !l.TrimStart().StartsWith("mac:", StringComparison.Ordinal))];
        string[] after = [.. File.ReadAllLines(file).Where(l => !l.TrimStart().StartsWith("lastmodified:", StringComparison.Ordinal)
            && !l.TrimStart().StartsWith("mac:", StringComparison.Ordinal))];
        Assert.Equal(expected, after);
        Assert.Equal(Plaintext.Replace($"    password: old-{SecretsFolder.Sentinel}\n", string.Empty, StringComparison.Ordinal), _folder.Decrypt(file));
        _folder.AssertNoTempFiles();
    }

    [Fact]
    public void Unset_removes_a_list_item_by_index()
    {
        string file = _folder.Encrypt("secrets.yaml", Plaintext);

        CryptResult result = _folder.Run("unset", file, "[\"hosts\"][1]");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.EndsWith("hosts:\n    - first\n    - third\n", _folder.Decrypt(file), StringComparison.Ordinal);
    }

    [Fact]
    public void Unset_of_a_missing_path_fails_with_exit_1_and_names_the_path()
    {
        string file = _folder.Encrypt("secrets.yaml", Plaintext);
        byte[] before = File.ReadAllBytes(file);

        CryptResult result = _folder.Run("unset", file, "[\"db\"][\"nope\"]");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal($"crypt: {file}: [\"db\"][\"nope\"] not found; nothing removed (--idempotent accepts a missing path)\n", result.Stderr);
        Assert.Equal(before, File.ReadAllBytes(file));
        SecretsFolder.AssertNoLeak(result);
        _folder.AssertNoTempFiles();
    }

    [Fact]
    public void Unset_of_a_missing_path_with_idempotent_succeeds_without_writing()
    {
        string file = _folder.Encrypt("secrets.yaml", Plaintext);
        byte[] before = File.ReadAllBytes(file);
        DateTime modified = File.GetLastWriteTimeUtc(file);

        CryptResult result = _folder.Run("unset", "--idempotent", file, "[\"hosts\"][7]");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.Stderr);
        Assert.Equal(before, File.ReadAllBytes(file));
        Assert.Equal(modified, File.GetLastWriteTimeUtc(file));
    }

    [Fact]
    public void Unset_with_a_bad_path_exits_7_naming_the_column()
    {
        string file = _folder.Encrypt("secrets.yaml", Plaintext);
        byte[] before = File.ReadAllBytes(file);

        CryptResult result = _folder.Run("unset", file, "[\"db\"]x");

        Assert.True(result.ExitCode == 7, result.ToString());
        Assert.Contains("invalid unset path (column 7)", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(file));
    }
}

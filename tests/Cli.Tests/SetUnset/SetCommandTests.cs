using System.Text;
using Crypt.Cli.Tests.Edit;

namespace Crypt.Cli.Tests.SetUnset;

/// <summary><c>crypt set</c> end to end: values as sops parses them, minimal diffs, and the refusals.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SetCommandTests : IDisposable
{
    private const string Plaintext = $"""
        db:
            user: admin
            password: old-{SecretsFolder.Sentinel}
        api_key: key-{SecretsFolder.Sentinel}

        """;

    private readonly SecretsFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Set_adds_a_new_key_and_keeps_every_existing_ciphertext()
    {
        string file = _folder.Encrypt("secrets.yaml", Plaintext);
        string[] before = ValueLines(file);

        CryptResult result = _folder.Run("set", file, "[\"db\"][\"host\"]", "\"db.example\"");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.Stdout);
        Assert.Equal(string.Empty, result.Stderr);
        Assert.Subset(ValueLines(file).ToHashSet(), before.ToHashSet());
        Assert.Equal(Plaintext.Replace("api_key", "    host: db.example\napi_key", StringComparison.Ordinal), _folder.Decrypt(file));
        _folder.AssertNoTempFiles();
    }

    [Fact]
    public void Set_of_an_existing_key_changes_only_that_line_and_the_metadata_and_keeps_the_mode()
    {
        string file = _folder.Encrypt("secrets.yaml", Plaintext);
        string[] before = File.ReadAllLines(file);
        UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        File.SetUnixFileMode(file, mode);

        CryptResult result = _folder.Run("set", file, "[\"db\"][\"password\"]", "\"new-password\"");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(mode, File.GetUnixFileMode(file));
        string[] after = File.ReadAllLines(file);
        Assert.Equal(before.Length, after.Length);
        string[] changed = [.. before.Zip(after).Where(p => p.First != p.Second).Select(p => p.First.Split(':')[0].Trim())];
        Assert.Contains("password", changed);
        Assert.Subset(new HashSet<string> { "password", "lastmodified", "mac" }, changed.ToHashSet());
        Assert.Contains("password: new-password\n", _folder.Decrypt(file), StringComparison.Ordinal);
    }

    [Fact]
    public void Set_of_the_value_already_there_rewrites_no_ciphertext_and_with_idempotent_writes_nothing()
    {
        string file = _folder.Encrypt("secrets.yaml", Plaintext);
        string[] values = ValueLines(file);
        string[] args = ["set", file, "[\"api_key\"]", $"\"key-{SecretsFolder.Sentinel}\""];

        CryptResult plain = _folder.Run(args);

        Assert.True(plain.ExitCode == 0, plain.ToString());
        Assert.Equal(values, ValueLines(file));
        byte[] before = File.ReadAllBytes(file);
        DateTime modified = File.GetLastWriteTimeUtc(file);
        Thread.Sleep(20);

        CryptResult idempotent = _folder.Run(["set", "--idempotent", .. args[1..]]);

        Assert.True(idempotent.ExitCode == 0, idempotent.ToString());
        Assert.Equal(before, File.ReadAllBytes(file));
        Assert.Equal(modified, File.GetLastWriteTimeUtc(file));
        SecretsFolder.AssertNoLeak(plain);
        SecretsFolder.AssertNoLeak(idempotent);
    }

    [Fact]
    public void Set_reads_the_value_from_a_file_with_value_file_and_from_stdin_with_value_stdin()
    {
        string file = _folder.Encrypt("secrets.yaml", Plaintext);
        string valueFile = _folder.PathOf("value.json");
        File.WriteAllText(valueFile, $"\"from-file-{SecretsFolder.Sentinel}\"\n");

        CryptResult fromFile = _folder.Run("set", "--value-file", file, "[\"a\"]", valueFile);
        CryptResult fromStdin = _folder.Run(null, Encoding.UTF8.GetBytes($"{{\"nested\": \"from-stdin-{SecretsFolder.Sentinel}\"}}"), "set", "--value-stdin", file, "[\"b\"]");

        Assert.True(fromFile.ExitCode == 0, fromFile.ToString());
        Assert.True(fromStdin.ExitCode == 0, fromStdin.ToString());
        string decrypted = _folder.Decrypt(file);
        Assert.Contains($"a: from-file-{SecretsFolder.Sentinel}\n", decrypted, StringComparison.Ordinal);
        Assert.Contains($"b:\n    nested: from-stdin-{SecretsFolder.Sentinel}\n", decrypted, StringComparison.Ordinal);
        SecretsFolder.AssertNoLeak(fromFile);
        SecretsFolder.AssertNoLeak(fromStdin);
    }

    [Fact]
    public void Set_makes_scalar_numbers_floats_but_keeps_integers_inside_an_object_as_sops_does()
    {
        string file = _folder.Encrypt("secrets.yaml", Plaintext);

        Assert.Equal(0, _folder.Run("set", file, "[\"port\"]", "5432").ExitCode);
        Assert.Equal(0, _folder.Run("set", file, "[\"limits\"]", "{\"max\": 10, \"enabled\": true}").ExitCode);

        string[] lines = File.ReadAllLines(file);
        Assert.Contains(lines, l => l.StartsWith("port: ENC[", StringComparison.Ordinal) && l.EndsWith("type:float]", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("    max: ENC[", StringComparison.Ordinal) && l.EndsWith("type:int]", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("    enabled: ENC[", StringComparison.Ordinal) && l.EndsWith("type:bool]", StringComparison.Ordinal));
    }

    [Fact]
    public void Set_creates_missing_maps_and_list_slots_on_the_path()
    {
        string file = _folder.Encrypt("secrets.yaml", Plaintext);

        CryptResult result = _folder.Run("set", file, "[\"new\"][\"list\"][0]", "\"x\"");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.EndsWith("new:\n    list:\n        - x\n", _folder.Decrypt(file), StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> Refusals() => new()
    {
        { "[\"a\"]", $"[\"{SecretsFolder.Sentinel}\"]", "JSON array" },
        { "[\"a\"]", $"{SecretsFolder.Sentinel}", "not valid JSON (at line 1, column 1)" },
        { "[\"a\"]", $"{{\"k\": {SecretsFolder.Sentinel}}}", "not a valid JSON object" },
        { "[\"a\"", $"\"{SecretsFolder.Sentinel}\"", "invalid set path (column 5)" },
        { "a", $"\"{SecretsFolder.Sentinel}\"", "invalid set path (column 1)" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Set_refuses_a_bad_path_or_value_with_exit_7_without_echoing_the_value(string path, string value, string message)
    {
        string file = _folder.Encrypt("secrets.yaml", Plaintext);
        byte[] before = File.ReadAllBytes(file);

        CryptResult result = _folder.Run("set", file, path, value);

        Assert.True(result.ExitCode == 7, result.ToString());
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(file));
        SecretsFolder.AssertNoLeak(result);
        _folder.AssertNoTempFiles();
    }

    [Fact]
    public void Set_refuses_the_reserved_sops_key()
    {
        string file = _folder.Encrypt("secrets.yaml", Plaintext);
        byte[] before = File.ReadAllBytes(file);

        CryptResult result = _folder.Run("set", file, "[\"sops\"]", $"\"{SecretsFolder.Sentinel}\"");

        Assert.True(result.ExitCode == 203, result.ToString());
        Assert.Equal(before, File.ReadAllBytes(file));
        SecretsFolder.AssertNoLeak(result);
    }

    [Fact]
    public void Set_of_a_missing_file_exits_2_as_sops_set_does()
    {
        CryptResult result = _folder.Run("set", _folder.PathOf("missing.yaml"), "[\"a\"]", "1");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.False(File.Exists(_folder.PathOf("missing.yaml")));
    }

    /// <summary>The lines holding encrypted values (metadata excluded).</summary>
    private static string[] ValueLines(string file) =>
        [.. File.ReadAllLines(file).TakeWhile(l => l != "sops:").Where(l => l.Contains("ENC[", StringComparison.Ordinal))];
}

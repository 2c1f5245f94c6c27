using System.Text;

namespace Crypt.Cli.Tests.EncryptDecrypt;

/// <summary><c>crypt encrypt</c> and <c>crypt decrypt</c> end to end: formats, stdin, -i, --output, --extract, type conversions.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class EncryptDecryptRoundTripTests : IDisposable
{
    private const string Yaml = "db:\n    user: app\n    password: s3cr3t-pw\n    port: 5432\napi_token: tok-123\nenabled: true\n";
    private const string Json = "{\n\t\"db\": {\n\t\t\"password\": \"s3cr3t-pw\",\n\t\t\"port\": 5432\n\t},\n\t\"api_token\": \"tok-123\"\n}\n";
    private const string Dotenv = "DB_PASSWORD=s3cr3t-pw\n#a comment\nAPI_TOKEN=tok-123\n";

    private readonly Workspace _ws = new();

    public void Dispose() => _ws.Dispose();

    public static TheoryData<string, string> Plaintexts() => new()
    {
        { "secrets.yaml", Yaml },
        { "secrets.json", Json },
        { "app.env", Dotenv },
        { "notes.txt", "a binary file\nwith s3cr3t-pw inside\n\u00e9\n" },
    };

    [Theory]
    [MemberData(nameof(Plaintexts))]
    public void Encrypt_then_decrypt_restores_the_exact_bytes_for_every_format(string name, string plaintext)
    {
        _ws.Write(name, plaintext);

        CryptResult encrypted = _ws.Run("encrypt", "--age", _ws.Recipient, name);

        Assert.True(encrypted.ExitCode == 0, encrypted.ToString());
        Assert.Equal(string.Empty, encrypted.Stderr);
        Assert.Contains("ENC[AES256_GCM,data:", encrypted.StdoutText, StringComparison.Ordinal);
        Assert.Contains(_ws.Recipient, encrypted.StdoutText, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-pw", encrypted.StdoutText, StringComparison.Ordinal);
        Assert.Equal(plaintext, _ws.Read(name));

        File.WriteAllBytes(_ws.Path("enc-" + name), encrypted.Stdout);
        CryptResult decrypted = _ws.Run("decrypt", "enc-" + name);

        Assert.True(decrypted.ExitCode == 0, decrypted.ToString());
        Assert.Equal(string.Empty, decrypted.Stderr);
        Assert.Equal(plaintext, decrypted.StdoutText);
        Assert.Empty(_ws.TempLeftovers());
    }

    [Fact]
    public void Encrypt_and_decrypt_read_standard_input_with_a_filename_override()
    {
        CryptResult encrypted = _ws.RunWithInput(Yaml, "encrypt", "--age", _ws.Recipient, "--filename-override", "secrets.yaml");
        Assert.True(encrypted.ExitCode == 0, encrypted.ToString());
        Assert.StartsWith("db:\n    user: ENC[AES256_GCM,", encrypted.StdoutText, StringComparison.Ordinal);

        CryptResult decrypted = _ws.RunWithInput(encrypted.StdoutText, "decrypt", "--input-type", "yaml");
        Assert.True(decrypted.ExitCode == 0, decrypted.ToString());
        Assert.Equal(Yaml, decrypted.StdoutText);

        CryptResult named = _ws.RunWithInput(encrypted.StdoutText, "decrypt", "--filename-override", "x.yaml", "-");
        Assert.Equal(Yaml, named.StdoutText);
    }

    [Fact]
    public void Encrypt_from_standard_input_without_a_filename_override_fails_with_exit_8()
    {
        CryptResult result = _ws.RunWithInput(Yaml, "encrypt", "--age", _ws.Recipient);

        Assert.Equal(8, result.ExitCode);
        Assert.Contains("--filename-override", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void In_place_encrypt_and_decrypt_rewrite_the_file_keeping_its_mode_and_leave_nothing_beside_it()
    {
        string path = _ws.Write("secrets.yaml", Yaml);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        CryptResult encrypted = _ws.Run("encrypt", "--age", _ws.Recipient, "-i", "secrets.yaml");

        Assert.True(encrypted.ExitCode == 0, encrypted.ToString());
        Assert.Empty(encrypted.Stdout);
        Assert.Contains("ENC[AES256_GCM", _ws.Read("secrets.yaml"), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-pw", _ws.Read("secrets.yaml"), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(path));

        CryptResult decrypted = _ws.Run("decrypt", "--in-place", "secrets.yaml");

        Assert.True(decrypted.ExitCode == 0, decrypted.ToString());
        Assert.Empty(decrypted.Stdout);
        Assert.Equal(Yaml, _ws.Read("secrets.yaml"));
        Assert.Equal(["secrets.yaml"], _ws.Files());
    }

    [Fact]
    public void Decrypt_with_output_writes_an_owner_only_file_and_nothing_to_stdout()
    {
        _ws.Encrypt("secrets.yaml", Yaml, "secrets.enc.yaml");

        CryptResult result = _ws.Run("decrypt", "--output", "plain.yaml", "secrets.enc.yaml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.Stdout);
        Assert.Equal(string.Empty, result.Stderr);
        Assert.Equal(Yaml, _ws.Read("plain.yaml"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_ws.Path("plain.yaml")));
        Assert.Equal(["plain.yaml", "secrets.enc.yaml"], _ws.Files());
    }

    // A number or bool is written as a one-value YAML document (the YAML store's EmitValue).
    public static TheoryData<string, string> Extracts() => new()
    {
        { "[\"db\"][\"password\"]", "s3cr3t-pw" },
        { "[\"db\"]", "user: app\npassword: s3cr3t-pw\nport: 5432\n" },
        { "[\"db\"][\"port\"]", "5432\n" },
        { "[\"enabled\"]", "true\n" },
    };

    [Theory]
    [MemberData(nameof(Extracts))]
    public void Extract_prints_a_string_raw_a_map_as_a_document_and_a_number_as_a_value(string path, string expected)
    {
        _ws.Encrypt("secrets.yaml", Yaml, "secrets.enc.yaml");

        CryptResult result = _ws.Run("decrypt", "--extract", path, "secrets.enc.yaml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(expected, result.StdoutText);
        Assert.Equal(string.Empty, result.Stderr);
    }

    [Fact]
    public void Decrypt_converts_yaml_to_json_and_json_to_dotenv_with_output_type()
    {
        _ws.Encrypt("secrets.yaml", Yaml, "secrets.enc.yaml");
        _ws.Encrypt("flat.json", "{\"DB_PASSWORD\": \"s3cr3t-pw\", \"PORT\": 5432, \"RATIO\": 0.5, \"ON\": true}", "flat.enc.json");

        CryptResult json = _ws.Run("decrypt", "--output-type", "json", "secrets.enc.yaml");
        CryptResult dotenv = _ws.Run("decrypt", "--output-type", "dotenv", "flat.enc.json");

        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.Equal(
            "{\n\t\"db\": {\n\t\t\"user\": \"app\",\n\t\t\"password\": \"s3cr3t-pw\",\n\t\t\"port\": 5432\n\t},\n\t\"api_token\": \"tok-123\",\n\t\"enabled\": true\n}\n",
            json.StdoutText);
        Assert.True(dotenv.ExitCode == 0, dotenv.ToString());
        Assert.Equal("DB_PASSWORD=s3cr3t-pw\nPORT=5432\nRATIO=0.5\nON=true\n", dotenv.StdoutText);
    }

    [Fact]
    public void Encrypt_output_type_json_writes_a_json_file_that_decrypts_back_to_yaml_with_input_type()
    {
        _ws.Write("secrets.yaml", Yaml);

        CryptResult encrypted = _ws.Run("encrypt", "--age", _ws.Recipient, "--output-type", "json", "--output", "secrets.enc.json", "secrets.yaml");
        Assert.True(encrypted.ExitCode == 0, encrypted.ToString());
        Assert.StartsWith("{\n\t\"db\": {", _ws.Read("secrets.enc.json"), StringComparison.Ordinal);

        CryptResult decrypted = _ws.Run("decrypt", "--output-type", "yaml", "secrets.enc.json");
        Assert.True(decrypted.ExitCode == 0, decrypted.ToString());
        Assert.Equal(Yaml, decrypted.StdoutText);
    }

    [Fact]
    public void Input_type_overrides_the_extension_for_a_yaml_file_with_another_name()
    {
        _ws.Write("secrets.conf", Yaml);

        CryptResult encrypted = _ws.Run("encrypt", "--age", _ws.Recipient, "--input-type", "yaml", "--output-type", "yaml", "secrets.conf");
        Assert.True(encrypted.ExitCode == 0, encrypted.ToString());
        Assert.StartsWith("db:\n    user: ENC[", encrypted.StdoutText, StringComparison.Ordinal);
        File.WriteAllBytes(_ws.Path("secrets.enc.conf"), encrypted.Stdout);

        CryptResult asBinary = _ws.Run("decrypt", "secrets.enc.conf");
        CryptResult asYaml = _ws.Run("decrypt", "--input-type", "yaml", "--output-type", "yaml", "secrets.enc.conf");

        // By its extension the file is binary, whose encrypted form is JSON: unreadable, as with sops (exit 2).
        Assert.Equal(2, asBinary.ExitCode);
        Assert.Empty(asBinary.Stdout);
        Assert.True(asYaml.ExitCode == 0, asYaml.ToString());
        Assert.Equal(Yaml, asYaml.StdoutText);
    }

    [Fact]
    public void An_unknown_input_type_fails_with_exit_8_naming_the_choices()
    {
        _ws.Write("secrets.yaml", Yaml);

        CryptResult result = _ws.Run("encrypt", "--age", _ws.Recipient, "--input-type", "toml", "secrets.yaml");

        Assert.Equal(8, result.ExitCode);
        Assert.Contains("yaml, json, dotenv, binary", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void Filestatus_prints_true_for_an_encrypted_file_and_false_for_a_plain_one()
    {
        _ws.Encrypt("secrets.yaml", Yaml, "secrets.enc.yaml");
        _ws.Write("plain.yaml", Yaml);

        CryptResult encrypted = _ws.Run("filestatus", "secrets.enc.yaml");
        CryptResult plain = _ws.Run("filestatus", "plain.yaml");

        Assert.Equal((0, "{\"encrypted\":true}\n"), (encrypted.ExitCode, encrypted.StdoutText));
        Assert.Equal((0, "{\"encrypted\":false}\n"), (plain.ExitCode, plain.StdoutText));
        Assert.Equal(string.Empty, encrypted.Stderr + plain.Stderr);
    }

    [Fact]
    public void Filestatus_reads_a_dotenv_file_with_another_extension_through_input_type()
    {
        _ws.Encrypt("app.env", Dotenv, "app.env.enc");

        CryptResult dotenv = _ws.Run("filestatus", "--input-type", "dotenv", "app.env.enc");

        Assert.Equal((0, "{\"encrypted\":true}\n"), (dotenv.ExitCode, dotenv.StdoutText));
        Assert.Equal(Encoding.UTF8.GetBytes(Dotenv), _ws.Run("decrypt", "--input-type", "dotenv", "--output-type", "dotenv", "app.env.enc").Stdout);
    }
}

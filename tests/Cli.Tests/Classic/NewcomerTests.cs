using Crypt.Cli.Tests.Edit;

namespace Crypt.Cli.Tests.Classic;

/// <summary>
/// What a new user hits in the first minutes, each with the answer sops gives or a clearer one:
/// usage errors instead of internal errors, a typo in the config named, a file whose name does
/// not tell its format, and a new file whose keys fail before the editor opens.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class NewcomerTests : IDisposable
{
    private readonly SecretsFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("--indent", "-1")]
    [InlineData("--shamir-secret-sharing-threshold", "-2")]
    public void A_negative_count_is_a_usage_error_not_an_internal_error(string option, string value)
    {
        File.WriteAllText(_folder.PathOf("plain.yaml"), "a: 1\n");

        CryptResult result = _folder.Run("encrypt", "--age", _folder.Recipient, option, value, _folder.PathOf("plain.yaml"));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"{option} must be 0 or more", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_threshold_of_0_means_not_given_and_the_rule_decides()
    {
        File.WriteAllText(_folder.PathOf(".sops.yaml"), $"""
            creation_rules:
              - shamir_threshold: 2
                key_groups:
                  - age: [{_folder.Recipient}]
                  - age: [{_folder.Recipient}]
            """);
        File.WriteAllText(_folder.PathOf("plain.yaml"), "a: 1\n");

        CryptResult result = _folder.Run("encrypt", "--shamir-secret-sharing-threshold", "0", _folder.PathOf("plain.yaml"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("shamir_threshold: 2", result.StdoutText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_typo_in_a_creation_rule_names_the_config_file_the_field_and_the_likely_fix()
    {
        string config = _folder.PathOf(".sops.yaml");
        File.WriteAllText(config, $"creation_rules:\n  - path_regex: \\.yaml$\n    agee: {_folder.Recipient}\n");
        File.WriteAllText(_folder.PathOf("plain.yaml"), "a: 1\n");

        CryptResult result = _folder.Run("encrypt", _folder.PathOf("plain.yaml"));

        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.Equal($"crypt: {config}:3:5: unknown field 'agee' in a creation rule; did you mean 'age'?\n", result.Stderr);
    }

    [Fact]
    public void An_encrypted_file_whose_name_hides_its_format_gets_a_message_naming_input_type()
    {
        string encrypted = _folder.Encrypt("secrets.yaml", "a: 1\n");
        string hidden = _folder.PathOf("secrets");
        File.Move(encrypted, hidden);

        CryptResult result = _folder.Run("decrypt", hidden);
        CryptResult told = _folder.Run("decrypt", "--input-type", "yaml", hidden);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--input-type yaml, json, dotenv or ini", result.Stderr, StringComparison.Ordinal);
        Assert.True(told.ExitCode == 0, told.ToString());
        Assert.Equal("a: 1\n", told.StdoutText);
    }

    [Fact]
    public void A_new_file_whose_key_cannot_be_wrapped_fails_before_the_editor_opens()
    {
        string file = _folder.PathOf("new.yaml");
        string opened = _folder.PathOf("opened");
        string editor = _folder.Script("editor.sh", $"touch '{opened}'");
        Dictionary<string, string> environment = _folder.Environment(editor);
        environment["AWS_ENDPOINT_URL_KMS"] = "http://127.0.0.1:9"; // discard port: nothing listens
        environment["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE";
        environment["AWS_SECRET_ACCESS_KEY"] = "secret";
        environment["AWS_EC2_METADATA_DISABLED"] = "true";

        CryptResult result = _folder.Run(environment, null, "edit", "--kms", "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", file);

        Assert.True(result.ExitCode == 128, result.ToString());
        Assert.False(File.Exists(opened), "the editor opened although the data key could not be wrapped");
        Assert.False(File.Exists(file));
        _folder.AssertNoTempFiles();
    }

    [Fact]
    public void A_mistyped_command_is_named_instead_of_opening_an_editor_on_a_new_file()
    {
        string opened = _folder.PathOf("opened");
        string editor = _folder.Script("editor.sh", $"touch '{opened}'");

        CryptResult result = _folder.Run(_folder.Environment(editor), null, "decryp", "secrets.enc.yaml");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("did you mean 'decrypt'?", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(opened));
    }
}

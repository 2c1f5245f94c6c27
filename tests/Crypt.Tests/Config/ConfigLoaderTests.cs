using Crypt.Config;
using Crypt.Errors;
using Crypt.Formats.Metadata;

namespace Crypt.Tests.Config;

public sealed class ConfigLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("crypt-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Find_prefers_sopsrc_and_falls_back_to_sops_yaml_walking_up()
    {
        string nested = Directory.CreateDirectory(Path.Combine(_dir, "a", "b")).FullName;
        File.WriteAllText(Path.Combine(_dir, ".sops.yaml"), "creation_rules: []\n");
        Assert.Equal(Path.Combine(_dir, ".sops.yaml"), ConfigLoader.Find(null, nested));

        File.WriteAllText(Path.Combine(_dir, "a", ".sopsrc"), "creation_rules: []\n");
        Assert.Equal(Path.Combine(_dir, "a", ".sopsrc"), ConfigLoader.Find(null, nested));
    }

    [Fact]
    public void Load_reads_flat_keys_as_one_group_and_the_first_matching_rule_wins()
    {
        string path = Write("""
            creation_rules:
              - path_regex: \.prod\.yaml$
                age: age1aaa, age1bbb
                kms: arn:aws:kms:eu-west-1:111122223333:key/k1+arn:aws:iam::111122223333:role/r
                encrypted_regex: ^(data|stringData)$
              - age:
                  - age1ccc
                mac_only_encrypted: true
            stores:
              yaml:
                indent: 2
            """);
        CryptConfig config = ConfigLoader.Load(path);

        CreationRule prod = config.Match(Path.Combine(_dir, "app.prod.yaml"))!;
        Assert.Equal(["age1aaa", "age1bbb", "arn:aws:kms:eu-west-1:111122223333:key/k1+arn:aws:iam::111122223333:role/r"], prod.KeyGroups.Single().Select(k => k.Id));
        Assert.Equal(new EncryptionRule(EncryptionMode.EncryptedRegex, "^(data|stringData)$"), prod.Rule);

        CreationRule other = config.Match(Path.Combine(_dir, "dev.yaml"))!;
        Assert.Equal("age1ccc", other.KeyGroups.Single().Single().Id);
        Assert.True(other.MacOnlyEncrypted);
        Assert.Equal(2, config.YamlIndent);
    }

    [Fact]
    public void Load_reads_key_groups_with_threshold_and_merge()
    {
        string path = Write("""
            creation_rules:
              - shamir_threshold: 2
                key_groups:
                  - age: [age1aaa]
                    kms:
                      - arn: arn:aws:kms:us-east-1:111122223333:key/k
                        context: {app: web}
                  - azure_keyvault:
                      - vaultUrl: https://v.vault.azure.net
                        key: sops
                        version: ""
                  - merge:
                      - age: [age1ccc]
            """);
        CreationRule rule = ConfigLoader.Load(path).CreationRules.Single();
        Assert.Equal(2, rule.ShamirThreshold);
        Assert.Equal(3, rule.KeyGroups.Count);
        KmsKeySpec kms = Assert.IsType<KmsKeySpec>(rule.KeyGroups[0][1]);
        Assert.Equal("web", kms.Key.Context.Single(p => p.Key == "app").Value);
        AzureKeySpec azure = Assert.IsType<AzureKeySpec>(rule.KeyGroups[1].Single());
        Assert.Equal(string.Empty, azure.Key.Version);
        Assert.Equal("age1ccc", rule.KeyGroups[2].Single().Id);
    }

    [Fact]
    public void Load_rejects_two_encryption_options_naming_the_file_and_line()
    {
        string path = Write("""
            creation_rules:
              - age: age1aaa
                encrypted_regex: x
                unencrypted_suffix: _clear
            """);
        ConfigException error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path));
        Assert.Equal(path, error.File);
        Assert.Equal(2, error.Line);
        Assert.StartsWith(path + ":2:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_reports_invalid_yaml_with_its_position()
    {
        string path = Write("creation_rules:\n  - age: [unclosed\n");
        ConfigException error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path));
        Assert.Contains("not valid YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Match_uses_the_path_relative_to_the_config_folder()
    {
        string path = Write("creation_rules:\n  - path_regex: ^secrets/\n    age: age1aaa\n");
        CryptConfig config = ConfigLoader.Load(path);
        Assert.NotNull(config.Match(Path.Combine(_dir, "secrets", "x.yaml")));
        Assert.Null(config.Match(Path.Combine(_dir, "other", "secrets", "x.yaml")));
    }

    [Fact]
    public void Load_reports_a_malformed_kms_arn_with_the_rule_position()
    {
        string path = Write("creation_rules:\n  - kms: not-an-arn\n");
        ConfigException error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path));
        Assert.StartsWith(path + ":2:", error.Message, StringComparison.Ordinal);
    }

    private string Write(string text)
    {
        string path = Path.Combine(_dir, ".sopsrc");
        File.WriteAllText(path, text);
        return path;
    }
}

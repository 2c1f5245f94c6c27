using System.Text.RegularExpressions;

namespace Crypt.Cli.Tests.Cloud;

/// <summary><c>rotate</c> and <c>updatekeys</c> adding and removing KMS and Key Vault keys (issue 6).</summary>
[Collection(CloudTestGroup.Name)]
public sealed partial class CloudKeyChangeTests(CloudEmulators cloud) : IDisposable
{
    private const string Secret = "sentinel-cloud-change-59";
    private const string Plain = $"token: {Secret}\n";

    private readonly Workspace _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public void Rotate_adds_kms_and_azure_keys_and_removes_them_again()
    {
        AgeKey age = _work.NewAgeKey("age");
        _work.Write("app.yaml", Plain);
        Assert.Equal(0, _work.Run(new Dictionary<string, string>(), "encrypt", "--age", age.Recipient, "-i", "app.yaml").ExitCode);
        Dictionary<string, string> all = Workspace.Env(age.Environment, cloud.KmsEnvironment(), cloud.AzureEnvironment());

        CryptResult add = _work.Run(all, "rotate", "-i", "--add-kms", CloudEmulators.KmsArn, "--add-azure-kv", cloud.AzureKeyUrl, "app.yaml");

        Assert.True(add.ExitCode == 0, add.ToString());
        string added = _work.Read("app.yaml");
        Assert.Contains($"arn: {CloudEmulators.KmsArn}", added, StringComparison.Ordinal);
        Assert.Contains($"name: crypt-key", added, StringComparison.Ordinal);
        Assert.Equal(Plain, _work.Run(cloud.KmsEnvironment(), "decrypt", "app.yaml").StdoutText);
        Assert.Equal(Plain, _work.Run(Workspace.Env(cloud.AzureEnvironment(), NoAws), "decrypt", "app.yaml").StdoutText);

        CryptResult remove = _work.Run(age.Environment, "rotate", "-i", "--rm-kms", CloudEmulators.KmsArn, "--rm-azure-kv", cloud.AzureKeyUrl, "app.yaml");

        Assert.True(remove.ExitCode == 0, remove.ToString());
        string removed = _work.Read("app.yaml");
        Assert.DoesNotContain("arn:", removed, StringComparison.Ordinal);
        Assert.DoesNotContain("vault_url", removed, StringComparison.Ordinal);
        CryptResult kms = _work.Run(cloud.KmsEnvironment(), "decrypt", "app.yaml");
        Assert.Equal(128, kms.ExitCode);
        Assert.Equal(Plain, _work.Run(age.Environment, "decrypt", "app.yaml").StdoutText);
        Assert.DoesNotContain(Secret, add.Stderr + remove.Stderr + kms.Stderr, StringComparison.Ordinal);
        _work.AssertNoTempFiles();
    }

    [Fact]
    public void Updatekeys_adds_kms_and_azure_keys_from_key_groups_and_removes_them_when_the_rule_drops_them()
    {
        AgeKey age = _work.NewAgeKey("age");
        _work.Write(".sops.yaml", $"creation_rules:\n  - key_groups:\n      - age: [{age.Recipient}]\n");
        _work.Write("app.yaml", Plain);
        Assert.Equal(0, _work.Run(new Dictionary<string, string>(), "encrypt", "-i", "app.yaml").ExitCode);
        string original = _work.Read("app.yaml");
        _work.Write(".sops.yaml", $"""
            creation_rules:
              - key_groups:
                  - age: [{age.Recipient}]
                    kms:
                      - arn: {CloudEmulators.KmsArn}
                    azure_keyvault:
                      - vaultUrl: {cloud.Vault.VaultUrl}
                        key: crypt-key
                        version: ""

            """);
        Dictionary<string, string> all = Workspace.Env(age.Environment, cloud.KmsEnvironment(), cloud.AzureEnvironment());

        CryptResult add = _work.Run(all, "updatekeys", "-y", "app.yaml");

        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.Equal(
            $"The following changes will be made to the file's groups:\nGroup 1\n    {age.Recipient}\n+++ {CloudEmulators.KmsArn}\n+++ {cloud.AzureKeyUrl}/{cloud.AzureKeyVersion}\n",
            add.StdoutText);
        string added = _work.Read("app.yaml");
        Assert.Equal(Body(original), Body(added));
        Assert.Equal(Plain, _work.Run(cloud.KmsEnvironment(), "decrypt", "app.yaml").StdoutText);
        Assert.Equal(Plain, _work.Run(Workspace.Env(cloud.AzureEnvironment(), NoAws), "decrypt", "app.yaml").StdoutText);

        _work.Write(".sops.yaml", $"creation_rules:\n  - key_groups:\n      - age: [{age.Recipient}]\n");
        CryptResult remove = _work.Run(age.Environment, "updatekeys", "-y", "app.yaml");

        Assert.True(remove.ExitCode == 0, remove.ToString());
        Assert.Contains($"--- {CloudEmulators.KmsArn}\n--- {cloud.AzureKeyUrl}/{cloud.AzureKeyVersion}\n", remove.StdoutText, StringComparison.Ordinal);
        Assert.Contains("run 'crypt rotate -i app.yaml' to cut them off", remove.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("arn:", _work.Read("app.yaml"), StringComparison.Ordinal);
        Assert.Equal(128, _work.Run(cloud.KmsEnvironment(), "decrypt", "app.yaml").ExitCode);
        Assert.Equal(Plain, _work.Run(age.Environment, "decrypt", "app.yaml").StdoutText);
        _work.AssertNoTempFiles();
    }

    [Fact]
    public void Kms_and_key_vault_entries_have_sops_field_names_order_and_encodings()
    {
        _work.Write("app.yaml", Plain);
        CryptResult encrypt = _work.Run(
            Workspace.Env(cloud.KmsEnvironment(), cloud.AzureEnvironment()),
            "encrypt", "--kms", $"{CloudEmulators.KmsArn}+{CloudEmulators.RoleArn}", "--encryption-context", "team:payments,app:web", "-i", "app.yaml");
        Assert.True(encrypt.ExitCode == 0, encrypt.ToString());
        byte[] kmsBlob = cloud.Kms.LastCiphertext!;
        string kmsFile = _work.Read("app.yaml");

        _work.Write("app2.yaml", Plain);
        CryptResult azure = _work.Run(Workspace.Env(cloud.AzureEnvironment()), "encrypt", "--azure-kv", cloud.AzureKeyUrl, "-i", "app2.yaml");
        Assert.True(azure.ExitCode == 0, azure.ToString());
        byte[] vaultBlob = cloud.Vault.LastCiphertext!;
        string azureFile = _work.Read("app2.yaml");

        Match kms = KmsEntry().Match(kmsFile);
        Assert.True(kms.Success, kmsFile);
        Assert.Equal(CloudEmulators.KmsArn, kms.Groups["arn"].Value);
        Assert.Equal(CloudEmulators.RoleArn, kms.Groups["role"].Value);
        Assert.Equal("            app: web\n            team: payments\n", kms.Groups["context"].Value);
        Assert.Equal(kmsBlob, Convert.FromBase64String(kms.Groups["enc"].Value));
        Assert.Equal(0, kms.Groups["enc"].Value.Length % 4);

        Match vault = AzureEntry().Match(azureFile);
        Assert.True(vault.Success, azureFile);
        Assert.Equal(cloud.Vault.VaultUrl, vault.Groups["url"].Value);
        Assert.Equal(cloud.AzureKeyVersion, vault.Groups["version"].Value);
        Assert.Equal(vaultBlob, System.Buffers.Text.Base64Url.DecodeFromChars(vault.Groups["enc"].Value));
    }

    /// <summary>Keeps the AWS SDK from probing instance metadata on a machine that is not in EC2.</summary>
    internal static Dictionary<string, string> NoAws => new() { ["AWS_EC2_METADATA_DISABLED"] = "true" };

    private static string Body(string file) => file[..file.IndexOf("\nsops:", StringComparison.Ordinal)];

    // sops 3.13's sorted layout: arn, aws_profile, context, created_at, enc, role; std base64 with padding.
    [GeneratedRegex("""
        \n    kms:\n        - arn: (?<arn>\S+)\n          aws_profile: ""\n          context:\n(?<context>(?:            \S+: \S+\n)+)          created_at: "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"\n          enc: (?<enc>[A-Za-z0-9+/]+={0,2})\n          role: (?<role>\S+)\n
        """)]
    private static partial Regex KmsEntry();

    // created_at, enc, name, vault_url, version; base64url without padding.
    [GeneratedRegex("""
        \n    azure_kv:\n        - created_at: "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"\n          enc: (?<enc>[A-Za-z0-9_-]+)\n          name: crypt-key\n          vault_url: (?<url>\S+)\n          version: (?<version>[0-9a-f]+)\n
        """)]
    private static partial Regex AzureEntry();
}

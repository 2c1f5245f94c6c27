using Crypt.Cli.Tests.Cloud;

namespace Crypt.Cli.Tests.KeyGroups;

/// <summary>Key groups with a Shamir threshold across age, KMS and Key Vault, through the CLI (issue 6).</summary>
[Collection(CloudTestGroup.Name)]
public sealed class KeyGroupsTests(CloudEmulators cloud) : IDisposable
{
    private const string Secret = "sentinel-shamir-secret-88";
    private const string Plain = $"token: {Secret}\n";

    private readonly Workspace _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public void A_three_group_file_with_threshold_two_opens_with_any_two_groups_and_fails_clearly_with_one()
    {
        AgeKey age = _work.NewAgeKey("age");
        _work.Write(".sops.yaml", $"""
            creation_rules:
              - path_regex: \.yaml$
                shamir_threshold: 2
                key_groups:
                  - age: [{age.Recipient}]
                  - kms:
                      - arn: {CloudEmulators.KmsArn}
                        context:
                          app: web
                  - azure_keyvault:
                      - vaultUrl: {cloud.Vault.VaultUrl}
                        key: crypt-key
                        version: {cloud.AzureKeyVersion}

            """);
        _work.Write("app.yaml", Plain);
        Dictionary<string, string> kms = cloud.KmsEnvironment();
        Dictionary<string, string> azure = cloud.AzureEnvironment();
        CryptResult encrypt = _work.Run(Workspace.Env(kms, azure), "encrypt", "-i", "app.yaml");
        Assert.True(encrypt.ExitCode == 0, encrypt.ToString());
        string file = _work.Read("app.yaml");
        Assert.Contains("    shamir_threshold: 2\n", file, StringComparison.Ordinal);
        Assert.Contains("    key_groups:\n", file, StringComparison.Ordinal);

        foreach (Dictionary<string, string> two in new[]
        {
            Workspace.Env(age.Environment, kms),
            Workspace.Env(age.Environment, azure, CloudKeyChangeTests.NoAws),
            Workspace.Env(kms, azure),
        })
        {
            CryptResult decrypt = _work.Run(two, "decrypt", "app.yaml");
            Assert.True(decrypt.ExitCode == 0, decrypt.ToString());
            Assert.Equal(Plain, decrypt.StdoutText);
        }

        CryptResult one = _work.Run(Workspace.Env(age.Environment, CloudKeyChangeTests.NoAws), "decrypt", "app.yaml");

        Assert.Equal(128, one.ExitCode);
        Assert.Equal(string.Empty, one.StdoutText);
        string report = one.Stderr;
        Assert.Contains("Group 0: OK", report, StringComparison.Ordinal);
        Assert.Contains($"Group 1: FAILED\n  kms {CloudEmulators.KmsArn}|app:web: FAILED\n    - ", report, StringComparison.Ordinal);
        Assert.Contains($"Group 2: FAILED\n  azure_kv {cloud.AzureKeyUrl}/{cloud.AzureKeyVersion}: FAILED\n    - ", report, StringComparison.Ordinal);
        Assert.Contains("Shamir threshold of 2, but only 1 part(s) were recovered", report, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, report, StringComparison.Ordinal);
        _work.AssertNoTempFiles();
    }
}

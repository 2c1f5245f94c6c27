namespace Crypt.Cli.Tests.Cloud;

/// <summary>
/// Files encrypted by the CLI for age, AWS KMS and Azure Key Vault together (issue 6): any one
/// key type opens them, each reached the way users reach the real services.
/// </summary>
[Collection(CloudTestGroup.Name)]
public sealed class CloudKeysTests(CloudEmulators cloud) : IDisposable
{
    private const string Secret = "sentinel-cloud-secret-41";
    private const string Plain = $"db:\n    password: {Secret}\n    port: 5432\n";

    private readonly Workspace _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public void A_file_for_age_kms_and_azure_decrypts_with_any_one_of_them_alone()
    {
        AgeKey age = _work.NewAgeKey("age");
        _work.Write("app.yaml", Plain);
        CryptResult encrypt = _work.Run(
            Workspace.Env(cloud.KmsEnvironment(), cloud.AzureEnvironment()),
            "encrypt", "--age", age.Recipient, "--kms", CloudEmulators.KmsArn, "--azure-kv", cloud.AzureKeyUrl, "-i", "app.yaml");
        Assert.True(encrypt.ExitCode == 0, encrypt.ToString());
        string encrypted = _work.Read("app.yaml");
        Assert.DoesNotContain(Secret, encrypted, StringComparison.Ordinal);
        Assert.Contains($"vault_url: {cloud.Vault.VaultUrl}", encrypted, StringComparison.Ordinal);
        Assert.Contains($"version: {cloud.AzureKeyVersion}", encrypted, StringComparison.Ordinal);

        int kmsBefore = cloud.Kms.Requests.Count;
        CryptResult ageOnly = _work.Run(age.Environment, "decrypt", "app.yaml");
        Assert.True(ageOnly.ExitCode == 0, ageOnly.ToString());
        Assert.Equal(Plain, ageOnly.StdoutText);
        Assert.Equal(kmsBefore, cloud.Kms.Requests.Count);

        CryptResult kmsOnly = _work.Run(cloud.KmsEnvironment(), "decrypt", "app.yaml");
        Assert.True(kmsOnly.ExitCode == 0, kmsOnly.ToString());
        Assert.Equal(Plain, kmsOnly.StdoutText);
        Assert.Contains(cloud.Kms.Requests, r => r.Operation == "TrentService.Decrypt" && r.AccessKeyId == CloudEmulators.AccessKeyId);

        int vaultDecrypts = cloud.Vault.Requests.Count(r => r.Contains("/decrypt?", StringComparison.Ordinal));
        CryptResult azureOnly = _work.Run(cloud.AzureEnvironment(), "decrypt", "app.yaml");
        Assert.True(azureOnly.ExitCode == 0, azureOnly.ToString());
        Assert.Equal(Plain, azureOnly.StdoutText);
        Assert.True(cloud.Vault.Requests.Count(r => r.Contains("/decrypt?", StringComparison.Ordinal)) > vaultDecrypts);
        foreach (CryptResult run in new[] { encrypt, ageOnly, kmsOnly, azureOnly })
        {
            Assert.DoesNotContain(Secret, run.Stderr, StringComparison.Ordinal);
        }

        _work.AssertNoTempFiles();
    }
}

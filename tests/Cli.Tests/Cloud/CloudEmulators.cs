using Crypt.Tests.Emulators.KeyVault;
using Crypt.Tests.Emulators.Kms;

namespace Crypt.Cli.Tests.Cloud;

/// <summary>
/// The KMS and Key Vault emulators, started once for the cloud CLI tests, and the environment
/// a user would set to reach them: the AWS SDK's endpoint and credential variables, and for
/// Azure a service principal against a custom authority host with the emulator's certificate
/// trusted through <c>SSL_CERT_FILE</c>. No crypt-specific test switch is involved.
/// </summary>
public sealed class CloudEmulators : IAsyncLifetime
{
    public const string KmsArn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    public const string SecondKmsArn = "arn:aws:kms:eu-west-1:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321";
    public const string RoleArn = "arn:aws:iam::111122223333:role/crypt-decrypt";
    public const string AccessKeyId = "AKIACLITESTS00000001";

    private readonly string _folder = Directory.CreateTempSubdirectory("crypt-cloud-").FullName;

    internal KmsEmulator Kms { get; private set; } = null!;

    internal KeyVaultEmulator Vault { get; private set; } = null!;

    /// <summary>The vault key URL without a version, <c>https://127.0.0.1:port/keys/crypt-key</c>.</summary>
    public string AzureKeyUrl => $"{Vault.VaultUrl}/keys/crypt-key";

    public string AzureKeyVersion { get; private set; } = string.Empty;

    public string SecondAzureKeyUrl => $"{Vault.VaultUrl}/keys/second-key";

    private string CertificateFile => Path.Combine(_folder, "emulator.pem");

    public async Task InitializeAsync()
    {
        Kms = await KmsEmulator.StartAsync();
        Vault = await KeyVaultEmulator.StartAsync();
        Kms.AddKey(KmsArn);
        Kms.AddKey(SecondKmsArn);
        AzureKeyVersion = Vault.AddKeyVersion("crypt-key");
        Vault.AddKeyVersion("second-key");
        Vault.WriteCertificatePem(CertificateFile);
    }

    public async Task DisposeAsync()
    {
        await Kms.DisposeAsync();
        await Vault.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>What a user sets to use KMS through a custom endpoint (a VPC endpoint, LocalStack).</summary>
    public Dictionary<string, string> KmsEnvironment(Uri? endpoint = null)
    {
        string url = (endpoint ?? Kms.Url).ToString().TrimEnd('/');
        return new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL_KMS"] = url,
            ["AWS_ENDPOINT_URL_STS"] = url,
            ["AWS_ACCESS_KEY_ID"] = AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = "cli-test-secret",
            ["AWS_EC2_METADATA_DISABLED"] = "true",
        };
    }

    /// <summary>What a user sets to use Key Vault with a service principal in a cloud with its own authority.</summary>
    public Dictionary<string, string> AzureEnvironment() => new(Vault.CredentialEnvironment)
    {
        ["SSL_CERT_FILE"] = CertificateFile,
    };
}

/// <summary>CLI tests that share the emulators; their request logs are asserted on, so one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CloudTestGroup : ICollectionFixture<CloudEmulators>
{
    public const string Name = "cloud";
}

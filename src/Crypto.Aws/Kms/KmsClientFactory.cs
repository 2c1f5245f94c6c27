using Amazon;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace Crypt.Crypto.Aws.Kms;

/// <summary>
/// Builds the KMS client for one key the way SOPS's <c>createKMSConfig</c> does: region from
/// the ARN, credentials from the options, else the key's profile, else the default chain; then,
/// if the key names a role, credentials from STS <c>AssumeRole</c> with session name
/// <c>sops@hostname</c>.
/// </summary>
internal static class KmsClientFactory
{
    public static async Task<AmazonKeyManagementServiceClient> CreateAsync(
        KmsKeyReference key,
        KmsClientOptions options,
        CancellationToken cancellationToken)
    {
        AwsRuntimeDependencies.EnsureRegistered();
        RegionEndpoint region = RegionEndpoint.GetBySystemName(key.Region);

        AmazonKeyManagementServiceConfig config = new();
        Configure(config, region, options.ServiceUrl, key.AwsProfile, options);

        AWSCredentials? credentials = options.Credentials;
        if (key.Role is not null)
        {
            credentials = await AssumeRoleAsync(key, region, options, cancellationToken).ConfigureAwait(false);
        }

        return credentials is null
            ? new AmazonKeyManagementServiceClient(config)
            : new AmazonKeyManagementServiceClient(credentials, config);
    }

    private static async Task<AWSCredentials> AssumeRoleAsync(
        KmsKeyReference key,
        RegionEndpoint region,
        KmsClientOptions options,
        CancellationToken cancellationToken)
    {
        AmazonSecurityTokenServiceConfig config = new();
        Configure(config, region, options.StsServiceUrl, key.AwsProfile, options);
        using AmazonSecurityTokenServiceClient sts = options.Credentials is null
            ? new AmazonSecurityTokenServiceClient(config)
            : new AmazonSecurityTokenServiceClient(options.Credentials, config);

        AssumeRoleResponse response = await sts.AssumeRoleAsync(
            new AssumeRoleRequest { RoleArn = key.Role, RoleSessionName = StsSessionName.Create() },
            cancellationToken).ConfigureAwait(false);
        Credentials assumed = response.Credentials;
        return new SessionAWSCredentials(assumed.AccessKeyId, assumed.SecretAccessKey, assumed.SessionToken);
    }

    private static void Configure(ClientConfig config, RegionEndpoint region, Uri? serviceUrl, string profile, KmsClientOptions options)
    {
        if (profile.Length > 0)
        {
            config.Profile = new Profile(profile);
        }

        config.RegionEndpoint = region;
        if (serviceUrl is not null)
        {
            // An explicit endpoint replaces the region's; sign for the ARN's region all the same.
            config.ServiceURL = serviceUrl.ToString();
            config.AuthenticationRegion = region.SystemName;
        }

        config.Timeout = options.RequestTimeout;
        config.MaxErrorRetry = options.MaxErrorRetry;
    }
}

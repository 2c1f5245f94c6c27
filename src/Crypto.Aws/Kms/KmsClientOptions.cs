using Amazon.Runtime;

namespace Crypt.Crypto.Aws.Kms;

/// <summary>
/// How Crypt talks to AWS KMS. Everything has a default that matches the AWS CLI and SOPS:
/// credentials from the SDK's default chain (environment, shared config/profile, SSO, web
/// identity, container and instance metadata), endpoints from the SDK's own resolution, which
/// honours <c>AWS_ENDPOINT_URL_KMS</c>, <c>AWS_ENDPOINT_URL_STS</c> and <c>AWS_ENDPOINT_URL</c>.
/// </summary>
public sealed class KmsClientOptions
{
    /// <summary>Explicit credentials; null uses the SDK default chain (or the key's profile).</summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>A KMS endpoint (e.g. a VPC endpoint) that overrides the SDK's resolution.</summary>
    public Uri? ServiceUrl { get; init; }

    /// <summary>An STS endpoint used when a key names a role, overriding the SDK's resolution.</summary>
    public Uri? StsServiceUrl { get; init; }

    /// <summary>
    /// The most one key operation may take, role assumption, retries and back-off included.
    /// A service that does not answer fails with a <see cref="Errors.KeySourceException"/> then.
    /// </summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The most one HTTP attempt may take.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How many times a failed request is retried (throttling, 5xx, network errors).</summary>
    public int MaxErrorRetry { get; init; } = 2;
}

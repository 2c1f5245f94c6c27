using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Crypt.Crypto.Aws.Tests;

/// <summary>
/// Makes the SDK's default chain hermetic for the whole test process: credentials from
/// environment variables, a private shared config/credentials file with one named profile,
/// and no instance-metadata probing (which would leave the loopback interface). It runs when
/// the test assembly loads, before any test can touch the SDK, which caches what it reads.
/// </summary>
internal static class AwsTestEnvironment
{
    public const string EnvAccessKeyId = "AKIAENVIRONMENT00001";
    public const string ProfileName = "crypt-test";
    public const string ProfileAccessKeyId = "AKIAPROFILE000000001";

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "A test assembly: the environment must be set before any test runs.")]
    internal static void Prepare()
    {
        string folder = Path.Combine(Path.GetTempPath(), "crypt-aws-tests-" + Environment.ProcessId);
        Directory.CreateDirectory(folder);
        string credentials = Path.Combine(folder, "credentials");
        string config = Path.Combine(folder, "config");
        File.WriteAllText(credentials, $"""
            [{ProfileName}]
            aws_access_key_id = {ProfileAccessKeyId}
            aws_secret_access_key = profile-secret

            """);
        File.WriteAllText(config, $"""
            [profile {ProfileName}]
            region = eu-west-1

            """);

        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", credentials);
        Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", config);
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        Environment.SetEnvironmentVariable("AWS_PROFILE", null);
        Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", null);
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL", null);
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_KMS", null);
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_STS", null);
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", EnvAccessKeyId);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "environment-secret");
    }
}

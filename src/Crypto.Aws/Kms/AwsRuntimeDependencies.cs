using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.RuntimeDependencies;
using Amazon.SecurityToken;
using Amazon.SSO;
using Amazon.SSOOIDC;

namespace Crypt.Crypto.Aws.Kms;

/// <summary>
/// The SDK builds STS, SSO and SSO-OIDC clients for role, web-identity and SSO profiles by
/// loading their assemblies through reflection, which NativeAOT trims away. AWS's AOT guidance
/// is to register factories in <see cref="GlobalRuntimeDependencyRegistry"/> instead; this does
/// that once per process, under NativeAOT only. The registry hands a factory no source
/// credentials, so the clients are anonymous: right for web identity (CI OIDC), SSO and SSO-OIDC,
/// which authenticate by token, but not for a profile that assumes a role from a
/// <c>source_profile</c>; with the JIT the SDK's own reflection path handles that case, so the
/// registry is left alone there. (A key's own <c>role</c> never goes through here: the source
/// assumes it with an STS client it builds itself.)
/// </summary>
internal static class AwsRuntimeDependencies
{
    private static readonly Lazy<bool> s_registered = new(Register);

    public static void EnsureRegistered() => _ = s_registered.Value;

    private static bool Register()
    {
        if (RuntimeFeature.IsDynamicCodeSupported)
        {
            return false;
        }

        GlobalRuntimeDependencyRegistry registry = GlobalRuntimeDependencyRegistry.Instance;
        registry.RegisterSecurityTokenServiceClient(CreateStsClient);
        registry.RegisterSSOClient(CreateSsoClient);
        registry.RegisterSSOOIDCClient(CreateSsoOidcClient);
        return true;
    }

    internal static AmazonSecurityTokenServiceClient CreateStsClient(CreateInstanceContext context) =>
        new(new AnonymousAWSCredentials(), new AmazonSecurityTokenServiceConfig { RegionEndpoint = context.SecurityTokenServiceClientContextData.Region });

    internal static AmazonSSOClient CreateSsoClient(CreateInstanceContext context) =>
        new(new AnonymousAWSCredentials(), new AmazonSSOConfig { RegionEndpoint = context.SSOClientContextData.Region });

    internal static AmazonSSOOIDCClient CreateSsoOidcClient(CreateInstanceContext context) =>
        new(new AnonymousAWSCredentials(), new AmazonSSOOIDCConfig { RegionEndpoint = context.SSOOIDCClientContextData.Region });
}

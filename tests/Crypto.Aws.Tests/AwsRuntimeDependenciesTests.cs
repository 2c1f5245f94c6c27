using Amazon;
using Amazon.RuntimeDependencies;
using Crypt.Crypto.Aws.Kms;

namespace Crypt.Crypto.Aws.Tests;

// The factories only run under NativeAOT, where the SDK cannot load these clients by
// reflection; here they are called directly with the contexts the SDK passes.
public sealed class AwsRuntimeDependenciesTests
{
    [Fact]
    public void The_STS_factory_builds_a_client_for_the_region_the_SDK_asks_for()
    {
        using var client = AwsRuntimeDependencies.CreateStsClient(new CreateInstanceContext(
            new SecurityTokenServiceClientContext { Action = SecurityTokenServiceClientContext.ActionContext.AssumeRoleAWSCredentials, Region = RegionEndpoint.EUWest3 }));
        Assert.Equal(RegionEndpoint.EUWest3, client.Config.RegionEndpoint);
    }

    [Fact]
    public void The_SSO_factories_build_clients_for_the_region_the_SDK_asks_for()
    {
        using var sso = AwsRuntimeDependencies.CreateSsoClient(new CreateInstanceContext(new SSOClientContext { Region = RegionEndpoint.USWest2 }));
        using var oidc = AwsRuntimeDependencies.CreateSsoOidcClient(new CreateInstanceContext(new SSOOIDCClientContext { Region = RegionEndpoint.APNortheast1 }));
        Assert.Equal(RegionEndpoint.USWest2, sso.Config.RegionEndpoint);
        Assert.Equal(RegionEndpoint.APNortheast1, oidc.Config.RegionEndpoint);
    }
}

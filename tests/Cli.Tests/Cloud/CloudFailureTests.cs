using System.Diagnostics;
using Crypt.Tests.Emulators.Network;

namespace Crypt.Cli.Tests.Cloud;

/// <summary>An unreachable or hanging KMS: bounded failure naming the key, and no wait when age can open the file.</summary>
[Collection(CloudTestGroup.Name)]
public sealed class CloudFailureTests : IDisposable
{
    private const string Plain = "token: sentinel-failure-secret-12\n";

    private readonly Workspace _work = new();
    private readonly CloudEmulators _cloud;
    private readonly AgeKey _age;

    public CloudFailureTests(CloudEmulators cloud)
    {
        _cloud = cloud;
        _age = _work.NewAgeKey("age");
        _work.Write("app.yaml", Plain);
        CryptResult result = _work.Run(cloud.KmsEnvironment(), "encrypt", "--age", _age.Recipient, "--kms", CloudEmulators.KmsArn, "-i", "app.yaml");
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    public void Dispose() => _work.Dispose();

    [Fact]
    public void Decrypt_with_nothing_listening_on_the_kms_endpoint_fails_quickly_naming_the_key()
    {
        Stopwatch clock = Stopwatch.StartNew();
        CryptResult decrypt = _work.Run(_cloud.KmsEnvironment(SilentListener.ClosedPortUrl()), "decrypt", "app.yaml");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
        Assert.Equal(128, decrypt.ExitCode);
        Assert.True(decrypt.Stderr.Contains($"kms {CloudEmulators.KmsArn}: FAILED\n    - AWS KMS Decrypt failed: ", StringComparison.Ordinal), decrypt.Stderr);
        Assert.Contains("age " + _age.Recipient + ": FAILED", decrypt.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, decrypt.StdoutText);
    }

    [Fact]
    public void Decrypt_against_a_kms_endpoint_that_never_answers_gives_up_within_the_bound()
    {
        using SilentListener silent = new();
        Stopwatch clock = Stopwatch.StartNew();
        CryptResult decrypt = _work.Run(_cloud.KmsEnvironment(silent.Url), "decrypt", "app.yaml");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
        Assert.Equal(128, decrypt.ExitCode);
        Assert.Contains($"kms {CloudEmulators.KmsArn}: FAILED", decrypt.Stderr, StringComparison.Ordinal);
        Assert.Contains("did not finish within", decrypt.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_tries_age_first_so_a_file_age_can_open_never_calls_kms()
    {
        int before = _cloud.Kms.Requests.Count;
        CryptResult decrypt = _work.Run(Workspace.Env(_cloud.KmsEnvironment(), _age.Environment), "decrypt", "app.yaml");

        Assert.True(decrypt.ExitCode == 0, decrypt.ToString());
        Assert.Equal(Plain, decrypt.StdoutText);
        Assert.Equal(before, _cloud.Kms.Requests.Count);
    }
}

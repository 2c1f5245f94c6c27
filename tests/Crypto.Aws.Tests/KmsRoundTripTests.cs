using System.Security.Cryptography;
using Amazon.Runtime;
using Crypt.Crypto.Aws.Kms;
using Crypt.Crypto.KeySources;
using Crypt.Tests.Emulators.Kms;

namespace Crypt.Crypto.Aws.Tests;

[Collection(KmsTestGroup.Name)]
public sealed class KmsRoundTripTests(KmsEmulatorFixture fixture)
{
    private readonly KmsEmulator _emulator = fixture.Emulator;

    // A deadline far above what a loaded CI machine needs: these calls must succeed, and no
    // test here measures time.
    private KmsClientOptions Options => new()
    {
        ServiceUrl = _emulator.Url,
        StsServiceUrl = _emulator.Url,
        OperationTimeout = TimeSpan.FromMinutes(2),
        RequestTimeout = TimeSpan.FromMinutes(1),
    };

    private string NewKey(string region = "eu-central-1") =>
        _emulator.AddKey($"arn:aws:kms:{region}:111122223333:key/{Guid.NewGuid()}");

    [Theory]
    [InlineData(32)]
    [InlineData(33)]
    public async Task Wrap_then_unwrap_returns_the_secret(int length)
    {
        string arn = NewKey();
        byte[] secret = RandomNumberGenerator.GetBytes(length);

        MasterKeyEntry entry = await new KmsRecipient(new KmsKeyReference(arn, null, null, null), Options).WrapAsync(secret, CancellationToken.None);
        byte[] opened = await new KmsUnwrapper(Options).UnwrapAsync(entry, CancellationToken.None);

        Assert.Equal(secret, opened);
    }

    [Fact]
    public async Task Wrap_produces_the_sops_kms_entry_with_std_padded_base64_of_the_ciphertext_blob()
    {
        string arn = NewKey("us-west-2");
        IReadOnlyList<KeyValuePair<string, string>> context = KmsKeyParser.ParseEncryptionContext("app:crypt,env:test");
        DateTimeOffset before = DateTimeOffset.UtcNow.AddSeconds(-1);

        KmsKeyEntry entry = Assert.IsType<KmsKeyEntry>(await new KmsRecipient(new KmsKeyReference(arn, null, context, null), Options)
            .WrapAsync(new byte[32], CancellationToken.None));

        Assert.Equal("kms", entry.Type);
        Assert.Equal(arn, entry.Arn);
        Assert.Null(entry.Role);
        Assert.Equal(string.Empty, entry.AwsProfile);
        Assert.Equal(context, entry.Context);
        Assert.Equal($"{arn}|app:crypt,env:test", entry.Id);

        // FORMAT.md §6.2: enc = base64 std (padded) of CiphertextBlob.
        Assert.Equal(Convert.ToBase64String(_emulator.LastCiphertext!), entry.Enc);
        Assert.Matches("^[A-Za-z0-9+/]+={0,2}$", entry.Enc);
        Assert.Equal(0, entry.Enc.Length % 4);

        // FORMAT.md §5.1: created_at is RFC 3339 UTC, whole seconds, 'Z'.
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", entry.CreatedAt);
        DateTimeOffset created = DateTimeOffset.Parse(entry.CreatedAt, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(created, before, DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task Requests_are_SigV4_signed_for_the_region_of_the_arn_with_default_chain_credentials()
    {
        string arn = NewKey("ap-southeast-2");
        _emulator.Requests.Clear();

        await new KmsRecipient(new KmsKeyReference(arn, null, null, null), Options).WrapAsync(new byte[32], CancellationToken.None);

        SeenRequest request = Assert.Single(_emulator.Requests);
        Assert.Equal("TrentService.Encrypt", request.Operation);
        Assert.Equal(AwsTestEnvironment.EnvAccessKeyId, request.AccessKeyId);
        Assert.Matches(@"^\d{8}/ap-southeast-2/kms/aws4_request$", request.CredentialScope);
    }

    [Fact]
    public async Task Explicit_credentials_in_the_options_sign_the_requests()
    {
        string arn = NewKey();
        _emulator.Requests.Clear();
        KmsClientOptions options = new()
        {
            ServiceUrl = _emulator.Url,
            Credentials = new BasicAWSCredentials("AKIAEXPLICIT00000001", "explicit-secret"),
            OperationTimeout = TimeSpan.FromMinutes(2),
            RequestTimeout = TimeSpan.FromMinutes(1),
        };

        await new KmsRecipient(new KmsKeyReference(arn, null, null, null), options).WrapAsync(new byte[32], CancellationToken.None);

        Assert.Equal("AKIAEXPLICIT00000001", Assert.Single(_emulator.Requests).AccessKeyId);
    }

    [Fact]
    public async Task The_aws_profile_of_the_key_selects_the_shared_config_profile()
    {
        string arn = NewKey();
        _emulator.Requests.Clear();

        KmsKeyEntry entry = Assert.IsType<KmsKeyEntry>(await new KmsRecipient(new KmsKeyReference(arn, null, null, AwsTestEnvironment.ProfileName), Options)
            .WrapAsync(new byte[32], CancellationToken.None));
        await new KmsUnwrapper(Options).UnwrapAsync(entry, CancellationToken.None);

        Assert.Equal(AwsTestEnvironment.ProfileName, entry.AwsProfile);
        Assert.All(_emulator.Requests, r => Assert.Equal(AwsTestEnvironment.ProfileAccessKeyId, r.AccessKeyId));
        Assert.Equal(2, _emulator.Requests.Count);
    }

    [Fact]
    public async Task A_role_is_assumed_through_STS_with_a_sops_session_name_and_its_credentials_call_KMS()
    {
        string arn = NewKey();
        const string Role = "arn:aws:iam::111122223333:role/crypt-test";
        _emulator.Requests.Clear();
        _emulator.SessionNames.Clear();

        KmsKeyEntry entry = Assert.IsType<KmsKeyEntry>(await new KmsRecipient(KmsKeyParser.ParseOne($"{arn}+{Role}"), Options)
            .WrapAsync(new byte[32], CancellationToken.None));

        Assert.Equal(Role, entry.Role);
        Assert.Equal($"{arn}+{Role}", entry.Id);
        string session = Assert.Single(_emulator.SessionNames);
        Assert.StartsWith("sops@", session, StringComparison.Ordinal);
        Assert.InRange(session.Length, 6, 64);
        SeenRequest[] requests = [.. _emulator.Requests];
        Assert.Equal(2, requests.Length);
        Assert.Equal(AwsTestEnvironment.EnvAccessKeyId, requests[0].AccessKeyId);
        Assert.Contains("/sts/", requests[0].CredentialScope, StringComparison.Ordinal);
        Assert.Equal(KmsEmulator.AssumedAccessKeyId, requests[1].AccessKeyId);
        Assert.Equal("assumed-session-token", requests[1].SessionToken);
    }

    [Fact]
    public async Task An_alias_arn_wraps_and_unwraps()
    {
        string keyArn = NewKey();
        string alias = $"arn:aws:kms:eu-central-1:111122223333:alias/crypt-{Guid.NewGuid():N}";
        _emulator.AddAlias(alias, keyArn);
        byte[] secret = RandomNumberGenerator.GetBytes(32);

        MasterKeyEntry entry = await new KmsRecipient(new KmsKeyReference(alias, null, null, null), Options).WrapAsync(secret, CancellationToken.None);

        Assert.Equal(secret, await new KmsUnwrapper(Options).UnwrapAsync(entry, CancellationToken.None));
    }

    [Fact]
    public async Task The_endpoint_can_come_from_AWS_ENDPOINT_URL_KMS_alone()
    {
        string arn = NewKey();
        byte[] secret = RandomNumberGenerator.GetBytes(32);
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_KMS", _emulator.Url.ToString());
        try
        {
            MasterKeyEntry entry = await new KmsRecipient(new KmsKeyReference(arn, null, null, null)).WrapAsync(secret, CancellationToken.None);
            Assert.Equal(secret, await new KmsUnwrapper().UnwrapAsync(entry, CancellationToken.None));
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_KMS", null);
        }
    }

    [Fact]
    public async Task Unwrap_of_an_entry_of_another_type_is_a_caller_bug()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            new KmsUnwrapper(Options).UnwrapAsync(new AgeKeyEntry("age1x", "enc"), CancellationToken.None));
    }
}

using System.Buffers.Text;
using System.Diagnostics;
using Crypt.Crypto.Azure.KeyVault;
using Crypt.Crypto.Errors;
using Crypt.Crypto.KeySources;
using Crypt.Tests.Emulators.KeyVault;
using Crypt.Tests.Emulators.Network;

namespace Crypt.Crypto.Azure.Tests;

[Collection(KeyVaultTestGroup.Name)]
public sealed class KeyVaultFailureTests(KeyVaultEmulatorFixture fixture)
{
    // A recognisable secret: no failure message may show it in any encoding.
    private static readonly byte[] s_sentinel = [.. Enumerable.Range(0, 32).Select(i => (byte)(0xC0 + (i % 16)))];

    private readonly KeyVaultEmulator _emulator = fixture.Emulator;

    private AzureKeyVaultClient Client(string token = KeyVaultEmulator.Token, TimeSpan? timeout = null) =>
        new(new RecordingTokenCredential(token), KeyVaultEmulatorFixture.TrustingOptions(_emulator.Certificate, timeout));

    private (string Name, string Version) NewKey()
    {
        string name = "key-" + Guid.NewGuid().ToString("N")[..12];
        return (name, _emulator.AddKeyVersion(name));
    }

    [Fact]
    public async Task A_refused_bearer_token_fails_naming_the_key_url()
    {
        (string name, string version) = NewKey();
        AzureKeyVaultRecipient recipient = await AzureKeyVaultRecipient.CreateAsync(
            new AzureKeyVaultKeyReference(_emulator.VaultUrl, name, version), Client("wrong-token"), CancellationToken.None);

        KeySourceException e = await Assert.ThrowsAsync<KeySourceException>(() => recipient.WrapAsync(s_sentinel, CancellationToken.None));

        Assert.Equal($"{_emulator.VaultUrl}/keys/{name}/{version}", e.KeyId);
        Assert.Contains("401", e.Message, StringComparison.Ordinal);
        AssertNoSecret(e);
    }

    [Fact]
    public async Task Version_lookup_with_a_refused_token_fails_naming_the_key()
    {
        (string name, _) = NewKey();

        KeySourceException e = await Assert.ThrowsAsync<KeySourceException>(() => AzureKeyVaultRecipient.CreateAsync(
            AzureKeyVaultKeyReference.Parse($"{_emulator.VaultUrl}/keys/{name}"), Client("wrong-token"), CancellationToken.None));

        Assert.Equal($"{_emulator.VaultUrl}/keys/{name}/", e.KeyId);
        Assert.Contains("get key", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_key_fails_with_Key_Vaults_error_code()
    {
        AzureKeyVaultKeyReference key = new(_emulator.VaultUrl, "no-such-key", "0123456789abcdef");
        AzureKeyVaultRecipient recipient = await AzureKeyVaultRecipient.CreateAsync(key, Client(), CancellationToken.None);

        KeySourceException e = await Assert.ThrowsAsync<KeySourceException>(() => recipient.WrapAsync(s_sentinel, CancellationToken.None));

        Assert.Equal(key.KeyUrl, e.KeyId);
        Assert.Contains("404 KeyNotFound", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unwrap_with_another_key_version_fails_naming_the_key()
    {
        (string name, string first) = NewKey();
        string second = _emulator.AddKeyVersion(name);
        AzureKeyVaultClient client = Client();
        AzureKeyVaultEntry entry = (AzureKeyVaultEntry)await (await AzureKeyVaultRecipient.CreateAsync(
            new AzureKeyVaultKeyReference(_emulator.VaultUrl, name, first), client, CancellationToken.None)).WrapAsync(s_sentinel, CancellationToken.None);

        KeySourceException e = await Assert.ThrowsAsync<KeySourceException>(() =>
            new AzureKeyVaultUnwrapper(client).UnwrapAsync(entry with { Version = second }, CancellationToken.None));

        Assert.Equal($"{_emulator.VaultUrl}/keys/{name}/{second}", e.KeyId);
        AssertNoSecret(e);
    }

    [Theory]
    [InlineData("not base64url!")]
    [InlineData("AAAA==")]
    [InlineData("AAA+")]
    public async Task Unwrap_of_an_enc_that_is_not_unpadded_base64url_fails_naming_the_key(string enc)
    {
        (string name, string version) = NewKey();
        AzureKeyVaultEntry entry = new(_emulator.VaultUrl, name, version, "2024-01-01T00:00:00Z", enc);

        KeySourceException e = await Assert.ThrowsAsync<KeySourceException>(() =>
            new AzureKeyVaultUnwrapper(Client()).UnwrapAsync(entry, CancellationToken.None));

        Assert.Equal(entry.Id, e.KeyId);
    }

    [Fact]
    public async Task A_vault_that_never_answers_fails_within_the_operation_timeout()
    {
        using SilentListener silent = new();
        AzureKeyVaultEntry entry = new(silent.VaultUrl, "k", "v1", "2024-01-01T00:00:00Z", Base64Url.EncodeToString(new byte[256]));

        Stopwatch clock = Stopwatch.StartNew();
        KeySourceException e = await Assert.ThrowsAsync<KeySourceException>(() =>
            new AzureKeyVaultUnwrapper(Client(timeout: TimeSpan.FromSeconds(2))).UnwrapAsync(entry, CancellationToken.None));

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(60));
        Assert.Equal(entry.Id, e.KeyId);
    }

    [Fact]
    public async Task A_port_with_nothing_listening_fails_within_the_operation_timeout()
    {
        AzureKeyVaultKeyReference key = new(SilentListener.ClosedPortVaultUrl(), "k", "v1");
        AzureKeyVaultRecipient recipient = await AzureKeyVaultRecipient.CreateAsync(key, Client(timeout: TimeSpan.FromSeconds(3)), CancellationToken.None);

        Stopwatch clock = Stopwatch.StartNew();
        KeySourceException e = await Assert.ThrowsAsync<KeySourceException>(() => recipient.WrapAsync(s_sentinel, CancellationToken.None));

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(60));
        Assert.Equal(key.KeyUrl, e.KeyId);
        AssertNoSecret(e);
    }

    [Fact]
    public async Task A_stopped_vault_fails_within_the_operation_timeout()
    {
        KeyVaultEmulator stopped = await KeyVaultEmulator.StartAsync();
        string version = stopped.AddKeyVersion("k");

        // The set-up wrap must succeed however loaded the machine is: it gets the generous
        // deadline; only the call under test has the short one (a 3 s set-up failed CI once).
        AzureKeyVaultClient setUp = new(new RecordingTokenCredential(), KeyVaultEmulatorFixture.TrustingOptions(stopped.Certificate));
        AzureKeyVaultClient client = new(new RecordingTokenCredential(), KeyVaultEmulatorFixture.TrustingOptions(stopped.Certificate, TimeSpan.FromSeconds(3)));
        MasterKeyEntry entry = await (await AzureKeyVaultRecipient.CreateAsync(new AzureKeyVaultKeyReference(stopped.VaultUrl, "k", version), setUp, CancellationToken.None))
            .WrapAsync(s_sentinel, CancellationToken.None);
        await stopped.DisposeAsync();

        Stopwatch clock = Stopwatch.StartNew();
        KeySourceException e = await Assert.ThrowsAsync<KeySourceException>(() => new AzureKeyVaultUnwrapper(client).UnwrapAsync(entry, CancellationToken.None));

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(60));
        Assert.Equal(entry.Id, e.KeyId);
    }

    [Fact]
    public async Task A_certificate_the_transport_does_not_trust_fails_naming_the_key()
    {
        (string name, string version) = NewKey();
        AzureKeyVaultClientOptions options = new() { OperationTimeout = TimeSpan.FromSeconds(10) };
        options.Retry.MaxRetries = 0;
        AzureKeyVaultRecipient recipient = await AzureKeyVaultRecipient.CreateAsync(
            new AzureKeyVaultKeyReference(_emulator.VaultUrl, name, version), new AzureKeyVaultClient(new RecordingTokenCredential(), options), CancellationToken.None);

        KeySourceException e = await Assert.ThrowsAsync<KeySourceException>(() => recipient.WrapAsync(s_sentinel, CancellationToken.None));

        Assert.Equal($"{_emulator.VaultUrl}/keys/{name}/{version}", e.KeyId);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_turned_into_a_key_failure()
    {
        using SilentListener silent = new();
        AzureKeyVaultRecipient recipient = await AzureKeyVaultRecipient.CreateAsync(
            new AzureKeyVaultKeyReference(silent.VaultUrl, "k", "v1"), Client(), CancellationToken.None);

        // The silent vault never answers, so only the caller's token can end the call; the
        // client's own deadline (GenerousTimeout) is far beyond it even on a loaded machine.
        using CancellationTokenSource cancel = new(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => recipient.WrapAsync(s_sentinel, cancel.Token));
    }

    private static void AssertNoSecret(Exception e)
    {
        string text = e.ToString();
        Assert.DoesNotContain(Convert.ToHexString(s_sentinel), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToBase64String(s_sentinel), text, StringComparison.Ordinal);
        Assert.DoesNotContain(Base64Url.EncodeToString(s_sentinel), text, StringComparison.Ordinal);
    }
}

using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using Crypt.Crypto.Azure.KeyVault;
using Crypt.Crypto.KeySources;
using Crypt.Tests.Emulators.KeyVault;

namespace Crypt.Crypto.Azure.Tests;

[Collection(KeyVaultTestGroup.Name)]
public sealed class KeyVaultRoundTripTests(KeyVaultEmulatorFixture fixture)
{
    private readonly KeyVaultEmulator _emulator = fixture.Emulator;

    private AzureKeyVaultClient Client(RecordingTokenCredential? credential = null) =>
        new(credential ?? new RecordingTokenCredential(), KeyVaultEmulatorFixture.TrustingOptions(_emulator.Certificate));

    private static string NewKeyName() => "key-" + Guid.NewGuid().ToString("N")[..12];

    [Theory]
    [InlineData(2048, 32)]
    [InlineData(2048, 33)]
    [InlineData(4096, 32)]
    public async Task Wrap_then_unwrap_returns_the_secret(int bits, int length)
    {
        string name = NewKeyName();
        string version = _emulator.AddKeyVersion(name, bits);
        AzureKeyVaultClient client = Client();
        byte[] secret = RandomNumberGenerator.GetBytes(length);

        AzureKeyVaultRecipient recipient = await AzureKeyVaultRecipient.CreateAsync(new AzureKeyVaultKeyReference(_emulator.VaultUrl, name, version), client, CancellationToken.None);
        MasterKeyEntry entry = await recipient.WrapAsync(secret, CancellationToken.None);
        byte[] opened = await new AzureKeyVaultUnwrapper(client).UnwrapAsync(entry, CancellationToken.None);

        Assert.Equal(secret, opened);
    }

    [Fact]
    public async Task Wrap_produces_the_sops_azure_kv_entry_with_unpadded_base64url_of_the_result()
    {
        string name = NewKeyName();
        string version = _emulator.AddKeyVersion(name);
        DateTimeOffset before = DateTimeOffset.UtcNow.AddSeconds(-1);

        AzureKeyVaultRecipient recipient = await AzureKeyVaultRecipient.CreateAsync(
            AzureKeyVaultKeyReference.Parse($"{_emulator.VaultUrl}/keys/{name}/{version}"), Client(), CancellationToken.None);
        AzureKeyVaultEntry entry = Assert.IsType<AzureKeyVaultEntry>(await recipient.WrapAsync(new byte[32], CancellationToken.None));

        Assert.Equal("azure_kv", entry.Type);
        Assert.Equal(_emulator.VaultUrl, entry.VaultUrl);
        Assert.Equal(name, entry.Name);
        Assert.Equal(version, entry.Version);
        Assert.Equal($"{_emulator.VaultUrl}/keys/{name}/{version}", entry.Id);
        Assert.Equal(entry.Id, recipient.Id);

        // FORMAT.md §6.3: enc = base64url without padding (Go RawURLEncoding) of the RSA-OAEP-256 result.
        Assert.Equal(Base64Url.EncodeToString(_emulator.LastCiphertext), entry.Enc);
        Assert.Matches("^[A-Za-z0-9_-]+$", entry.Enc);
        Assert.Equal(342, entry.Enc.Length); // 256 bytes of RSA-2048 ciphertext, unpadded

        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", entry.CreatedAt);
        Assert.InRange(DateTimeOffset.Parse(entry.CreatedAt, CultureInfo.InvariantCulture), before, DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    public async Task A_key_url_without_a_version_is_pinned_to_the_current_version_via_get_key(string suffix)
    {
        string name = NewKeyName();
        _emulator.AddKeyVersion(name);
        string current = _emulator.AddKeyVersion(name);
        AzureKeyVaultClient client = Client();

        AzureKeyVaultRecipient recipient = await AzureKeyVaultRecipient.CreateAsync(
            AzureKeyVaultKeyReference.Parse($"{_emulator.VaultUrl}/keys/{name}{suffix}"), client, CancellationToken.None);
        AzureKeyVaultEntry entry = Assert.IsType<AzureKeyVaultEntry>(await recipient.WrapAsync(new byte[32], CancellationToken.None));

        Assert.Equal(current, recipient.Key.Version);
        Assert.Equal(current, entry.Version);
        Assert.Contains($"GET /keys/{name}?api-version=7.5", _emulator.Requests);
        Assert.Contains($"POST /keys/{name}/{current}/encrypt?api-version=7.5", _emulator.Requests);
    }

    [Fact]
    public async Task A_key_with_a_version_is_not_looked_up()
    {
        string name = NewKeyName();
        string version = _emulator.AddKeyVersion(name);

        await AzureKeyVaultRecipient.CreateAsync(new AzureKeyVaultKeyReference(_emulator.VaultUrl, name, version), Client(), CancellationToken.None);

        Assert.DoesNotContain(_emulator.Requests, r => r.StartsWith($"GET /keys/{name}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unwrap_uses_the_version_recorded_in_the_entry_after_the_key_rotated()
    {
        string name = NewKeyName();
        string first = _emulator.AddKeyVersion(name);
        AzureKeyVaultClient client = Client();
        byte[] secret = RandomNumberGenerator.GetBytes(32);
        MasterKeyEntry entry = await (await AzureKeyVaultRecipient.CreateAsync(AzureKeyVaultKeyReference.Parse($"{_emulator.VaultUrl}/keys/{name}"), client, CancellationToken.None))
            .WrapAsync(secret, CancellationToken.None);

        _emulator.AddKeyVersion(name);

        Assert.Equal(first, ((AzureKeyVaultEntry)entry).Version);
        Assert.Equal(secret, await new AzureKeyVaultUnwrapper(client).UnwrapAsync(entry, CancellationToken.None));
    }

    [Fact]
    public async Task The_token_is_requested_for_the_vault_scope()
    {
        string name = NewKeyName();
        string version = _emulator.AddKeyVersion(name);
        RecordingTokenCredential credential = new();

        await (await AzureKeyVaultRecipient.CreateAsync(new AzureKeyVaultKeyReference(_emulator.VaultUrl, name, version), Client(credential), CancellationToken.None))
            .WrapAsync(new byte[32], CancellationToken.None);

        Assert.Equal(["https://vault.azure.net/.default"], credential.Scopes.Distinct());
    }

    [Fact]
    public async Task Unwrap_of_an_entry_of_another_type_is_a_caller_bug()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            new AzureKeyVaultUnwrapper(Client()).UnwrapAsync(new AgeKeyEntry("age1x", "enc"), CancellationToken.None));
    }
}

using Crypt.Crypto.Azure.KeyVault;
using Crypt.Crypto.Errors;

namespace Crypt.Crypto.Azure.Tests;

public sealed class KeyVaultParsingTests
{
    // key URL, vault_url, name, version (SOPS azkv.NewMasterKeyFromURL).
    public static TheoryData<string, string, string, string> KeyUrls => new()
    {
        { "https://test.vault.azure.net/keys/test-key/a2a690a4fcc04166b739da342a912c90", "https://test.vault.azure.net", "test-key", "a2a690a4fcc04166b739da342a912c90" },
        { "https://test.vault.azure.net/keys/test-key", "https://test.vault.azure.net", "test-key", "" },
        { "https://test.vault.azure.net/keys/test-key/", "https://test.vault.azure.net", "test-key", "" },
        { "  https://v.vault.azure.cn/keys/k/1 ", "https://v.vault.azure.cn", "k", "1" },
        { "https://127.0.0.1:8443/keys/k/1", "https://127.0.0.1:8443", "k", "1" },
    };

    [Theory]
    [MemberData(nameof(KeyUrls))]
    public void Parse_reads_vault_name_and_version(string text, string vault, string name, string version)
    {
        AzureKeyVaultKeyReference key = AzureKeyVaultKeyReference.Parse(text);
        Assert.Equal((vault, name, version), (key.VaultUrl, key.Name, key.Version));
    }

    [Theory]
    [InlineData("http://test.vault.azure.net/keys/k/1")]
    [InlineData("https://test.vault.azure.net/secrets/k/1")]
    [InlineData("https://test.vault.azure.net/keys/")]
    [InlineData("https://test.vault.azure.net/keys/k/1/extra")]
    [InlineData("test.vault.azure.net/keys/k/1")]
    [InlineData("")]
    public void Parse_rejects_what_is_not_a_key_url_naming_it(string text)
    {
        MalformedKeyException e = Assert.Throws<MalformedKeyException>(() => AzureKeyVaultKeyReference.Parse(text));
        Assert.Equal(text.Trim(), e.KeyId);
    }

    [Fact]
    public void ParseList_splits_on_commas_and_skips_empty_items()
    {
        IReadOnlyList<AzureKeyVaultKeyReference> keys = AzureKeyVaultKeyReference.ParseList(
            "https://a.vault.azure.net/keys/k1/v1, https://b.vault.azure.net/keys/k2,");
        Assert.Equal(["https://a.vault.azure.net/keys/k1/v1", "https://b.vault.azure.net/keys/k2/"], keys.Select(k => k.KeyUrl));
    }

    [Theory]
    [InlineData("https://v.vault.azure.net", "k", "1", "https://v.vault.azure.net/keys/k/1")]
    [InlineData("https://v.vault.azure.net/", "k", null, "https://v.vault.azure.net/keys/k/")]
    [InlineData(" https://v.vault.azure.net ", "k", "", "https://v.vault.azure.net/keys/k/")]
    public void FromKeyGroup_reads_the_object_form(string vaultUrl, string key, string? version, string expected)
    {
        Assert.Equal(expected, AzureKeyVaultKeyReference.FromKeyGroup(vaultUrl, key, version).KeyUrl);
    }

    [Theory]
    [InlineData("https://v.vault.azure.net/path", "k")]
    [InlineData("http://v.vault.azure.net", "k")]
    [InlineData("https://v.vault.azure.net", "")]
    [InlineData("https://v.vault.azure.net", "a/b")]
    public void FromKeyGroup_rejects_an_unusable_vault_or_name(string vaultUrl, string key)
    {
        Assert.Throws<MalformedKeyException>(() => AzureKeyVaultKeyReference.FromKeyGroup(vaultUrl, key, "1"));
    }

    [Theory]
    [InlineData("https://myvault.vault.azure.net", "https://vault.azure.net/.default")]
    [InlineData("https://MyVault.Vault.Azure.Net", "https://vault.azure.net/.default")]
    [InlineData("https://myvault.vault.azure.cn", "https://vault.azure.cn/.default")]
    [InlineData("https://myvault.vault.usgovcloudapi.net", "https://vault.usgovcloudapi.net/.default")]
    [InlineData("https://myvault.vault.microsoftazure.de", "https://vault.microsoftazure.de/.default")]
    [InlineData("https://myhsm.managedhsm.azure.net", "https://managedhsm.azure.net/.default")]
    [InlineData("https://127.0.0.1:8443", "https://vault.azure.net/.default")]
    [InlineData("https://keys.example.com", "https://vault.azure.net/.default")]
    public void Token_scope_follows_the_cloud_of_the_vault_host(string vault, string scope)
    {
        Assert.Equal(scope, KeyVaultScope.ForVault(new Uri(vault)));
    }
}

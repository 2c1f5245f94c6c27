using Crypt.Cli.Keys;
using Crypt.Crypto.KeySources;

namespace Crypt.Cli.Tests.Rotate;

/// <summary>Which entries <c>rotate --rm-*</c> removes: SOPS's ToString identity, per type.</summary>
public sealed class RotateKeySelectorTests
{
    private const string Arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private const string Vault = "https://v.vault.azure.net";

    private static readonly KmsKeyEntry s_plainKms = new(Arn, null, [], string.Empty, "2024-01-01T00:00:00Z", "AAAA");
    private static readonly KmsKeyEntry s_contextKms = new(Arn, null, [new("app", "web")], "prod", "2024-01-01T00:00:00Z", "AAAA");
    private static readonly AzureKeyVaultEntry s_azureV1 = new(Vault, "k", "v1", "2024-01-01T00:00:00Z", "AA");
    private static readonly AzureKeyVaultEntry s_azureV2 = new(Vault, "k", "v2", "2024-01-01T00:00:00Z", "AA");
    private static readonly OpaqueKeyEntry s_vault = new("hc_vault", [new("vault_address", "https://vault:8200"), new("engine_path", "transit"), new("key_name", "sops"), new("enc", "vault:v1:x")]);

    public static TheoryData<string, string, string, bool> Rows() => new()
    {
        { "kms", Arn, "plain", true },
        { "kms", Arn, "context", false },
        { "kms", $"{Arn}|app:web|prod", "context", true },
        { "kms", $"{Arn}|app:web|prod", "plain", false },
        { "azure_kv", $"{Vault}/keys/k/v1", "azure1", true },
        { "azure_kv", $"{Vault}/keys/k/v1", "azure2", false },
        { "azure_kv", $"{Vault}/keys/k/", "azure1", true },
        { "azure_kv", $"{Vault}/keys/k/", "azure2", true },
        { "azure_kv", $"{Vault}/keys/other/", "azure2", false },
        { "hc_vault", "https://vault:8200/v1/transit/keys/sops", "vault", true },
        { "hc_vault", "sops", "vault", false },
        { "age", Arn, "plain", false },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void A_removal_matches_an_entry_exactly_by_its_sops_identity(string type, string id, string entry, bool matches)
    {
        MasterKeyEntry target = entry switch
        {
            "plain" => s_plainKms,
            "context" => s_contextKms,
            "azure1" => s_azureV1,
            "azure2" => s_azureV2,
            _ => s_vault,
        };

        Assert.Equal(matches, new KeySelector(type, id).Matches(target));
    }
}

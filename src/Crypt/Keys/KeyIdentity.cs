using Crypt.Config;
using Crypt.Crypto.KeySources;

namespace Crypt.Keys;

/// <summary>
/// A master key's identity as SOPS's <c>MasterKey.ToString()</c> prints it (FORMAT.md §6):
/// the string <c>rotate --rm-*</c> and <c>updatekeys</c> compare keys by, and print in diffs.
/// KMS keys include their encryption context and profile, Key Vault keys their version.
/// </summary>
internal static class KeyIdentity
{
    /// <summary>The identity of a key recorded in a file.</summary>
    public static string Of(MasterKeyEntry entry) => entry switch
    {
        OpaqueKeyEntry { TypeName: "hc_vault" } vault =>
            $"{Field(vault, "vault_address")}/v1/{Field(vault, "engine_path")}/keys/{Field(vault, "key_name")}",
        _ => entry.Id,
    };

    /// <summary>The identity of a key named by a flag or creation rule.</summary>
    public static string Of(KeySpec spec) => spec switch
    {
        KmsKeySpec kms => new KmsKeyEntry(kms.Key.Arn, kms.Key.Role, kms.Key.Context, kms.Key.AwsProfile, string.Empty, string.Empty).Id,
        _ => spec.Id,
    };

    /// <summary>The identity of a key about to wrap a data key (an Azure key has its version pinned by now).</summary>
    public static string Of(IKeyRecipient recipient) => recipient.Id;

    private static string Field(OpaqueKeyEntry entry, string name) =>
        entry.Fields.FirstOrDefault(f => f.Key == name).Value ?? string.Empty;
}

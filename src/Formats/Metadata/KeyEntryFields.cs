namespace Crypt.Formats.Metadata;

/// <summary>
/// The master-key lists of the <c>sops</c> block and the fields of each entry type (sops
/// <c>stores/stores.go</c> structs), for the types Crypt keeps opaque: they are read and
/// written as exactly these fields, sorted, as sops 3.13 writes them.
/// </summary>
internal static class KeyEntryFields
{
    /// <summary>The order sops builds a key group in when reading (<c>internalGroupFrom</c>).</summary>
    public static readonly IReadOnlyList<string> GroupReadOrder = ["kms", "gcp_kms", "hckms", "azure_kv", "hc_vault", "pgp", "age"];

    /// <summary>Fields of the opaque types, sorted by name.</summary>
    public static IReadOnlyList<string>? OpaqueFields(string type) => type switch
    {
        "gcp_kms" => s_gcpKms,
        "hc_vault" => s_hcVault,
        "hckms" => s_hckms,
        _ => null,
    };

    private static readonly string[] s_gcpKms = ["created_at", "enc", "resource_id"];
    private static readonly string[] s_hcVault = ["created_at", "enc", "engine_path", "key_name", "vault_address"];
    private static readonly string[] s_hckms = ["created_at", "enc", "key_id"];
}

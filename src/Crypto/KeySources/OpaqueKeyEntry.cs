namespace Crypt.Crypto.KeySources;

/// <summary>
/// An entry of a key type Crypt does not open (gcp_kms, hc_vault, hckms). Its fields are
/// kept in order and written back unchanged, so a file shared with a GCP KMS or
/// Vault user survives edits.
/// </summary>
public sealed record OpaqueKeyEntry(string TypeName, IReadOnlyList<KeyValuePair<string, string>> Fields) : MasterKeyEntry
{
    /// <inheritdoc />
    public override string Type => TypeName;

    /// <inheritdoc />
    public override string Id => Field("fp") ?? Field("resource_id") ?? Field("key_id") ?? Field("key_name") ?? TypeName;

    /// <inheritdoc />
    public override string Enc => Field("enc") ?? string.Empty;

    private string? Field(string name) => Fields.FirstOrDefault(f => f.Key == name).Value;
}

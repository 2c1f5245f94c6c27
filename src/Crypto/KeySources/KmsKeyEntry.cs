namespace Crypt.Crypto.KeySources;

/// <summary>
/// A <c>kms</c> entry (SOPS §6.2): key or alias ARN, optional role to assume, encryption
/// context, profile (always written, empty when unset), creation time and base64 ciphertext.
/// </summary>
public sealed record KmsKeyEntry(
    string Arn,
    string? Role,
    IReadOnlyList<KeyValuePair<string, string>> Context,
    string AwsProfile,
    string CreatedAt,
    string Enc) : MasterKeyEntry
{
    /// <summary>The metadata list name.</summary>
    public const string TypeName = "kms";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>SOPS's <c>ToString</c>: <c>arn[+role][|k1:v1,k2:v2][|profile]</c>, context sorted.</summary>
    public override string Id
    {
        get
        {
            string id = string.IsNullOrEmpty(Role) ? Arn : $"{Arn}+{Role}";
            if (Context.Count > 0)
            {
                id += "|" + string.Join(",", Context.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}:{p.Value}"));
            }

            if (!string.IsNullOrEmpty(AwsProfile))
            {
                id += "|" + AwsProfile;
            }

            return id;
        }
    }

    /// <inheritdoc />
    public override string Enc { get; } = Enc;
}

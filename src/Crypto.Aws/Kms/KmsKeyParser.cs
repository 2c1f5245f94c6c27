using Crypt.Crypto.Errors;

namespace Crypt.Crypto.Aws.Kms;

/// <summary>
/// The string forms SOPS accepts for KMS keys (<c>--kms</c>, <c>SOPS_KMS_ARN</c>, <c>kms:</c> in
/// creation rules, <c>--encryption-context</c>); SOPS <c>kms.MasterKeysFromArnString</c> and
/// <c>kms.ParseKMSContext</c>.
/// </summary>
public static class KmsKeyParser
{
    /// <summary>
    /// Parses a comma-separated list of <c>arn[+roleArn]</c>. Spaces are removed, as SOPS does;
    /// empty items are skipped. Every key gets <paramref name="context"/> and <paramref name="awsProfile"/>.
    /// </summary>
    /// <exception cref="MalformedKeyException">An item is not a KMS key or alias ARN.</exception>
    public static IReadOnlyList<KmsKeyReference> ParseList(
        string arns,
        IReadOnlyList<KeyValuePair<string, string>>? context = null,
        string? awsProfile = null)
    {
        ArgumentNullException.ThrowIfNull(arns);
        List<KmsKeyReference> keys = [];
        foreach (string item in arns.Split(','))
        {
            string trimmed = item.Replace(" ", string.Empty, StringComparison.Ordinal).Trim();
            if (trimmed.Length > 0)
            {
                keys.Add(ParseOne(trimmed, context, awsProfile));
            }
        }

        return keys;
    }

    /// <summary>Parses one <c>arn[+roleArn]</c>.</summary>
    /// <exception cref="MalformedKeyException">The key part is not a KMS key or alias ARN.</exception>
    public static KmsKeyReference ParseOne(
        string arnAndRole,
        IReadOnlyList<KeyValuePair<string, string>>? context = null,
        string? awsProfile = null)
    {
        ArgumentNullException.ThrowIfNull(arnAndRole);

        // ARN paths may contain '+' but never ':', so "+arn:" can only start the role ARN.
        int roleIndex = arnAndRole.IndexOf("+arn:", StringComparison.Ordinal);
        return roleIndex > 0
            ? new KmsKeyReference(arnAndRole[..roleIndex], arnAndRole[(roleIndex + 1)..], context, awsProfile)
            : new KmsKeyReference(arnAndRole, null, context, awsProfile);
    }

    /// <summary>
    /// Parses <c>k1:v1,k2:v2</c>. Each pair must hold exactly one <c>:</c>; an empty string is
    /// an empty context. A later duplicate key replaces the earlier one (SOPS builds a map).
    /// </summary>
    /// <exception cref="InvalidEncryptionContextException">A pair does not have exactly one <c>:</c>.</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> ParseEncryptionContext(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        List<KeyValuePair<string, string>> pairs = [];
        if (text.Length == 0)
        {
            return pairs;
        }

        foreach (string pair in text.Split(','))
        {
            string[] parts = pair.Split(':');
            if (parts.Length != 2)
            {
                // SOPS only warns and drops the whole context; silently losing the context
                // would bind the data key to less than the user asked for, so refuse instead.
                throw new InvalidEncryptionContextException($"'{pair}' is not a key:value pair with exactly one ':'");
            }

            pairs.RemoveAll(p => p.Key == parts[0]);
            pairs.Add(new KeyValuePair<string, string>(parts[0], parts[1]));
        }

        return pairs;
    }
}

using System.Text.RegularExpressions;
using Crypt.Crypto.Errors;
using Crypt.Crypto.KeySources;

namespace Crypt.Crypto.Aws.Kms;

/// <summary>
/// An AWS KMS master key as a user names it (SOPS §6.2): the key or alias ARN, an optional role
/// to assume, the encryption context and the shared-config profile. The region is the ARN's.
/// </summary>
public sealed partial record KmsKeyReference
{
    /// <summary>Creates a reference, checking that <paramref name="arn"/> is a KMS key or alias ARN.</summary>
    /// <exception cref="MalformedKeyException">The ARN is not a KMS key or alias ARN.</exception>
    public KmsKeyReference(string arn, string? role, IReadOnlyList<KeyValuePair<string, string>>? context, string? awsProfile)
    {
        ArgumentNullException.ThrowIfNull(arn);
        Match match = ArnPattern().Match(arn);
        if (!match.Success)
        {
            throw new MalformedKeyException(arn, "not an AWS KMS key or alias ARN (arn:aws:kms:<region>:<account>:key/<id> or alias/<name>)");
        }

        Arn = arn;
        Region = match.Groups[1].Value;
        Role = string.IsNullOrEmpty(role) ? null : role;
        Context = context ?? [];
        AwsProfile = awsProfile ?? string.Empty;
    }

    /// <summary>The key or alias ARN.</summary>
    public string Arn { get; }

    /// <summary>The AWS region, taken from the ARN.</summary>
    public string Region { get; }

    /// <summary>The role ARN to assume through STS before calling KMS, or null.</summary>
    public string? Role { get; }

    /// <summary>The encryption context bound to the ciphertext; empty when none.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Context { get; }

    /// <summary>The shared-config profile to take credentials from; empty for the default chain.</summary>
    public string AwsProfile { get; }

    /// <summary>How errors name this key: <c>arn</c> or <c>arn+role</c>, as users write it.</summary>
    public string DisplayName => Role is null ? Arn : $"{Arn}+{Role}";

    /// <summary>The reference an existing metadata entry describes.</summary>
    /// <exception cref="MalformedKeyException">The entry's ARN is not a KMS key or alias ARN.</exception>
    public static KmsKeyReference FromEntry(KmsKeyEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new KmsKeyReference(entry.Arn, entry.Role, entry.Context, entry.AwsProfile);
    }

    // SOPS's arnRegex: the region is the first group; the partition may be aws, aws-cn, aws-us-gov...
    [GeneratedRegex(@"^arn:aws[\w-]*:kms:(.+):[0-9]+:(key|alias)/.+$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ArnPattern();
}

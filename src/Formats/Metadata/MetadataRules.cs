using Crypt.Crypto.Errors;

namespace Crypt.Formats.Metadata;

/// <summary>
/// Checks sops makes on loaded metadata beyond parsing it. sops parses <c>version</c> as a
/// semantic version before any decryption (its KMS encryption-context bug check,
/// <c>version.AIsNewerThanB</c> with blang/semver), so a file without a valid version does not
/// open in sops; versions starting <c>1.</c> are let through and a leading <c>v</c> is ignored.
/// Kept apart from <see cref="MetadataCodec.Extract"/> so callers can choose to read files that
/// other tools wrote without a version (the rops reference vectors).
/// </summary>
internal static class MetadataRules
{
    /// <summary>Throws <see cref="CryptFormatException"/> when <c>version</c> is missing or not semver.</summary>
    public static void Validate(SopsMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (metadata.Version.Length == 0)
        {
            throw new CryptFormatException("missing version: the sops metadata has no 'version', which sops requires", keyPath: "sops:version");
        }

        if (!IsAcceptedVersion(metadata.Version))
        {
            throw new CryptFormatException("version is not a semantic version (MAJOR.MINOR.PATCH)", keyPath: "sops:version");
        }
    }

    /// <summary>True when sops would accept <paramref name="version"/>.</summary>
    public static bool IsAcceptedVersion(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (version.StartsWith("1.", StringComparison.Ordinal))
        {
            return true;
        }

        ReadOnlySpan<char> s = version.StartsWith('v') ? version.AsSpan(1) : version;
        int plus = s.IndexOf('+');
        if (plus >= 0)
        {
            foreach (Range part in s[(plus + 1)..].Split('.'))
            {
                if (!IsIdentifier(s[(plus + 1)..][part]))
                {
                    return false;
                }
            }

            s = s[..plus];
        }

        int dot1 = s.IndexOf('.');
        int dot2 = dot1 < 0 ? -1 : s[(dot1 + 1)..].IndexOf('.');
        if (dot2 < 0)
        {
            return false;
        }

        dot2 += dot1 + 1;
        ReadOnlySpan<char> patchAndPre = s[(dot2 + 1)..];
        int dash = patchAndPre.IndexOf('-');
        if (dash >= 0)
        {
            ReadOnlySpan<char> pre = patchAndPre[(dash + 1)..];
            foreach (Range part in pre.Split('.'))
            {
                ReadOnlySpan<char> id = pre[part];
                if (!IsIdentifier(id) || (IsDigits(id) && id.Length > 1 && id[0] == '0'))
                {
                    return false;
                }
            }

            patchAndPre = patchAndPre[..dash];
        }

        return IsNumber(s[..dot1]) && IsNumber(s[(dot1 + 1)..dot2]) && IsNumber(patchAndPre);
    }

    private static bool IsNumber(ReadOnlySpan<char> s) =>
        IsDigits(s) && !(s.Length > 1 && s[0] == '0') && ulong.TryParse(s, out _);

    private static bool IsDigits(ReadOnlySpan<char> s) => !s.IsEmpty && !s.ContainsAnyExceptInRange('0', '9');

    private static bool IsIdentifier(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
        {
            return false;
        }

        foreach (char c in s)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }
}

using System.Text;

namespace Crypt.Crypto.Aws.Kms;

/// <summary>
/// The role session name SOPS uses when it assumes a key's role: <c>sops@&lt;hostname&gt;</c>,
/// cut to STS's 64-character limit (SOPS <c>kms.stsSessionName</c>).
/// </summary>
internal static class StsSessionName
{
    /// <summary>STS's limit on RoleSessionName.</summary>
    public const int MaxLength = 64;

    public static string Create() => FromHostName(Environment.MachineName);

    public static string FromHostName(string hostName)
    {
        // STS accepts [\w+=,.@-]; SOPS means the same set (its Go pattern reads "@-_" as a
        // range by accident). Anything else is dropped rather than rejected by STS.
        StringBuilder name = new("sops@", MaxLength);
        foreach (char c in hostName)
        {
            if (name.Length == MaxLength)
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '+' or '=' or ',' or '.' or '@' or '-')
            {
                name.Append(c);
            }
        }

        return name.ToString();
    }
}

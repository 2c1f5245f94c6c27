using System.Text.RegularExpressions;

namespace Crypt.Cli.Config;

/// <summary>
/// The string forms users write for keys on the command line and in flat creation rules
/// (FORMAT.md §6.2, §6.3): <c>arn[+roleArn]</c> and <c>https://VAULT/keys/NAME[/VERSION]</c>.
/// </summary>
internal static partial class KeySpecParser
{
    public static KmsKeySpec ParseKms(string text, IReadOnlyList<KeyValuePair<string, string>> context, string? profile)
    {
        string trimmed = text.Trim();
        int plus = trimmed.IndexOf('+', StringComparison.Ordinal);
        return plus < 0
            ? new KmsKeySpec(trimmed, null, context, profile)
            : new KmsKeySpec(trimmed[..plus], trimmed[(plus + 1)..], context, profile);
    }

    public static AzureKeySpec? ParseAzureKeyUrl(string text)
    {
        Match match = AzureKeyUrl().Match(text.Trim());
        if (!match.Success)
        {
            return null;
        }

        string version = match.Groups[3].Value.TrimStart('/');
        return new AzureKeySpec(match.Groups[1].Value, match.Groups[2].Value, version.Length == 0 ? null : version);
    }

    /// <summary>Parses <c>k1:v1,k2:v2</c>; null when a pair does not have exactly one colon.</summary>
    public static List<KeyValuePair<string, string>>? ParseEncryptionContext(string text)
    {
        List<KeyValuePair<string, string>> pairs = [];
        foreach (string pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] parts = pair.Split(':');
            if (parts.Length != 2)
            {
                return null;
            }

            pairs.Add(new KeyValuePair<string, string>(parts[0], parts[1]));
        }

        return pairs;
    }

    [GeneratedRegex("^(https://[^/]+)/keys/([^/]+)(/[^/]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex AzureKeyUrl();
}

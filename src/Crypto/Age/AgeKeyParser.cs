namespace Crypt.Crypto.Age;

/// <summary>
/// Parses age recipient and identity strings and identity files as age and SOPS read them
/// (age <c>ParseIdentities</c>; SOPS age key source, FORMAT.md §6.1): lines that are empty or
/// start with <c>#</c> are skipped; recipient lists are comma separated and trimmed. Plugin
/// keys go to their <c>age-plugin-NAME</c> binary when used. Messages never repeat a secret key.
/// </summary>
public static class AgeKeyParser
{
    /// <summary>Parses one recipient (<c>age1...</c>, <c>age1pq1...</c>, <c>ssh-ed25519 ...</c>, <c>ssh-rsa ...</c>), trimmed.</summary>
    /// <exception cref="AgeException">Malformed or unsupported recipient.</exception>
    internal static IAgeRecipient ParseRecipient(string recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        string r = recipient.Trim();
        if (r.StartsWith("age1pq1", StringComparison.Ordinal))
        {
            return HybridRecipient.Parse(r);
        }

        if (r.StartsWith("age1", StringComparison.Ordinal) && r.IndexOf('1', 4) >= 0)
        {
            // The Bech32 charset has no '1', so a second one marks age1<plugin>1...
            return AgePluginRecipient.Parse(r);
        }

        if (r.StartsWith("age1", StringComparison.Ordinal))
        {
            return X25519Recipient.Parse(r);
        }

        if (r.StartsWith("ssh-", StringComparison.Ordinal))
        {
            return SshKeyParser.ParseRecipient(r);
        }

        throw new AgeException(AgeFailure.InvalidKey, $"unknown age recipient type: \"{Shorten(r)}\"");
    }

    /// <summary>Parses a comma-separated recipient list, each entry trimmed; an empty string is an empty list.</summary>
    /// <exception cref="AgeException">An entry is empty, malformed or unsupported.</exception>
    internal static IReadOnlyList<IAgeRecipient> ParseRecipientList(string commaSeparated)
    {
        ArgumentNullException.ThrowIfNull(commaSeparated);
        return commaSeparated.Length == 0 ? [] : [.. commaSeparated.Split(',').Select(ParseRecipient)];
    }

    /// <summary>Parses one identity (<c>AGE-SECRET-KEY-1...</c>, <c>AGE-SECRET-KEY-PQ-1...</c>).</summary>
    /// <exception cref="AgeException">Malformed or unsupported identity; the message does not repeat it.</exception>
    public static IAgeIdentity ParseIdentity(string identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (identity.StartsWith("AGE-SECRET-KEY-PQ-1", StringComparison.Ordinal))
        {
            return HybridIdentity.Parse(identity);
        }

        if (identity.StartsWith("AGE-PLUGIN-", StringComparison.Ordinal))
        {
            return AgePluginIdentity.Parse(identity);
        }

        if (identity.StartsWith("AGE-SECRET-KEY-1", StringComparison.Ordinal))
        {
            return X25519Identity.Parse(identity);
        }

        throw new AgeException(AgeFailure.InvalidKey, "unknown identity type (expected AGE-SECRET-KEY-1...)");
    }

    /// <summary>
    /// Parses an identity file as age-keygen writes it: one identity per line, empty lines and
    /// <c>#</c> comments skipped, CRLF accepted, no trailing newline needed.
    /// </summary>
    /// <exception cref="AgeException">A line is not a valid identity (the message names the line, never its content), or there is none.</exception>
    public static IReadOnlyList<IAgeIdentity> ParseIdentityFile(string text, string? source = null) =>
        ParseLines(text, source, splitWhitespace: false);

    /// <summary>
    /// Parses identities the way SOPS reads <c>SOPS_AGE_KEY</c> (3.13+): like an identity file,
    /// but a line may hold several identities separated by whitespace.
    /// </summary>
    /// <exception cref="AgeException">An entry is not a valid identity, or there is none.</exception>
    public static IReadOnlyList<IAgeIdentity> ParseIdentityList(string text, string? source = null) =>
        ParseLines(text, source, splitWhitespace: true);

    private static List<IAgeIdentity> ParseLines(string text, string? source, bool splitWhitespace)
    {
        ArgumentNullException.ThrowIfNull(text);
        string where = source is null ? string.Empty : source + ": ";
        List<IAgeIdentity> identities = [];
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].EndsWith('\r') ? lines[i][..^1] : lines[i];
            if (splitWhitespace)
            {
                line = line.Trim();
            }

            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            string[] entries = splitWhitespace ? line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) : [line];
            foreach (string entry in entries)
            {
                try
                {
                    identities.Add(ParseIdentity(entry));
                }
                catch (AgeException e)
                {
                    foreach (IDisposable parsed in identities.OfType<IDisposable>())
                    {
                        parsed.Dispose();
                    }

                    throw new AgeException(e.Failure, $"{where}line {i + 1}: {e.Message}");
                }
            }
        }

        return identities.Count > 0 ? identities : throw new AgeException(AgeFailure.InvalidKey, $"{where}no identities found");
    }

    internal static string Shorten(string s) => s.Length <= 80 ? s : s[..40] + "..." + s[^8..];
}

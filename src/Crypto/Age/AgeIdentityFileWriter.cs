using System.Globalization;
using System.Text;

namespace Crypt.Crypto.Age;

/// <summary>
/// Writes an identity file exactly as age-keygen does: a <c># created:</c> line with local
/// RFC 3339 time (Go's <c>time.RFC3339</c>: seconds, <c>Z</c> for UTC), a
/// <c># public key:</c> line, then the upper-case secret key, each ending in LF.
/// </summary>
public static class AgeIdentityFileWriter
{
    /// <summary>The file content for <paramref name="identity"/> created at <paramref name="created"/>. Holds the secret key.</summary>
    public static string Format(X25519Identity identity, DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return Format(identity.Recipient.ToString(), identity.ToSecretString(), created);
    }

    /// <summary>The file content for a post-quantum <paramref name="identity"/> (age-keygen -pq). Holds the secret key.</summary>
    public static string Format(HybridIdentity identity, DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return Format(identity.Recipient.ToString(), identity.ToSecretString(), created);
    }

    private static string Format(string recipient, string secret, DateTimeOffset created)
    {
        StringBuilder text = new();
        text.Append("# created: ").Append(Rfc3339(created)).Append('\n');
        text.Append("# public key: ").Append(recipient).Append('\n');
        text.Append(secret).Append('\n');
        return text.ToString();
    }

    /// <summary>Go's <c>time.RFC3339</c> layout, <c>2006-01-02T15:04:05Z07:00</c>.</summary>
    public static string Rfc3339(DateTimeOffset time)
    {
        string stamp = time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        if (time.Offset == TimeSpan.Zero)
        {
            return stamp + "Z";
        }

        TimeSpan offset = time.Offset.Duration();
        return stamp + (time.Offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
    }
}

using System.Globalization;
using System.Text;

namespace Crypt.Formats.GoCompat;

/// <summary>
/// RFC 3339 timestamps as Go reads and writes them for SOPS: <c>time.MarshalText</c> for
/// <c>type:time</c> values (RFC 3339 with nanoseconds, trailing zeros trimmed) and
/// <c>Format(time.RFC3339)</c> for the MAC's AAD (FORMAT.md §4: the parsed <c>lastmodified</c>
/// re-emitted to the second; a zero offset is written <c>Z</c>). Works on the text so the full
/// nanosecond precision Go keeps is never rounded.
/// </summary>
internal static class GoTime
{
    /// <summary>The <c>time.MarshalText</c> form of <paramref name="text"/>, or null when it is not RFC 3339.</summary>
    public static string? NormalizeMarshalText(string text) => Normalize(text, keepFraction: true);

    /// <summary>The <c>Format(time.RFC3339)</c> form (seconds, no fraction), or null when not RFC 3339.</summary>
    public static string? NormalizeRfc3339Seconds(string text) => Normalize(text, keepFraction: false);

    /// <summary>A UTC instant formatted as SOPS writes <c>lastmodified</c>.</summary>
    public static string FormatLastModified(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);

    private static string? Normalize(string text, bool keepFraction)
    {
        ArgumentNullException.ThrowIfNull(text);

        // yyyy-MM-ddTHH:mm:ss[.fraction](Z|±hh:mm)
        if (text.Length < 20 || !Digits(text, 0, 4) || text[4] != '-' || !Digits(text, 5, 2) || text[7] != '-'
            || !Digits(text, 8, 2) || text[10] != 'T' || !Digits(text, 11, 2) || text[13] != ':'
            || !Digits(text, 14, 2) || text[16] != ':' || !Digits(text, 17, 2))
        {
            return null;
        }

        int month = Number(text, 5, 2);
        int day = Number(text, 8, 2);
        int year = Number(text, 0, 4);
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(year, 1), month)
            || Number(text, 11, 2) > 23 || Number(text, 14, 2) > 59 || Number(text, 17, 2) > 59)
        {
            return null;
        }

        int position = 19;
        int fractionStart = position;
        if (position < text.Length && text[position] == '.')
        {
            position++;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                position++;
            }

            if (position == fractionStart + 1 || position - fractionStart - 1 > 9)
            {
                return null;
            }
        }

        string fraction = text[fractionStart..position];
        string zone = text[position..];
        string normalizedZone;
        if (zone == "Z")
        {
            normalizedZone = "Z";
        }
        else if (zone.Length == 6 && (zone[0] == '+' || zone[0] == '-') && Digits(zone, 1, 2) && zone[3] == ':' && Digits(zone, 4, 2)
            && Number(zone, 1, 2) <= 23 && Number(zone, 4, 2) <= 59)
        {
            normalizedZone = zone is "+00:00" or "-00:00" ? "Z" : zone;
        }
        else
        {
            return null;
        }

        StringBuilder result = new(text.Length);
        result.Append(text, 0, 19);
        if (keepFraction)
        {
            string trimmed = fraction.TrimEnd('0');
            if (trimmed.Length > 1)
            {
                result.Append(trimmed);
            }
        }

        return result.Append(normalizedZone).ToString();
    }

    private static bool Digits(string text, int start, int count)
    {
        for (int i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static int Number(string text, int start, int count) =>
        int.Parse(text.AsSpan(start, count), NumberStyles.None, CultureInfo.InvariantCulture);
}

namespace Crypt.Formats.Metadata;

/// <summary>
/// The check behind Go's <c>time.Parse(time.RFC3339, s)</c>, which sops applies to
/// <c>lastmodified</c> and every <c>created_at</c>: <c>YYYY-MM-DDTHH:MM:SS</c>, optional
/// fractional seconds, then <c>Z</c> or <c>±HH:MM</c>, with calendar ranges checked.
/// </summary>
internal static class Rfc3339
{
    public static bool IsValid(string text)
    {
        ReadOnlySpan<char> s = text;
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!TryDigits(s[..4], out int year) || !TryDigits(s[5..7], out int month) || !TryDigits(s[8..10], out int day)
            || !TryDigits(s[11..13], out int hour) || !TryDigits(s[14..16], out int minute) || !TryDigits(s[17..19], out int second))
        {
            return false;
        }

        if (month is < 1 or > 12 || day < 1 || day > DaysIn(month, year) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        int pos = 19;
        if (s[pos] is '.' or ',')
        {
            int start = ++pos;
            while (pos < s.Length && char.IsAsciiDigit(s[pos]))
            {
                pos++;
            }

            if (pos == start)
            {
                return false;
            }
        }

        ReadOnlySpan<char> zone = s[pos..];
        if (zone is "Z")
        {
            return true;
        }

        return zone.Length == 6 && zone[0] is '+' or '-' && zone[3] == ':'
            && TryDigits(zone[1..3], out int zoneHour) && TryDigits(zone[4..6], out int zoneMinute)
            && zoneHour <= 23 && zoneMinute <= 59;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (char c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    private static int DaysIn(int month, int year) => month switch
    {
        2 => (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };
}

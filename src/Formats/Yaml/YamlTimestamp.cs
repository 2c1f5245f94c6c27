using System.Globalization;
using System.Text;

namespace Crypt.Formats.Yaml;

/// <summary>
/// go-yaml v3 <c>parseTimestamp</c> (Go <c>time.Parse</c> with the layouts
/// <c>2006-1-2T15:4:5.999999999Z07:00</c>, the same with <c>t</c>, <c>2006-1-2 15:4:5.999999999</c>
/// and <c>2006-1-2</c>) and Go's <c>time.Time.MarshalText</c> (RFC 3339 with nanoseconds, trailing
/// zeros trimmed) for the text SOPS stores and writes.
/// </summary>
internal static class YamlTimestamp
{
    public static bool TryParseYamlTimestamp(string s, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? rfc3339)
    {
        rfc3339 = null;
        // Quick check: all forms start with four digits and '-'.
        if (s.Length < 5 || !IsDigits(s, 0, 4) || s[4] != '-')
        {
            return false;
        }

        int year = Num(s, 0, 4);
        int i = 5;
        if (!TryNum12(s, ref i, out int month) || i >= s.Length || s[i] != '-')
        {
            return false;
        }

        i++;
        if (!TryNum12(s, ref i, out int day) || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year == 0 ? 2000 : year, month))
        {
            return false;
        }

        if (i == s.Length)
        {
            rfc3339 = Format(year, month, day, 0, 0, 0, 0, 0, true);
            return true;
        }

        char sep = s[i];
        if (sep is not ('T' or 't' or ' '))
        {
            return false;
        }

        i++;
        if (!TryNum12(s, ref i, out int hour) || !Expect(s, ref i, ':') || !TryNum12(s, ref i, out int minute) ||
            !Expect(s, ref i, ':') || !TryNum12(s, ref i, out int second) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        long nanos = 0;
        if (i + 1 < s.Length && (s[i] == '.' || s[i] == ',') && char.IsAsciiDigit(s[i + 1]))
        {
            i++;
            int digits = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                if (digits < 9)
                {
                    nanos = (nanos * 10) + (s[i] - '0');
                }

                digits++;
                i++;
            }

            // Go takes any number of digits and truncates to nanoseconds.
            for (int k = digits; k < 9; k++)
            {
                nanos *= 10;
            }
        }

        if (sep == ' ')
        {
            if (i != s.Length)
            {
                return false;
            }

            rfc3339 = Format(year, month, day, hour, minute, second, nanos, 0, true);
            return true;
        }

        if (i < s.Length && s[i] == 'Z' && i + 1 == s.Length)
        {
            rfc3339 = Format(year, month, day, hour, minute, second, nanos, 0, true);
            return true;
        }

        if (i + 6 == s.Length && s[i] is '+' or '-' && IsDigits(s, i + 1, 2) && s[i + 3] == ':' && IsDigits(s, i + 4, 2))
        {
            int hh = Num(s, i + 1, 2);
            int mm = Num(s, i + 4, 2);
            if (hh > 24 || mm > 60)
            {
                return false;
            }

            int offset = ((hh * 60) + mm) * (s[i] == '-' ? -1 : 1);
            rfc3339 = Format(year, month, day, hour, minute, second, nanos, offset, offset == 0);
            return true;
        }

        return false;
    }

    private static string Format(int year, int month, int day, int hour, int minute, int second, long nanos, int offsetMinutes, bool utc)
    {
        var sb = new StringBuilder(35);
        sb.Append(CultureInfo.InvariantCulture, $"{year:D4}-{month:D2}-{day:D2}T{hour:D2}:{minute:D2}:{second:D2}");
        if (nanos != 0)
        {
            string frac = nanos.ToString("D9", CultureInfo.InvariantCulture).TrimEnd('0');
            sb.Append('.').Append(frac);
        }

        if (utc || offsetMinutes == 0)
        {
            sb.Append('Z');
        }
        else
        {
            int abs = Math.Abs(offsetMinutes);
            sb.Append(offsetMinutes < 0 ? '-' : '+').Append(CultureInfo.InvariantCulture, $"{abs / 60:D2}:{abs % 60:D2}");
        }

        return sb.ToString();
    }

    // Go's non-padded layout fields ("1", "2", "15", "4", "5") take one or two digits.
    private static bool TryNum12(string s, ref int i, out int value)
    {
        value = 0;
        if (i >= s.Length || !char.IsAsciiDigit(s[i]))
        {
            return false;
        }

        value = s[i] - '0';
        i++;
        if (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            value = (value * 10) + (s[i] - '0');
            i++;
        }

        return true;
    }

    private static bool Expect(string s, ref int i, char c)
    {
        if (i < s.Length && s[i] == c)
        {
            i++;
            return true;
        }

        return false;
    }

    private static bool IsDigits(string s, int start, int count)
    {
        if (start + count > s.Length)
        {
            return false;
        }

        for (int k = start; k < start + count; k++)
        {
            if (!char.IsAsciiDigit(s[k]))
            {
                return false;
            }
        }

        return true;
    }

    private static int Num(string s, int start, int count) =>
        int.Parse(s.AsSpan(start, count), NumberStyles.None, CultureInfo.InvariantCulture);
}

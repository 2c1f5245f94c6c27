using System.Globalization;
using System.Text;

namespace Crypt.Formats.Yaml;

/// <summary>
/// Go's <c>strconv.FormatFloat(v, 'g', -1, 64)</c> as go-yaml v3's encoder writes floats
/// (shortest round-trip digits; exponent form when exp &lt; -4 or exp &gt;= max(digits, 6) rule),
/// with go-yaml's <c>.inf</c>, <c>-.inf</c>, <c>.nan</c>.
/// </summary>
internal static class GoFloat
{
    public static string FormatYaml(double v)
    {
        if (double.IsNaN(v))
        {
            return ".nan";
        }

        if (double.IsInfinity(v))
        {
            return v > 0 ? ".inf" : "-.inf";
        }

        return FormatG(v);
    }

    public static string FormatG(double v)
    {
        bool negative = v < 0 || (v == 0 && double.IsNegative(v));
        if (v == 0)
        {
            return negative ? "-0" : "0";
        }

        Decompose(Math.Abs(v), out string digits, out int dp);
        int eprec = 6;
        if (eprec > digits.Length && digits.Length >= dp)
        {
            eprec = digits.Length;
        }

        int exp = dp - 1;
        var sb = new StringBuilder(32);
        if (negative)
        {
            sb.Append('-');
        }

        if (exp < -4 || exp >= eprec)
        {
            sb.Append(digits[0]);
            if (digits.Length > 1)
            {
                sb.Append('.').Append(digits, 1, digits.Length - 1);
            }

            sb.Append('e').Append(exp < 0 ? '-' : '+');
            int ae = Math.Abs(exp);
            sb.Append(ae < 10 ? "0" : string.Empty).Append(ae.ToString(CultureInfo.InvariantCulture));
            return sb.ToString();
        }

        if (dp <= 0)
        {
            sb.Append("0.").Append('0', -dp).Append(digits);
        }
        else if (dp >= digits.Length)
        {
            sb.Append(digits).Append('0', dp - digits.Length);
        }
        else
        {
            sb.Append(digits, 0, dp).Append('.').Append(digits, dp, digits.Length - dp);
        }

        return sb.ToString();
    }

    // Shortest round-trip decimal digits (no leading/trailing zeros) and the decimal point
    // position: value = 0.d1d2... * 10^dp.
    private static void Decompose(double v, out string digits, out int dp)
    {
        string shortest = v.ToString("R", CultureInfo.InvariantCulture);
        int e = shortest.IndexOfAny(['E', 'e']);
        string mantissa = e < 0 ? shortest : shortest[..e];
        int exponent = e < 0 ? 0 : int.Parse(shortest.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        int dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        string intPart = dot < 0 ? mantissa : mantissa[..dot];
        string fracPart = dot < 0 ? string.Empty : mantissa[(dot + 1)..];
        string all = intPart + fracPart;
        int point = intPart.Length + exponent;
        int lead = 0;
        while (lead < all.Length - 1 && all[lead] == '0')
        {
            lead++;
        }

        all = all[lead..];
        point -= lead;
        digits = all.TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        dp = point;
    }
}

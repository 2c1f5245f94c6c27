using System.Globalization;
using System.Text;

namespace Crypt.Formats.GoCompat;

/// <summary>
/// Go's float-to-text conversions that SOPS output depends on: <c>strconv.FormatFloat</c> with
/// precision −1 in the 'e', 'f' and 'g'/'G' formats, and <c>encoding/json</c>'s float encoder
/// (ES6 number style). All start from the shortest digit string that round-trips, which .NET's
/// "R" formatting also produces; only the layout differs, and that is rebuilt here.
/// </summary>
internal static class GoFloat
{
    /// <summary>
    /// <c>encoding/json</c>: 'f' layout unless |x| &lt; 1e-6 or |x| ≥ 1e21, then 'e' with a
    /// one-digit negative exponent allowed (<c>1e-7</c>, <c>1e+21</c>). False for NaN and
    /// infinities, which Go refuses to encode.
    /// </summary>
    public static bool TryFormatJson(double value, out string text)
    {
        if (!double.IsFinite(value))
        {
            text = string.Empty;
            return false;
        }

        double abs = Math.Abs(value);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21))
        {
            string e = Format(value, 'e');

            // Go trims "e-07" to "e-7"; exponents of 1e21 and above already have two digits.
            int n = e.Length;
            if (n >= 4 && e[n - 4] == 'e' && e[n - 3] == '-' && e[n - 2] == '0')
            {
                e = string.Concat(e.AsSpan(0, n - 2), e.AsSpan(n - 1));
            }

            text = e;
            return true;
        }

        text = Format(value, 'f');
        return true;
    }

    /// <summary>go-yaml v3's float output: 'g' layout, and <c>.inf</c>, <c>-.inf</c>, <c>.nan</c>.</summary>
    public static string FormatYaml(double value) =>
        double.IsNaN(value) ? ".nan" : double.IsInfinity(value) ? (value > 0 ? ".inf" : "-.inf") : Format(value, 'g');

    /// <summary>
    /// Parses what Go's ParseFloat accepts in practice: optional sign, decimal digits with an
    /// optional point and exponent, and the case-insensitive words inf, infinity and nan. Values
    /// that overflow are rejected as Go does (ErrRange). Hexadecimal floats and <c>_</c>
    /// separators are not accepted (SOPS never writes them).
    /// </summary>
    public static bool TryParse(string text, out double value)
    {
        ArgumentNullException.ThrowIfNull(text);
        ReadOnlySpan<char> body = text;
        bool negative = false;
        if (body.Length > 0 && (body[0] == '+' || body[0] == '-'))
        {
            negative = body[0] == '-';
            body = body[1..];
        }

        if (body.Equals("inf", StringComparison.OrdinalIgnoreCase) || body.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        if (body.Equals("nan", StringComparison.OrdinalIgnoreCase) && text.Length == 3)
        {
            value = double.NaN;
            return true;
        }

        // .NET accepts the words above and thousands forms under other styles; keep to digits.
        foreach (char c in body)
        {
            if (!char.IsAsciiDigit(c) && c is not ('.' or 'e' or 'E' or '+' or '-'))
            {
                value = 0;
                return false;
            }
        }

        const NumberStyles Style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        return double.TryParse(text, Style, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>
    /// <c>strconv.FormatFloat(value, format, -1, 64)</c> for <paramref name="format"/> in
    /// <c>e E f g G</c>.
    /// </summary>
    public static string Format(double value, char format)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }

        bool negative = double.IsNegative(value);
        (string digits, int dp) = ShortestDigits(value);
        var sb = new StringBuilder(32);
        if (negative)
        {
            sb.Append('-');
        }

        switch (format)
        {
            case 'e' or 'E':
                AppendE(sb, digits, dp, format);
                break;
            case 'f':
                AppendF(sb, digits, dp, Math.Max(digits.Length - dp, 0));
                break;
            case 'g' or 'G':
                // Shortest %g switches to %e when the exponent is below -4 or at least 6
                // (Go uses precision 6 for that decision when the precision is -1).
                int exp = dp - 1;
                if (digits.Length > 0 && (exp < -4 || exp >= 6))
                {
                    AppendE(sb, digits, dp, format == 'g' ? 'e' : 'E');
                }
                else
                {
                    AppendF(sb, digits, dp, Math.Max(digits.Length - dp, 0));
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format));
        }

        return sb.ToString();
    }

    /// <summary>
    /// The shortest round-trip decimal digits of |value| without leading or trailing zeros, and
    /// the decimal point position: |value| = 0.d₁d₂… × 10^dp. Zero has no digits and dp 0.
    /// </summary>
    private static (string Digits, int DecimalPoint) ShortestDigits(double value)
    {
        if (value == 0)
        {
            return (string.Empty, 0);
        }

        string r = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        int exponent = 0;
        int ePos = r.IndexOf('E', StringComparison.Ordinal);
        if (ePos >= 0)
        {
            exponent = int.Parse(r.AsSpan(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            r = r[..ePos];
        }

        int point = r.IndexOf('.', StringComparison.Ordinal);
        string all = point >= 0 ? string.Concat(r.AsSpan(0, point), r.AsSpan(point + 1)) : r;
        int dp = (point >= 0 ? point : r.Length) + exponent;
        int start = 0;
        while (start < all.Length && all[start] == '0')
        {
            start++;
            dp--;
        }

        int end = all.Length;
        while (end > start && all[end - 1] == '0')
        {
            end--;
        }

        return (all[start..end], dp);
    }

    // Go's fmtE with precision nd-1: d[.ddd]e±XX, at least two exponent digits.
    private static void AppendE(StringBuilder sb, string digits, int dp, char e)
    {
        if (digits.Length == 0)
        {
            sb.Append('0').Append(e).Append("+00");
            return;
        }

        sb.Append(digits[0]);
        if (digits.Length > 1)
        {
            sb.Append('.').Append(digits, 1, digits.Length - 1);
        }

        int exp = dp - 1;
        sb.Append(e).Append(exp < 0 ? '-' : '+');
        exp = Math.Abs(exp);
        if (exp < 10)
        {
            sb.Append('0');
        }

        sb.Append(exp.ToString(CultureInfo.InvariantCulture));
    }

    // Go's fmtF: integer part (at least "0"), then prec fractional digits, zero-padded.
    private static void AppendF(StringBuilder sb, string digits, int dp, int prec)
    {
        if (dp > 0)
        {
            int m = Math.Min(digits.Length, dp);
            sb.Append(digits, 0, m);
            sb.Append('0', dp - m);
        }
        else
        {
            sb.Append('0');
        }

        if (prec > 0)
        {
            sb.Append('.');
            for (int i = 1; i <= prec; i++)
            {
                int j = dp + i - 1;
                sb.Append(j >= 0 && j < digits.Length ? digits[j] : '0');
            }
        }
    }
}

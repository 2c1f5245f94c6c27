using System.Globalization;
using System.Text;

namespace Crypt.Formats.Encryption;

/// <summary>
/// Go's <c>strconv.FormatFloat(v, 'f', -1, 64)</c> and <c>strconv.ParseFloat(s, 64)</c>, as SOPS
/// uses them for <c>type:float</c> values and the MAC (FORMAT.md §2.3). The shortest round-trip
/// digits come from .NET's "R" (shortest since .NET Core 3.0, same digits as Go); they are then
/// laid out in plain decimal, never with an exponent.
/// </summary>
internal static class GoFloat
{
    /// <summary>The text Go writes: shortest digits, no exponent; <c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>.</summary>
    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }

        string shortest = value.ToString("R", CultureInfo.InvariantCulture);
        if (shortest.IndexOf('E', StringComparison.Ordinal) < 0)
        {
            return shortest;
        }

        return Expand(shortest);
    }

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

    private static string Expand(string shortest)
    {
        ReadOnlySpan<char> text = shortest;
        bool negative = text[0] == '-';
        if (negative)
        {
            text = text[1..];
        }

        int e = text.IndexOf('E');
        int exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        ReadOnlySpan<char> mantissa = text[..e];
        int point = mantissa.IndexOf('.');
        string digits = point < 0 ? mantissa.ToString() : string.Concat(mantissa[..point], mantissa[(point + 1)..]);
        int pointPosition = (point < 0 ? mantissa.Length : point) + exponent;

        int leading = 0;
        while (leading < digits.Length - 1 && digits[leading] == '0')
        {
            leading++;
        }

        digits = digits[leading..].TrimEnd('0');
        pointPosition -= leading;
        if (digits.Length == 0)
        {
            return negative ? "-0" : "0";
        }

        StringBuilder result = new(digits.Length + Math.Abs(pointPosition) + 3);
        if (negative)
        {
            result.Append('-');
        }

        if (pointPosition <= 0)
        {
            result.Append("0.").Append('0', -pointPosition).Append(digits);
        }
        else if (pointPosition >= digits.Length)
        {
            result.Append(digits).Append('0', pointPosition - digits.Length);
        }
        else
        {
            result.Append(digits, 0, pointPosition).Append('.').Append(digits, pointPosition, digits.Length - pointPosition);
        }

        return result.ToString();
    }
}

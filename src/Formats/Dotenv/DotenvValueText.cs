using System.Globalization;
using Crypt.Formats.GoCompat;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Dotenv;

/// <summary>
/// A scalar as the dotenv store writes it: strings with newlines escaped as <c>\n</c>, anything
/// else through sops's <c>stores.ValToString</c> — floats in shortest 'G' form with <c>.0</c>
/// added when they would read as integers (<c>1.234567E+06</c>, <c>100000.0</c>), bools
/// <c>true</c>/<c>false</c>, times in RFC 3339 without fractional seconds, null as Go's
/// <c>&lt;nil&gt;</c>.
/// </summary>
internal static class DotenvValueText
{
    public static string Format(TreeScalar scalar) => scalar.Kind switch
    {
        ScalarKind.String => scalar.Text.Replace("\n", "\\n", StringComparison.Ordinal),
        ScalarKind.Int => scalar.Int.ToString(CultureInfo.InvariantCulture),
        ScalarKind.Float => FormatFloat(scalar.Float),
        ScalarKind.Bool => scalar.Bool ? "true" : "false",
        ScalarKind.Time => WithoutFraction(scalar.Text),
        _ => "<nil>",
    };

    /// <summary><c>ValToString</c> for a float64.</summary>
    public static string FormatFloat(double value)
    {
        string result = GoFloat.Format(value, 'G');
        if (!result.Contains('.', StringComparison.Ordinal) && !result.Contains('E', StringComparison.Ordinal))
        {
            // FormatFloat(v, 'f', 1): the value is integral here, or NaN/±Inf, which stay as they are.
            return double.IsFinite(value) ? result + ".0" : result;
        }

        return result;
    }

    // Go's time.RFC3339 layout has no fractional seconds; the tree keeps RFC3339Nano text.
    private static string WithoutFraction(string rfc3339)
    {
        int t = rfc3339.IndexOf('T', StringComparison.Ordinal);
        int dot = t < 0 ? -1 : rfc3339.IndexOf('.', t);
        if (dot < 0)
        {
            return rfc3339;
        }

        int end = dot + 1;
        while (end < rfc3339.Length && char.IsAsciiDigit(rfc3339[end]))
        {
            end++;
        }

        return string.Concat(rfc3339.AsSpan(0, dot), rfc3339.AsSpan(end));
    }
}

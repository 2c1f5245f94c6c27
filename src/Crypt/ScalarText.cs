using System.Globalization;
using Crypt.Formats.Tree;

namespace Crypt;

/// <summary>
/// A decrypted scalar as text, the way sops writes it in plaintext output: strings and times as
/// they are, integers in decimal, floats round-trippable, booleans <c>true</c>/<c>false</c>, null
/// as the empty string (as Microsoft's JSON configuration provider maps a JSON null).
/// </summary>
public static class ScalarText
{
    /// <summary>The text of <paramref name="scalar"/>.</summary>
    /// <param name="scalar">A decrypted scalar.</param>
    /// <returns>Its text; the empty string for null.</returns>
    public static string Of(TreeScalar scalar)
    {
        ArgumentNullException.ThrowIfNull(scalar);
        return scalar.Kind switch
        {
            ScalarKind.String or ScalarKind.Time => scalar.Text,
            ScalarKind.Int => scalar.Int.ToString(CultureInfo.InvariantCulture),
            ScalarKind.Float => scalar.Float.ToString("R", CultureInfo.InvariantCulture),
            ScalarKind.Bool => scalar.Bool ? "true" : "false",
            _ => string.Empty,
        };
    }
}

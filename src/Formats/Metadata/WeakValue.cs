using System.Globalization;
using Crypt.Crypto.Errors;
using Crypt.Formats.GoCompat;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Metadata;

/// <summary>
/// The conversions sops's metadata decoder applies (mapstructure with <c>WeaklyTypedInput</c>):
/// dotenv metadata arrives as strings ("2", "true"), YAML may type a scalar differently from
/// the Go field, and a missing or null value is the field's zero value.
/// </summary>
internal static class WeakValue
{
    /// <summary>A string field: numbers and bools become their text, null or absent is "".</summary>
    public static string ToText(TreeNode? node, string path) => node switch
    {
        null => string.Empty,
        TreeScalar s => s.Kind switch
        {
            ScalarKind.String or ScalarKind.Time => s.Text,
            ScalarKind.Int => s.Int.ToString(CultureInfo.InvariantCulture),
            ScalarKind.Float => GoFloat.Format(s.Float, 'f'),
            ScalarKind.Bool => s.Bool ? "1" : "0",
            _ => string.Empty,
        },
        _ => throw Mismatch(path, "a string"),
    };

    /// <summary>An int field: strings parse with Go's base prefixes, "" and null are 0, bools 1/0.</summary>
    public static long ToInteger(TreeNode? node, string path)
    {
        switch (node)
        {
            case null:
                return 0;
            case TreeScalar s:
                switch (s.Kind)
                {
                    case ScalarKind.Null: return 0;
                    case ScalarKind.Int: return s.Int;
                    case ScalarKind.Bool: return s.Bool ? 1 : 0;
                    case ScalarKind.Float when s.Float is >= long.MinValue and < 9.2233720368547758e18:
                        return (long)s.Float;
                    case ScalarKind.String when s.Text.Length == 0:
                        return 0;
                    case ScalarKind.String when TryParseGoInt(s.Text, out long value):
                        return value;
                    default:
                        break;
                }

                break;
            default:
                break;
        }

        throw Mismatch(path, "an integer");
    }

    /// <summary>A bool field: strconv.ParseBool words, numbers non-zero, "" and null false.</summary>
    public static bool ToBoolean(TreeNode? node, string path)
    {
        if (node is TreeScalar s)
        {
            switch (s.Kind)
            {
                case ScalarKind.Null: return false;
                case ScalarKind.Bool: return s.Bool;
                case ScalarKind.Int: return s.Int != 0;
                case ScalarKind.Float: return s.Float != 0;
                case ScalarKind.String:
                    switch (s.Text)
                    {
                        case "" or "0" or "f" or "F" or "false" or "False" or "FALSE": return false;
                        case "1" or "t" or "T" or "true" or "True" or "TRUE": return true;
                        default: break;
                    }

                    break;
                default:
                    break;
            }
        }
        else if (node is null)
        {
            return false;
        }

        throw Mismatch(path, "a boolean");
    }

    /// <summary>
    /// A list field: null or absent is empty, an empty map is empty, a non-empty map is lifted
    /// into a one-element list (mapstructure's weak slice rule). Comments are skipped.
    /// </summary>
    public static IReadOnlyList<TreeNode> ToList(TreeNode? node, string path) => node switch
    {
        null => [],
        TreeScalar { Kind: ScalarKind.Null } => [],
        TreeList list => list.Items.Where(i => i is not TreeComment).ToList(),
        TreeMap map when map.Items.All(i => i.IsComment) => [],
        TreeMap map => [map],
        _ => throw Mismatch(path, "a list"),
    };

    /// <summary>A struct field: a map, or null (all fields zero).</summary>
    public static TreeMap ToMap(TreeNode? node, string path) => node switch
    {
        null => new TreeMap(),
        TreeScalar { Kind: ScalarKind.Null } => new TreeMap(),
        TreeMap map => map,
        _ => throw Mismatch(path, "a map"),
    };

    /// <summary>
    /// The value of <paramref name="name"/> in <paramref name="map"/>: the last exact match, else
    /// the last case-insensitive one (mapstructure matches field names that way).
    /// </summary>
    public static TreeNode? Field(TreeMap map, string name)
    {
        TreeNode? folded = null;
        TreeNode? exact = null;
        foreach (TreeMapItem item in map.Items)
        {
            if (item.Key is null)
            {
                continue;
            }

            if (item.Key == name)
            {
                exact = item.Value;
            }
            else if (string.Equals(item.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                folded = item.Value;
            }
        }

        return exact ?? folded;
    }

    // strconv.ParseInt(s, 0, 64): optional sign, then 0x/0o/0b prefixes or a leading-0 octal.
    private static bool TryParseGoInt(string text, out long value)
    {
        value = 0;
        ReadOnlySpan<char> s = text;
        bool negative = false;
        if (s.Length > 0 && s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        int radix = 10;
        if (s.Length > 2 && s[0] == '0' && char.ToLowerInvariant(s[1]) is 'x' or 'o' or 'b')
        {
            radix = char.ToLowerInvariant(s[1]) switch { 'x' => 16, 'o' => 8, _ => 2 };
            s = s[2..];
        }
        else if (s.Length > 1 && s[0] == '0')
        {
            radix = 8;
            s = s[1..];
        }

        if (s.IsEmpty)
        {
            return false;
        }

        ulong magnitude = 0;
        foreach (char c in s)
        {
            int digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => 99,
            };
            if (digit >= radix || magnitude > (ulong.MaxValue - (ulong)digit) / (ulong)radix)
            {
                return false;
            }

            magnitude = (magnitude * (ulong)radix) + (ulong)digit;
        }

        if (magnitude > (negative ? 9223372036854775808UL : long.MaxValue))
        {
            return false;
        }

        value = negative ? (long)(0 - magnitude) : (long)magnitude;
        return true;
    }

    private static CryptFormatException Mismatch(string path, string expected) =>
        new($"metadata field is not {expected}", keyPath: path);
}

using System.Globalization;
using Crypt.Crypto.Errors;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Yaml;

/// <summary>
/// Types a YAML scalar exactly as go-yaml v3 <c>resolve()</c> + <c>decoder.scalar</c> do when
/// SOPS decodes a node into <c>interface{}</c> (FORMAT.md §8.1). Hand-written checks, no regexes:
/// this runs once per leaf.
/// </summary>
internal static class YamlScalarResolver
{
    public const string StrTag = "!!str";
    public const string BinaryTag = "!!binary";
    public const string MergeTag = "!!merge";
    private const string LongTagPrefix = "tag:yaml.org,2002:";

    /// <summary>go-yaml's <c>shortTag</c>: <c>tag:yaml.org,2002:x</c> becomes <c>!!x</c>.</summary>
    public static string ShortTag(string tag) =>
        tag.StartsWith(LongTagPrefix, StringComparison.Ordinal) ? "!!" + tag[LongTagPrefix.Length..] : tag;

    /// <summary>
    /// Types one scalar. <paramref name="tag"/> is the explicit tag (short form, or empty);
    /// <paramref name="styled"/> is true for quoted and block scalars.
    /// </summary>
    public static TreeScalar Resolve(string tag, string value, bool styled, ScalarStyle style, long line, long column)
    {
        // go-yaml's parser gives quoted/block scalars the default tag !!str and a plain "<<" !!merge.
        if (tag.Length == 0)
        {
            tag = styled ? StrTag : value == "<<" ? MergeTag : string.Empty;
        }

        if (tag == StrTag && styled)
        {
            return TreeScalar.String(value, style);
        }

        if (!IsResolvable(tag))
        {
            if (tag == BinaryTag)
            {
                return TreeScalar.String(DecodeBinary(value, line, column), style);
            }

            // Unknown tags (and !!merge) keep the text as a string.
            return TreeScalar.String(value, style);
        }

        TreeScalar? resolved = ResolvePlain(tag, value, out bool isUint);
        if (isUint)
        {
            throw new CryptFormatException("integer does not fit in a signed 64-bit value (SOPS cannot store uint64)", null, line, column);
        }

        resolved ??= TreeScalar.String(value, style);
        if (tag.Length == 0 || tag == StrTag || resolved.Kind == KindOfTag(tag))
        {
            return resolved.Kind == ScalarKind.String ? resolved.WithStyle(style) : resolved;
        }

        if (tag == "!!float" && resolved.Kind == ScalarKind.Int)
        {
            return TreeScalar.FloatingPoint(resolved.Int);
        }

        throw new CryptFormatException($"cannot decode a {KindName(resolved.Kind)} as {tag}", null, line, column);
    }

    /// <summary>
    /// True when <paramref name="s"/> written plain would read back as the same string, which
    /// is when go-yaml's encoder may write it plain (also excluding YAML 1.1 bools and base-60 floats).
    /// </summary>
    public static bool CanBePlainString(string s)
    {
        TreeScalar? r = ResolvePlain(string.Empty, s, out bool isUint);
        return r is null && !isUint && s != "<<" && !IsOldBool(s) && !IsBase60Float(s);
    }

    /// <summary>
    /// go-yaml <c>resolve(tag, in)</c> for a resolvable tag; null means "a string"; isUint
    /// flags the uint64 case SOPS cannot handle.
    /// </summary>
    /// <summary>
    /// False when an untagged plain scalar starting with <paramref name="first"/> (a UTF-8 byte)
    /// is a string whatever follows: ResolvePlain's hints, for a scalar that is not empty and not "&lt;&lt;".
    /// </summary>
    public static bool MayResolve(byte first) => first is (byte)'+' or (byte)'-' or (byte)'.' or (byte)'~' or (>= (byte)'0' and <= (byte)'9')
        or (byte)'y' or (byte)'Y' or (byte)'n' or (byte)'N' or (byte)'t' or (byte)'T' or (byte)'f' or (byte)'F' or (byte)'o' or (byte)'O' or (byte)'<';

    private static TreeScalar? ResolvePlain(string tag, string s, out bool isUint)
    {
        isUint = false;
        if (tag == StrTag)
        {
            return null;
        }

        char first = s.Length == 0 ? 'N' : s[0];
        char hint = first switch
        {
            '+' or '-' => 'S',
            >= '0' and <= '9' => 'D',
            'y' or 'Y' or 'n' or 'N' or 't' or 'T' or 'f' or 'F' or 'o' or 'O' or '~' => 'M',
            '.' => '.',
            _ => '\0',
        };
        if (s.Length == 0)
        {
            return TreeScalar.Null;
        }

        if (hint == '\0')
        {
            return null;
        }

        TreeScalar? mapped = LookupMap(s);
        if (mapped is not null)
        {
            return mapped;
        }

        switch (hint)
        {
            case '.':
                return IsDotFloat(s) && TryParseFloat(s, out double dot) ? TreeScalar.FloatingPoint(dot) : null;
            case 'D' or 'S':
                if ((tag.Length == 0 || tag == "!!timestamp") && YamlTimestamp.TryParseYamlTimestamp(s, out string? rfc3339))
                {
                    return TreeScalar.Time(rfc3339);
                }

                string plain = s.Contains('_', StringComparison.Ordinal) ? s.Replace("_", string.Empty, StringComparison.Ordinal) : s;
                if (GoInt.TryParseInt64(plain, out long l))
                {
                    return TreeScalar.Integer(l);
                }

                if (GoInt.TryParseUInt64(plain))
                {
                    isUint = true;
                    return null;
                }

                if (IsYamlStyleFloat(plain) && TryParseFloat(plain, out double f))
                {
                    return TreeScalar.FloatingPoint(f);
                }

                // go-yaml's extra 0b/0o fallbacks only catch what ParseInt(base 0) already did.
                return null;
            default:
                return null;
        }
    }

    private static TreeScalar? LookupMap(string s) => s switch
    {
        "true" or "True" or "TRUE" => TreeScalar.Boolean(true),
        "false" or "False" or "FALSE" => TreeScalar.Boolean(false),
        "~" or "null" or "Null" or "NULL" => TreeScalar.Null,
        ".nan" or ".NaN" or ".NAN" => TreeScalar.FloatingPoint(double.NaN),
        ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" => TreeScalar.FloatingPoint(double.PositiveInfinity),
        "-.inf" or "-.Inf" or "-.INF" => TreeScalar.FloatingPoint(double.NegativeInfinity),
        _ => null,
    };

    private static bool IsResolvable(string tag) =>
        tag is "" or StrTag or "!!bool" or "!!int" or "!!float" or "!!null" or "!!timestamp";

    private static ScalarKind KindOfTag(string tag) => tag switch
    {
        "!!bool" => ScalarKind.Bool,
        "!!int" => ScalarKind.Int,
        "!!float" => ScalarKind.Float,
        "!!null" => ScalarKind.Null,
        "!!timestamp" => ScalarKind.Time,
        _ => ScalarKind.String,
    };

    private static string KindName(ScalarKind kind) => kind switch
    {
        ScalarKind.String => "!!str",
        ScalarKind.Int => "!!int",
        ScalarKind.Float => "!!float",
        ScalarKind.Bool => "!!bool",
        ScalarKind.Time => "!!timestamp",
        _ => "!!null",
    };

    private static string DecodeBinary(string value, long line, long column)
    {
        // go-yaml: base64.StdEncoding.DecodeString, which ignores \r and \n only.
        string compact = value.Replace("\n", string.Empty, StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal);
        try
        {
            byte[] data = Convert.FromBase64String(compact);
            return new System.Text.UTF8Encoding(false, false).GetString(data);
        }
        catch (FormatException)
        {
            throw new CryptFormatException("!!binary value contains invalid base64 data", null, line, column);
        }
    }

    // ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
    private static bool IsYamlStyleFloat(string s)
    {
        int i = 0;
        if (i < s.Length && (s[i] == '+' || s[i] == '-'))
        {
            i++;
        }

        int digits = SkipDigits(s, ref i);
        if (digits == 0)
        {
            if (i >= s.Length || s[i] != '.')
            {
                return false;
            }

            i++;
            if (SkipDigits(s, ref i) == 0)
            {
                return false;
            }
        }
        else if (i < s.Length && s[i] == '.')
        {
            i++;
            SkipDigits(s, ref i);
        }

        return IsExponentTail(s, i);
    }

    // What Go's ParseFloat accepts for text starting with '.': digits, optional exponent.
    private static bool IsDotFloat(string s)
    {
        int i = 1;
        return SkipDigits(s, ref i) > 0 && IsExponentTail(s, i);
    }

    private static bool IsExponentTail(string s, int i)
    {
        if (i == s.Length)
        {
            return true;
        }

        if (s[i] != 'e' && s[i] != 'E')
        {
            return false;
        }

        i++;
        if (i < s.Length && (s[i] == '+' || s[i] == '-'))
        {
            i++;
        }

        return SkipDigits(s, ref i) > 0 && i == s.Length;
    }

    private static int SkipDigits(string s, ref int i)
    {
        int start = i;
        while (i < s.Length && s[i] is >= '0' and <= '9')
        {
            i++;
        }

        return i - start;
    }

    // Go's ParseFloat fails with ErrRange on overflow; underflow to zero is accepted.
    private static bool TryParseFloat(string s, out double value)
    {
        value = double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
        return !double.IsInfinity(value);
    }

    private static bool IsOldBool(string s) => s is "y" or "Y" or "yes" or "Yes" or "YES" or "on" or "On" or "ON"
        or "n" or "N" or "no" or "No" or "NO" or "off" or "Off" or "OFF";

    // go-yaml: ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$
    private static bool IsBase60Float(string s)
    {
        if (s.Length == 0 || !(s[0] is '+' or '-' or (>= '0' and <= '9')) || !s.Contains(':', StringComparison.Ordinal))
        {
            return false;
        }

        int i = s[0] is '+' or '-' ? 1 : 0;
        if (i >= s.Length || s[i] is not (>= '0' and <= '9'))
        {
            return false;
        }

        while (i < s.Length && s[i] is (>= '0' and <= '9') or '_')
        {
            i++;
        }

        int groups = 0;
        while (i < s.Length && s[i] == ':')
        {
            i++;
            int start = i;
            while (i < s.Length && s[i] is >= '0' and <= '9' && i - start < 2)
            {
                i++;
            }

            int len = i - start;
            if (len == 0 || (len == 2 && s[start] > '5'))
            {
                return false;
            }

            groups++;
        }

        if (groups == 0)
        {
            return false;
        }

        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && s[i] is (>= '0' and <= '9') or '_')
            {
                i++;
            }
        }

        return i == s.Length;
    }
}

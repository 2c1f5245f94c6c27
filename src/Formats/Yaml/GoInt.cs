namespace Crypt.Formats.Yaml;

/// <summary>
/// Go's <c>strconv.ParseInt(s, 0, 64)</c> / <c>ParseUint(s, 0, 64)</c> (base from prefix:
/// <c>0x</c>, <c>0o</c>, <c>0b</c>, legacy leading <c>0</c> octal), which go-yaml v3 uses to
/// type plain scalars. Underscores are removed by the caller, as go-yaml does.
/// </summary>
internal static class GoInt
{
    public static bool TryParseInt64(string s, out long value)
    {
        value = 0;
        if (s.Length == 0)
        {
            return false;
        }

        bool negative = s[0] == '-';
        int start = s[0] is '+' or '-' ? 1 : 0;
        if (!TryParseMagnitude(s, start, out ulong magnitude))
        {
            return false;
        }

        if (negative)
        {
            if (magnitude > 9223372036854775808UL)
            {
                return false;
            }

            value = unchecked(-(long)magnitude);
            return true;
        }

        if (magnitude > long.MaxValue)
        {
            return false;
        }

        value = (long)magnitude;
        return true;
    }

    /// <summary>True when ParseUint accepts <paramref name="s"/> (no sign allowed).</summary>
    public static bool TryParseUInt64(string s) =>
        s.Length > 0 && s[0] is not ('+' or '-') && TryParseMagnitude(s, 0, out _);

    private static bool TryParseMagnitude(string s, int i, out ulong value)
    {
        value = 0;
        int radix = 10;
        if (i < s.Length && s[i] == '0' && i + 1 < s.Length)
        {
            switch (s[i + 1])
            {
                case 'x' or 'X': radix = 16; i += 2; break;
                case 'o' or 'O': radix = 8; i += 2; break;
                case 'b' or 'B': radix = 2; i += 2; break;
                default: radix = 8; i += 1; break;
            }
        }

        if (i >= s.Length)
        {
            return false;
        }

        for (; i < s.Length; i++)
        {
            int d = s[i] switch
            {
                >= '0' and <= '9' => s[i] - '0',
                >= 'a' and <= 'z' => s[i] - 'a' + 10,
                >= 'A' and <= 'Z' => s[i] - 'A' + 10,
                _ => 99,
            };
            if (d >= radix)
            {
                return false;
            }

            ulong next = unchecked((value * (ulong)radix) + (ulong)d);
            if (value > (ulong.MaxValue - (ulong)d) / (ulong)radix)
            {
                return false;
            }

            value = next;
        }

        return true;
    }
}

using System.Text;

namespace Crypt.Crypto.Age;

/// <summary>
/// Bech32 (BIP 173) as the age v1 spec uses it: no length limit on the data part, strings all
/// lower or all upper case, the checksum always computed over the lower-case form.
/// </summary>
internal static class Bech32
{
    private const string Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

    private static readonly uint[] s_generator = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

    /// <summary>Encodes <paramref name="data"/>; the case of <paramref name="hrp"/> sets the case of the result.</summary>
    public static string Encode(string hrp, ReadOnlySpan<byte> data)
    {
        bool upper = hrp.Any(char.IsAsciiLetterUpper);
        if (upper && hrp.Any(char.IsAsciiLetterLower))
        {
            throw new ArgumentException("mixed-case human-readable part", nameof(hrp));
        }

        string lowerHrp = hrp.ToLowerInvariant();
        byte[] values = ConvertBits(data, 8, 5, pad: true) ?? throw new InvalidOperationException("bit conversion failed");
        StringBuilder result = new(lowerHrp.Length + 1 + values.Length + 6);
        result.Append(lowerHrp).Append('1');
        foreach (byte v in values)
        {
            result.Append(Charset[v]);
        }

        uint mod = Polymod([.. ExpandHrp(lowerHrp), .. values, 0, 0, 0, 0, 0, 0]) ^ 1;
        for (int i = 0; i < 6; i++)
        {
            result.Append(Charset[(int)((mod >> (5 * (5 - i))) & 31)]);
        }

        string s = result.ToString();
        return upper ? s.ToUpperInvariant() : s;
    }

    /// <summary>Decodes <paramref name="s"/>, or returns false with a reason that never repeats the input.</summary>
    public static bool TryDecode(string s, out string hrp, out byte[] data, out string error)
    {
        hrp = string.Empty;
        data = [];
        string lower = string.Concat(s.Select(c => char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c));
        if (s.Any(char.IsAsciiLetterUpper) && s.Any(char.IsAsciiLetterLower))
        {
            error = "mixed case";
            return false;
        }

        int pos = s.LastIndexOf('1');
        if (pos < 1 || pos + 7 > s.Length)
        {
            error = "separator '1' at invalid position";
            return false;
        }

        foreach (char c in s.AsSpan(0, pos))
        {
            if (c < 33 || c > 126)
            {
                error = "invalid character in human-readable part";
                return false;
            }
        }

        byte[] values = new byte[s.Length - pos - 1];
        for (int i = 0; i < values.Length; i++)
        {
            int d = Charset.IndexOf(lower[pos + 1 + i], StringComparison.Ordinal);
            if (d < 0)
            {
                error = "invalid character in data part";
                return false;
            }

            values[i] = (byte)d;
        }

        string hrpLower = lower[..pos];
        if (Polymod([.. ExpandHrp(hrpLower), .. values]) != 1)
        {
            error = "invalid checksum";
            return false;
        }

        byte[]? decoded = ConvertBits(values.AsSpan(0, values.Length - 6), 5, 8, pad: false);
        if (decoded is null)
        {
            error = "invalid padding";
            return false;
        }

        hrp = s[..pos];
        data = decoded;
        error = string.Empty;
        return true;
    }

    private static uint Polymod(ReadOnlySpan<byte> values)
    {
        uint chk = 1;
        foreach (byte v in values)
        {
            uint top = chk >> 25;
            chk = ((chk & 0x1ffffff) << 5) ^ v;
            for (int i = 0; i < 5; i++)
            {
                if (((top >> i) & 1) == 1)
                {
                    chk ^= s_generator[i];
                }
            }
        }

        return chk;
    }

    private static byte[] ExpandHrp(string hrp)
    {
        byte[] result = new byte[(hrp.Length * 2) + 1];
        for (int i = 0; i < hrp.Length; i++)
        {
            result[i] = (byte)(hrp[i] >> 5);
            result[hrp.Length + 1 + i] = (byte)(hrp[i] & 31);
        }

        return result;
    }

    // Regroups bits; without padding, leftover bits must be fewer than a source group and zero.
    private static byte[]? ConvertBits(ReadOnlySpan<byte> data, int fromBits, int toBits, bool pad)
    {
        List<byte> result = new(((data.Length * fromBits) / toBits) + 1);
        uint acc = 0;
        int bits = 0;
        uint maxValue = (1u << toBits) - 1;
        foreach (byte value in data)
        {
            acc = (acc << fromBits) | value;
            bits += fromBits;
            while (bits >= toBits)
            {
                bits -= toBits;
                result.Add((byte)((acc >> bits) & maxValue));
            }
        }

        if (pad)
        {
            if (bits > 0)
            {
                result.Add((byte)((acc << (toBits - bits)) & maxValue));
            }
        }
        else if (bits >= fromBits || ((acc << (toBits - bits)) & maxValue) != 0)
        {
            return null;
        }

        return [.. result];
    }
}

using System.Text;

namespace Crypt.Crypto.Age;

/// <summary>
/// The age ASCII armor writer (spec, "ASCII armor": strict RFC 7468 PEM, label
/// "AGE ENCRYPTED FILE"): padded base64 in 64-column lines, LF line ends, and a final LF after
/// the footer, byte for byte what age's armor writer produces.
/// </summary>
internal static class AgeArmor
{
    public const string Header = "-----BEGIN AGE ENCRYPTED FILE-----";
    public const string Footer = "-----END AGE ENCRYPTED FILE-----";
    public const int ColumnsPerLine = 64;

    public static string Encode(ReadOnlySpan<byte> data)
    {
        string base64 = Convert.ToBase64String(data);
        StringBuilder text = new(Header.Length + Footer.Length + base64.Length + (base64.Length / ColumnsPerLine) + 4);
        text.Append(Header).Append('\n');
        for (int i = 0; i < base64.Length; i += ColumnsPerLine)
        {
            text.Append(base64.AsSpan(i, Math.Min(ColumnsPerLine, base64.Length - i))).Append('\n');
        }

        return text.Append(Footer).Append('\n').ToString();
    }

    /// <summary>Decodes a whole armored file, with every check <see cref="ArmorReader"/> makes.</summary>
    public static byte[] Decode(ReadOnlySpan<byte> armored)
    {
        using MemoryStream input = new(armored.ToArray(), writable: false);
        using ArmorReader reader = new(new AgeReader(input));
        using MemoryStream output = new();
        reader.CopyTo(output);
        return output.ToArray();
    }
}

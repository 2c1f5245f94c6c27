using System.Text;

namespace Crypt.Crypto.Age;

/// <summary>
/// The parsed age v1 header (spec, "Header"): the recipient stanzas and the 32-byte MAC.
/// Encoding is canonical, so a parsed header re-encodes to the exact bytes it was read from.
/// </summary>
internal sealed class AgeHeader
{
    public const string Intro = "age-encryption.org/v1\n";
    public const int ColumnsPerLine = 64;
    public const int BytesPerLine = ColumnsPerLine / 4 * 3;

    public AgeHeader(IReadOnlyList<AgeStanza> stanzas, byte[] mac)
    {
        Stanzas = stanzas;
        Mac = mac;
    }

    public IReadOnlyList<AgeStanza> Stanzas { get; }

    public byte[] Mac { get; }

    /// <summary>The header up to and including "---": the input of the header MAC.</summary>
    public byte[] EncodeWithoutMac()
    {
        StringBuilder text = new(Intro);
        foreach (AgeStanza stanza in Stanzas)
        {
            AppendStanza(text, stanza);
        }

        text.Append("---");
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>One stanza as the header (and the plugin protocol) writes it.</summary>
    public static void AppendStanza(StringBuilder text, AgeStanza stanza)
    {
        text.Append("->");
        text.Append(' ').Append(stanza.Type);
        foreach (string arg in stanza.Args)
        {
            text.Append(' ').Append(arg);
        }

        text.Append('\n');
        string body = AgeBase64.EncodeUnpadded(stanza.Body);

        // Full 64-column lines, then a final shorter line that may be empty.
        for (int i = 0; i <= body.Length; i += ColumnsPerLine)
        {
            text.Append(body.AsSpan(i, Math.Min(ColumnsPerLine, body.Length - i))).Append('\n');
        }
    }

    /// <summary>The whole header, ending with the MAC line.</summary>
    public byte[] Encode() => [.. EncodeWithoutMac(), .. Encoding.ASCII.GetBytes(" " + AgeBase64.EncodeUnpadded(Mac) + "\n")];
}

using System.Text;

namespace Crypt.Crypto.Age;

/// <summary>
/// Parses an age v1 header (spec, "Header" and its ABNF) with every canonical-encoding check
/// the reference implementation makes: exact intro line, "-> " argument lines of VCHAR
/// arguments, unpadded canonical base64 bodies in 64-column lines ending with a shorter line,
/// and a "--- " MAC line of exactly 32 bytes. Bounded in size and stanza count.
/// </summary>
internal static class AgeHeaderReader
{
    /// <summary>Generous for any real header (a hybrid stanza is about 1.6 KB).</summary>
    public const int MaxHeaderBytes = 1 << 20;

    public const int MaxStanzas = 1024;

    public static AgeHeader Read(AgeReader input)
    {
        input.HeaderBudget = MaxHeaderBytes;
        byte[]? intro = input.ReadLine(out bool complete);
        if (intro is null || !complete)
        {
            throw AgeException.Header("file is empty or has no version line");
        }

        if (!intro.AsSpan().SequenceEqual(Encoding.ASCII.GetBytes(AgeHeader.Intro)))
        {
            throw AgeException.Header(intro.AsSpan().StartsWith("age-encryption.org/"u8)
                ? "unsupported age format version"
                : "not an age file (unexpected first line)");
        }

        List<AgeStanza> stanzas = [];
        while (true)
        {
            ReadOnlySpan<byte> peek = input.Peek(3);
            if (peek.Length < 3)
            {
                throw AgeException.Header("header ends before its MAC line");
            }

            if (peek.SequenceEqual("---"u8))
            {
                byte[] mac = ReadMacLine(input);
                input.HeaderBudget = int.MaxValue;
                return new AgeHeader(stanzas, mac);
            }

            if (stanzas.Count == MaxStanzas)
            {
                throw AgeException.Header($"more than {MaxStanzas} recipient stanzas (the limit)");
            }

            stanzas.Add(ReadStanza(input));
        }
    }

    private static byte[] ReadMacLine(AgeReader input)
    {
        string line = ReadCompleteLine(input, "MAC line");
        string[] parts = line.Split(' ');
        if (parts.Length != 2 || parts[0] != "---")
        {
            throw AgeException.Header("malformed MAC line");
        }

        byte[]? mac = AgeBase64.DecodeUnpadded(parts[1]);
        return mac is { Length: 32 } ? mac : throw AgeException.Header("malformed MAC line (not a canonical 32-byte MAC)");
    }

    /// <summary>One stanza (also the unit of the plugin protocol, age plugin/client.go).</summary>
    internal static AgeStanza ReadStanza(AgeReader input)
    {
        string line = ReadCompleteLine(input, "stanza");
        string[] parts = line.Split(' ');
        if (parts[0] != "->" || parts.Length < 2)
        {
            throw AgeException.Header("malformed stanza opening line");
        }

        foreach (string arg in parts.AsSpan(1))
        {
            if (arg.Length == 0 || arg.Any(c => c < 33 || c > 126))
            {
                throw AgeException.Header("malformed stanza argument (empty or not printable ASCII)");
            }
        }

        using MemoryStream body = new();
        while (true)
        {
            string bodyLine = ReadCompleteLine(input, "stanza body");
            byte[]? chunk = AgeBase64.DecodeUnpadded(bodyLine);
            if (chunk is null)
            {
                throw AgeException.Header(bodyLine.StartsWith("---", StringComparison.Ordinal) || bodyLine.StartsWith("->", StringComparison.Ordinal)
                    ? "stanza ended without a short body line"
                    : "malformed stanza body line (not canonical base64)");
            }

            if (chunk.Length > AgeHeader.BytesPerLine)
            {
                throw AgeException.Header("stanza body line is longer than 64 columns");
            }

            body.Write(chunk);
            if (chunk.Length < AgeHeader.BytesPerLine)
            {
                return new AgeStanza(parts[1], parts[2..], body.ToArray());
            }
        }
    }

    // A header line without its LF. Latin-1 maps each byte to one char, so bytes outside
    // printable ASCII stay visible to the checks (ASCII decoding would turn them into '?').
    private static string ReadCompleteLine(AgeReader input, string what)
    {
        byte[]? line = input.ReadLine(out bool complete);
        if (line is null || !complete)
        {
            throw AgeException.Header($"header ends inside a {what}");
        }

        return Encoding.Latin1.GetString(line, 0, line.Length - 1);
    }
}

namespace Crypt.Cli.Tests.Corpus;

/// <summary>
/// The two things Crypt accepts beyond sops on text input (issue 11): a UTF-8 BOM and CRLF line
/// endings. The expected output of such a file is sops's output for the file without them, with
/// them put back.
/// </summary>
internal static class LineEndings
{
    private static readonly byte[] s_bom = [0xEF, 0xBB, 0xBF];

    public static byte[] Normalize(byte[] input, bool crlf)
    {
        byte[] text = input.AsSpan().StartsWith(s_bom) ? input[3..] : input;
        return crlf ? Replace(text, "\r\n"u8, "\n"u8) : text;
    }

    public static byte[] Restore(byte[] output, bool bom, bool crlf)
    {
        byte[] text = crlf ? Replace(output, "\n"u8, "\r\n"u8) : output;
        return bom ? [.. s_bom, .. text] : text;
    }

    /// <summary>Strips a BOM and turns CRLF into LF: how two outputs are compared when only one restores them.</summary>
    public static byte[] Plain(byte[] output) => Normalize(output, crlf: true);

    private static byte[] Replace(byte[] input, ReadOnlySpan<byte> from, ReadOnlySpan<byte> to)
    {
        List<byte> result = new(input.Length + (input.Length / 16));
        ReadOnlySpan<byte> rest = input;
        int at;
        while ((at = rest.IndexOf(from)) >= 0)
        {
            result.AddRange(rest[..at]);
            result.AddRange(to);
            rest = rest[(at + from.Length)..];
        }

        result.AddRange(rest);
        return [.. result];
    }
}

namespace Crypt.Crypto.Age;

/// <summary>
/// The two base64 flavours of age v1: unpadded canonical base64 in the header (spec,
/// "Conventions": decoders MUST reject non-canonical encodings and '=' padding) and padded
/// canonical base64 in the ASCII armor (RFC 7468 strict).
/// </summary>
internal static class AgeBase64
{
    public static string EncodeUnpadded(ReadOnlySpan<byte> data) => Convert.ToBase64String(data).TrimEnd('=');

    /// <summary>Decodes unpadded canonical base64, or returns null.</summary>
    public static byte[]? DecodeUnpadded(ReadOnlySpan<char> text)
    {
        if (text.Length % 4 == 1 || text.Contains('='))
        {
            return null;
        }

        string padded = string.Concat(text, new string('=', (4 - (text.Length % 4)) % 4));
        return DecodePadded(padded) is { } bytes && EncodeUnpadded(bytes).AsSpan().SequenceEqual(text) ? bytes : null;
    }

    /// <summary>Decodes padded canonical base64 with no whitespace, or returns null.</summary>
    public static byte[]? DecodePadded(string text)
    {
        if (text.Length % 4 != 0)
        {
            return null;
        }

        byte[] buffer = new byte[text.Length / 4 * 3];
        if (!Convert.TryFromBase64String(text, buffer, out int written))
        {
            return null;
        }

        byte[] bytes = buffer.AsSpan(0, written).ToArray();
        // .NET skips whitespace and tolerates non-zero trailing bits; a re-encode that
        // differs means the input was not canonical.
        return Convert.ToBase64String(bytes) == text ? bytes : null;
    }
}

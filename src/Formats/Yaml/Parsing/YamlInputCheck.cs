using Crypt.Crypto.Errors;

namespace Crypt.Formats.Yaml.Parsing;

/// <summary>
/// go-yaml v3 readerc.go <c>yaml_parser_update_buffer</c>'s checks, done once over the whole
/// input: well-formed UTF-8 and only the characters YAML allows (tab, line breaks, printable
/// characters; no other C0/C1 controls, surrogates or U+FFFE/U+FFFF).
/// </summary>
internal static class YamlInputCheck
{
    public static void Validate(ReadOnlySpan<byte> input)
    {
        int i = 0;
        while (i < input.Length)
        {
            // Printable ASCII is the common case.
            int run = input[i..].IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E);
            if (run < 0)
            {
                return;
            }

            i += run;
            byte octet = input[i];
            if (octet < 0x80)
            {
                if (octet is not ((byte)'\t' or (byte)'\n' or (byte)'\r'))
                {
                    throw Fail("control characters are not allowed", input, i);
                }

                i++;
                continue;
            }

            int width = (octet & 0xE0) == 0xC0 ? 2 : (octet & 0xF0) == 0xE0 ? 3 : (octet & 0xF8) == 0xF0 ? 4 : 0;
            if (width == 0)
            {
                throw Fail("invalid leading UTF-8 octet", input, i);
            }

            if (width > input.Length - i)
            {
                throw Fail("incomplete UTF-8 octet sequence", input, i);
            }

            int value = width == 2 ? octet & 0x1F : width == 3 ? octet & 0x0F : octet & 0x07;
            for (int k = 1; k < width; k++)
            {
                byte trailing = input[i + k];
                if ((trailing & 0xC0) != 0x80)
                {
                    throw Fail("invalid trailing UTF-8 octet", input, i + k);
                }

                value = (value << 6) + (trailing & 0x3F);
            }

            bool shortest = (width == 2 && value >= 0x80) || (width == 3 && value >= 0x800) || (width == 4 && value >= 0x10000);
            if (!shortest)
            {
                throw Fail("invalid length of a UTF-8 sequence", input, i);
            }

            if ((value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF)
            {
                throw Fail("invalid Unicode character", input, i);
            }

            bool allowed = value == 0x85 || (value >= 0xA0 && value <= 0xD7FF) || (value >= 0xE000 && value <= 0xFFFD) || value >= 0x10000;
            if (!allowed)
            {
                throw Fail("control characters are not allowed", input, i);
            }

            i += width;
        }
    }

    // go-yaml reports reader errors by byte offset; the line and column are derived for the message.
    private static CryptFormatException Fail(string problem, ReadOnlySpan<byte> input, int offset)
    {
        ReadOnlySpan<byte> before = input[..offset];
        int line = before.Count((byte)'\n');
        int lineStart = before.LastIndexOf((byte)'\n') + 1;
        int column = 0;
        foreach (byte b in before[lineStart..])
        {
            column += (b & 0xC0) == 0x80 ? 0 : 1;
        }

        return new CryptFormatException(problem, null, line + 1, column + 1);
    }
}

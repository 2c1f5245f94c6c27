using System.Buffers;
using System.Text;
using Crypt.Crypto.Errors;

namespace Crypt.Formats.Dotenv;

/// <summary>
/// Decodes a whole file as UTF-8, refusing invalid bytes. Go's dotenv and binary stores keep a
/// file's raw bytes in Go strings; a .NET string cannot, and replacing bytes with U+FFFD would
/// silently change what gets encrypted, so Crypt stops with the line of the first bad byte.
/// </summary>
internal static class StrictUtf8
{
    public static string Decode(ReadOnlySpan<byte> content, string formatName)
    {
        if (System.Text.Unicode.Utf8.IsValid(content))
        {
            return Encoding.UTF8.GetString(content);
        }

        int pos = 0;
        while (pos < content.Length && Rune.DecodeFromUtf8(content[pos..], out _, out int consumed) == OperationStatus.Done)
        {
            pos += consumed;
        }

        ReadOnlySpan<byte> before = content[..pos];
        int line = before.Count((byte)'\n') + 1;
        int column = pos - (before.LastIndexOf((byte)'\n') + 1) + 1;
        throw new CryptFormatException($"{formatName} input is not valid UTF-8", line: line, column: column);
    }
}

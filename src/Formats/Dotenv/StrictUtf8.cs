using System.Buffers;
using System.Text;
using Crypt.Crypto.Errors;

namespace Crypt.Formats.Dotenv;

/// <summary>
/// Refuses a file that is not valid UTF-8. Go's dotenv and INI stores keep a file's raw bytes
/// in Go strings; a .NET string cannot, and replacing bytes with U+FFFD would silently change
/// what gets encrypted, so Crypt stops with the line and column of the first bad byte. The
/// check reads the bytes in place: the stores then parse them without a string of the file.
/// </summary>
internal static class StrictUtf8
{
    /// <summary>Throws a <see cref="CryptFormatException"/> at the first byte of <paramref name="content"/> that is not valid UTF-8.</summary>
    public static void Validate(ReadOnlySpan<byte> content, string formatName)
    {
        if (System.Text.Unicode.Utf8.IsValid(content))
        {
            return;
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

using System.Security.Cryptography;
using System.Text;

namespace Crypt.Formats.Stores;

/// <summary>Writing text that may be plaintext to a store's output stream.</summary>
internal static class TextOutput
{
    /// <summary>Writes <paramref name="text"/> as UTF-8 and wipes the encoded copy.</summary>
    public static void WriteUtf8(string text, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        output.Write(bytes);
        CryptographicOperations.ZeroMemory(bytes);
    }
}

using System.Security.Cryptography;

namespace Crypt.Crypto.Values;

/// <summary>Reused scratch arrays that may hold plaintext or key material.</summary>
internal static class SecretBuffer
{
    /// <summary>
    /// Makes <paramref name="buffer"/> at least <paramref name="size"/> bytes (doubling), wiping
    /// the array it replaces: the old one may have held plaintext.
    /// </summary>
    public static void Ensure(ref byte[] buffer, int size)
    {
        if (buffer.Length < size)
        {
            CryptographicOperations.ZeroMemory(buffer);
            buffer = new byte[Math.Max(size, buffer.Length * 2)];
        }
    }
}

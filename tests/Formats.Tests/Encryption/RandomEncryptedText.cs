using Crypt.Crypto.Values;

namespace Crypt.Formats.Tests.Encryption;

/// <summary>An ENC[...] text in canonical form over random (seeded) data, IV and tag of the given data length.</summary>
internal static class RandomEncryptedText
{
    public static string Of(int dataLength)
    {
        Random random = new(dataLength);
        byte[] data = new byte[dataLength];
        byte[] iv = new byte[32];
        byte[] tag = new byte[16];
        random.NextBytes(data);
        random.NextBytes(iv);
        random.NextBytes(tag);
        return EncryptedValue.Format(data, iv, tag, SopsValueType.Str);
    }
}

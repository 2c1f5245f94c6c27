using System.Buffers.Binary;
using System.Text;
using Crypt.Crypto.Sodium;

namespace Crypt.Crypto.Age;

/// <summary>
/// The bits of the SSH wire encoding (RFC 4251 §5) age's SSH recipient types need: reading
/// length-prefixed strings, parsing an authorized_keys line (RFC 4253 §6.6 key blob in
/// Base64), and the short fingerprint age puts in a stanza (age v1.3.1 agessh/agessh.go
/// sshFingerprint: the first 4 bytes of SHA-256 of the key blob, unpadded Base64).
/// </summary>
internal static class SshWire
{
    public static string Fingerprint(ReadOnlySpan<byte> publicKeyBlob) => AgeBase64.EncodeUnpadded(Libsodium.Sha256(publicKeyBlob).AsSpan(0, 4));

    /// <summary>Reads one uint32-length-prefixed string at <paramref name="offset"/>, or null when truncated.</summary>
    public static byte[]? ReadString(ReadOnlySpan<byte> data, ref int offset)
    {
        if (data.Length - offset < 4)
        {
            return null;
        }

        uint length = BinaryPrimitives.ReadUInt32BigEndian(data[offset..]);
        if (length > (uint)(data.Length - offset - 4))
        {
            return null;
        }

        byte[] value = data.Slice(offset + 4, (int)length).ToArray();
        offset += 4 + (int)length;
        return value;
    }

    /// <summary>Reads a uint32, or null when truncated.</summary>
    public static uint? ReadUInt32(ReadOnlySpan<byte> data, ref int offset)
    {
        if (data.Length - offset < 4)
        {
            return null;
        }

        uint value = BinaryPrimitives.ReadUInt32BigEndian(data[offset..]);
        offset += 4;
        return value;
    }

    /// <summary>The key type named inside a key blob (its first string).</summary>
    public static string? BlobType(ReadOnlySpan<byte> blob)
    {
        int offset = 0;
        return ReadString(blob, ref offset) is { } type ? Encoding.ASCII.GetString(type) : null;
    }

    /// <summary>
    /// Parses <c>TYPE BASE64 [COMMENT]</c> (an authorized_keys line without options) into the
    /// key blob; null when it is not one, or when the blob's own type differs from TYPE.
    /// </summary>
    public static byte[]? ParseAuthorizedKey(string line)
    {
        string[] fields = line.Trim().Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 2)
        {
            return null;
        }

        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(fields[1]);
        }
        catch (FormatException)
        {
            return null;
        }

        return BlobType(blob) == fields[0] ? blob : null;
    }
}

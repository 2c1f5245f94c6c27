using System.Buffers.Text;

namespace Crypt.Crypto.Values;

/// <summary>
/// A parsed <c>ENC[AES256_GCM,data:…,iv:…,tag:…,type:…]</c> value (SOPS §2.1). Base64 is the
/// standard alphabet with padding. SOPS anchors its regex at the start only; we also require
/// the closing bracket to end the string, which every SOPS writer does.
/// </summary>
public sealed record EncryptedValue(byte[] Data, byte[] Iv, byte[] Tag, SopsValueType Type)
{
    private const string Prefix = "ENC[AES256_GCM,";

    /// <summary>True when <paramref name="text"/> looks like an encrypted value (cheap prefix check).</summary>
    public static bool LooksEncrypted(ReadOnlySpan<char> text) => text.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Parses <paramref name="text"/>; on failure returns false and a reason without the value.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out EncryptedValue? value, out string? error)
    {
        value = null;
        if (!text.StartsWith(Prefix, StringComparison.Ordinal) || !text.EndsWith(']'))
        {
            error = "not an ENC[AES256_GCM,...] value";
            return false;
        }

        ReadOnlySpan<char> body = text[Prefix.Length..^1];
        if (!TryField(ref body, "data:", out byte[]? data, out error)
            || !TryField(ref body, "iv:", out byte[]? iv, out error)
            || !TryField(ref body, "tag:", out byte[]? tag, out error))
        {
            return false;
        }

        if (!body.StartsWith("type:", StringComparison.Ordinal) || !SopsValueTypes.TryParse(body[5..], out SopsValueType type))
        {
            error = "unknown or missing type in ENC[...] value";
            return false;
        }

        if (iv!.Length == 0)
        {
            error = "empty IV in ENC[...] value";
            return false;
        }

        if (tag!.Length != ValueCipher.TagSize)
        {
            error = "GCM tag is not 16 bytes";
            return false;
        }

        value = new EncryptedValue(data!, iv, tag, type);
        error = null;
        return true;
    }

    /// <summary>The canonical text form SOPS writes.</summary>
    public override string ToString() =>
        $"{Prefix}data:{Convert.ToBase64String(Data)},iv:{Convert.ToBase64String(Iv)},tag:{Convert.ToBase64String(Tag)},type:{Type.ToWireName()}]";

    private static bool TryField(ref ReadOnlySpan<char> body, string name, out byte[]? bytes, out string? error)
    {
        bytes = null;
        int comma = body.IndexOf(',');
        if (!body.StartsWith(name, StringComparison.Ordinal) || comma < 0)
        {
            error = $"missing {name[..^1]} in ENC[...] value";
            return false;
        }

        ReadOnlySpan<char> b64 = body[name.Length..comma];
        body = body[(comma + 1)..];
        if (!Base64.IsValid(b64, out int length))
        {
            error = $"{name[..^1]} in ENC[...] value is not valid base64";
            return false;
        }

        bytes = new byte[length];
        if (!Convert.TryFromBase64Chars(b64, bytes, out int written) || written != length || (b64.Length % 4) != 0)
        {
            error = $"{name[..^1]} in ENC[...] value is not valid padded base64";
            return false;
        }

        error = null;
        return true;
    }
}

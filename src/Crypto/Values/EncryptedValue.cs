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
    private const string PrefixData = Prefix + "data:";

    /// <summary>True when <paramref name="text"/> looks like an encrypted value (cheap prefix check).</summary>
    internal static bool LooksEncrypted(ReadOnlySpan<char> text) => text.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Parses <paramref name="text"/>; on failure returns false and a reason without the value.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out EncryptedValue? value, out string? error)
    {
        value = null;
        byte[] buffer = new byte[DecodedLength(text)];
        if (!TryParse(text, buffer, out EncryptedValueLayout layout, out error))
        {
            return false;
        }

        value = new EncryptedValue(layout.Data(buffer).ToArray(), layout.Iv(buffer).ToArray(), layout.Tag(buffer).ToArray(), layout.Type);
        return true;
    }

    /// <summary>The canonical text form SOPS writes.</summary>
    public override string ToString() => Format(Data, Iv, Tag, Type);

    /// <summary>The <c>ENC[AES256_GCM,data:...,iv:...,tag:...,type:...]</c> text, built in one allocation.</summary>
    public static string Format(ReadOnlySpan<byte> data, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> tag, SopsValueType type)
    {
        int length = FormattedLength(data.Length, iv.Length, type, tag.Length);
        Span<char> text = length <= 1024 ? stackalloc char[length] : new char[length];
        Format(data, iv, tag, type, text);
        return new string(text);
    }

    /// <summary>Writes the text into <paramref name="text"/> (at least <see cref="FormattedLength"/> chars); returns its length.</summary>
    public static int Format(ReadOnlySpan<byte> data, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> tag, SopsValueType type, Span<char> text)
    {
        // The text is ASCII: written once as UTF-8, then widened.
        int length = FormattedLength(data.Length, iv.Length, type, tag.Length);
        Span<byte> utf8 = length <= 1024 ? stackalloc byte[length] : new byte[length];
        Format(data, iv, tag, type, utf8);
        System.Text.Ascii.ToUtf16(utf8, text, out int written);
        return written;
    }

    /// <summary>The length of the text <see cref="Format(ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte}, SopsValueType)"/> writes for these part lengths.</summary>
    public static int FormattedLength(int dataLength, int ivLength, SopsValueType type, int tagLength = ValueCipher.TagSize) =>
        PrefixData.Length + Base64Length(dataLength) + ",iv:".Length + Base64Length(ivLength)
        + ",tag:".Length + Base64Length(tagLength) + ",type:".Length + type.ToWireName().Length + 1;

    /// <summary>
    /// Writes the text <see cref="Format(ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte}, SopsValueType)"/> returns as UTF-8 into <paramref name="utf8"/> (at
    /// least <see cref="FormattedLength"/> bytes); returns the length written.
    /// </summary>
    public static int Format(ReadOnlySpan<byte> data, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> tag, SopsValueType type, Span<byte> utf8)
    {
        int at = 0;
        AppendAscii(utf8, ref at, PrefixData);
        AppendBase64(utf8, ref at, data);
        AppendAscii(utf8, ref at, ",iv:");
        AppendBase64(utf8, ref at, iv);
        AppendAscii(utf8, ref at, ",tag:");
        AppendBase64(utf8, ref at, tag);
        AppendAscii(utf8, ref at, ",type:");
        AppendAscii(utf8, ref at, type.ToWireName());
        utf8[at++] = (byte)']';
        return at;
    }

    /// <summary>As the <see cref="ReadOnlySpan{T}"/> of char overload, for the value's UTF-8 text.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, Span<byte> buffer, out EncryptedValueLayout layout, out string? error)
    {
        if (TryParseCanonical(utf8, buffer, out layout))
        {
            error = null;
            return true;
        }

        // Anything unusual (whitespace in base64, a bad field) goes through the char parser, so
        // both forms accept exactly the same texts and give the same reasons.
        Span<char> text = utf8.Length <= 1024 ? stackalloc char[utf8.Length] : new char[utf8.Length];
        int length = System.Text.Encoding.UTF8.GetChars(utf8, text);
        return TryParse(text[..length], buffer, out layout, out error);
    }

    /// <summary>
    /// Parses <paramref name="utf8"/> only when it is exactly the text
    /// <see cref="Format(ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte}, SopsValueType, Span{byte})"/>
    /// writes for its parts (so the parts alone can stand for it); false for anything else.
    /// </summary>
    public static bool TryParseExact(ReadOnlySpan<byte> utf8, Span<byte> buffer, out EncryptedValueLayout layout)
    {
        if (!TryParseCanonical(utf8, buffer, out layout)
            || FormattedLength(layout.DataLength, layout.IvLength, layout.Type) != utf8.Length)
        {
            return false;
        }

        // Base64 has more than one spelling of the same bytes (the unused bits of a padded
        // group): compare with the canonical one, a piece at a time (no copy of a long text).
        return EncryptedTextPieces.Equal(layout.Data(buffer), layout.Iv(buffer), layout.Tag(buffer), layout.Type, utf8);
    }

    // The form every writer produces (padded base64, no whitespace), straight from UTF-8; false
    // for anything else, which the caller hands to the char parser.
    private static bool TryParseCanonical(ReadOnlySpan<byte> utf8, Span<byte> buffer, out EncryptedValueLayout layout)
    {
        layout = default;
        if (!utf8.StartsWith("ENC[AES256_GCM,data:"u8) || utf8.IsEmpty || utf8[^1] != (byte)']')
        {
            return false;
        }

        ReadOnlySpan<byte> body = utf8["ENC[AES256_GCM,".Length..^1];
        int at = 0;
        if (!TryCanonicalField(ref body, "data:"u8, buffer, ref at, out int dataLength)
            || !TryCanonicalField(ref body, "iv:"u8, buffer, ref at, out int ivLength)
            || !TryCanonicalField(ref body, "tag:"u8, buffer, ref at, out int tagLength)
            || ivLength == 0 || tagLength != ValueCipher.TagSize
            || !body.StartsWith("type:"u8) || body.Length > 32 + 5)
        {
            return false;
        }

        Span<char> typeName = stackalloc char[body.Length - 5];
        if (System.Text.Ascii.ToUtf16(body[5..], typeName, out _) != System.Buffers.OperationStatus.Done
            || !SopsValueTypes.TryParse(typeName, out SopsValueType type))
        {
            return false;
        }

        layout = new EncryptedValueLayout(dataLength, ivLength, type);
        return true;
    }

    private static bool TryCanonicalField(ref ReadOnlySpan<byte> body, ReadOnlySpan<byte> name, Span<byte> buffer, ref int at, out int length)
    {
        length = 0;
        int comma = body.IndexOf((byte)',');
        if (comma < 0 || !body.StartsWith(name))
        {
            return false;
        }

        ReadOnlySpan<byte> b64 = body[name.Length..comma];
        body = body[(comma + 1)..];
        if (Base64.DecodeFromUtf8(b64, buffer[at..], out int consumed, out length) != System.Buffers.OperationStatus.Done
            || consumed != b64.Length || b64.Length % 4 != 0)
        {
            return false;
        }

        at += length;
        return true;
    }

    /// <summary>
    /// Parses without allocating: data, IV and tag are decoded into <paramref name="buffer"/>
    /// (at least <see cref="DecodedLength(int)"/> bytes), in that order.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, Span<byte> buffer, out EncryptedValueLayout layout, out string? error)
    {
        layout = default;
        if (!text.StartsWith(Prefix, StringComparison.Ordinal) || !text.EndsWith(']'))
        {
            error = "not an ENC[AES256_GCM,...] value";
            return false;
        }

        ReadOnlySpan<char> body = text[Prefix.Length..^1];
        int at = 0;
        if (!TryField(ref body, "data:", buffer, ref at, out int dataLength, out error)
            || !TryField(ref body, "iv:", buffer, ref at, out int ivLength, out error)
            || !TryField(ref body, "tag:", buffer, ref at, out int tagLength, out error))
        {
            return false;
        }

        if (!body.StartsWith("type:", StringComparison.Ordinal) || !SopsValueTypes.TryParse(body[5..], out SopsValueType type))
        {
            error = "unknown or missing type in ENC[...] value";
            return false;
        }

        if (ivLength == 0)
        {
            error = "empty IV in ENC[...] value";
            return false;
        }

        if (tagLength != ValueCipher.TagSize)
        {
            error = "GCM tag is not 16 bytes";
            return false;
        }

        layout = new EncryptedValueLayout(dataLength, ivLength, type);
        error = null;
        return true;
    }

    /// <summary>An upper bound of the bytes <paramref name="text"/> decodes to (the buffer size TryParse needs).</summary>
    public static int DecodedLength(ReadOnlySpan<char> text) => DecodedLength(text.Length);

    /// <summary>An upper bound of the bytes a text of <paramref name="textLength"/> characters decodes to.</summary>
    public static int DecodedLength(int textLength) => (textLength * 3 / 4) + 3;

    private static int Base64Length(int bytes) => (bytes + 2) / 3 * 4;

    private static void AppendAscii(Span<byte> utf8, ref int at, string part)
    {
        at += System.Text.Encoding.ASCII.GetBytes(part, utf8[at..]);
    }

    private static void AppendBase64(Span<byte> utf8, ref int at, ReadOnlySpan<byte> bytes)
    {
        Base64.EncodeToUtf8(bytes, utf8[at..], out _, out int written);
        at += written;
    }

    private static bool TryField(ref ReadOnlySpan<char> body, string name, Span<byte> buffer, ref int at, out int length, out string? error)
    {
        length = 0;
        int comma = body.IndexOf(',');
        if (!body.StartsWith(name, StringComparison.Ordinal) || comma < 0)
        {
            error = $"missing {name[..^1]} in ENC[...] value";
            return false;
        }

        ReadOnlySpan<char> b64 = body[name.Length..comma];
        body = body[(comma + 1)..];
        if (!Base64.IsValid(b64, out length))
        {
            error = $"{name[..^1]} in ENC[...] value is not valid base64";
            return false;
        }

        if (!Convert.TryFromBase64Chars(b64, buffer[at..], out int written) || written != length || (b64.Length % 4) != 0)
        {
            error = $"{name[..^1]} in ENC[...] value is not valid padded base64";
            return false;
        }

        at += length;
        error = null;
        return true;
    }
}

/// <summary>Where <see cref="EncryptedValue.TryParse(ReadOnlySpan{char}, Span{byte}, out EncryptedValueLayout, out string?)"/> put the parts in its buffer.</summary>
public readonly record struct EncryptedValueLayout(int DataLength, int IvLength, SopsValueType Type)
{
    /// <summary>The ciphertext.</summary>
    public ReadOnlySpan<byte> Data(ReadOnlySpan<byte> buffer) => buffer[..DataLength];

    /// <summary>The IV.</summary>
    public ReadOnlySpan<byte> Iv(ReadOnlySpan<byte> buffer) => buffer.Slice(DataLength, IvLength);

    /// <summary>The GCM tag.</summary>
    public ReadOnlySpan<byte> Tag(ReadOnlySpan<byte> buffer) => buffer.Slice(DataLength + IvLength, ValueCipher.TagSize);
}

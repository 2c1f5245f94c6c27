using System.Globalization;
using System.Text;
using Crypt.Crypto.Values;
using Crypt.Formats.GoCompat;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Encryption;

/// <summary>
/// A scalar's canonical bytes and <c>type:</c> as SOPS encrypts and hashes them
/// (FORMAT.md §2.3, <c>aes.Cipher.Encrypt</c>, <c>Decrypt</c>, <c>sops.ToBytes</c>): strings as
/// UTF-8, ints in decimal, floats in Go's shortest plain form, booleans <c>True</c>/<c>False</c>,
/// times in Go's MarshalText form.
/// </summary>
internal static class ValueCodec
{
    private static readonly byte[] s_true = "True"u8.ToArray();
    private static readonly byte[] s_false = "False"u8.ToArray();

    /// <summary>
    /// Writes the canonical bytes of <paramref name="scalar"/> (not null) into
    /// <paramref name="buffer"/>, growing it when needed; returns the length.
    /// </summary>
    public static int Encode(TreeScalar scalar, ref byte[] buffer, out SopsValueType type)
    {
        switch (scalar.Kind)
        {
            case ScalarKind.String:
                type = SopsValueType.Str;
                if (scalar.TryGetStringBytes(out ReadOnlySpan<byte> utf8))
                {
                    SecretBuffer.Ensure(ref buffer, utf8.Length);
                    utf8.CopyTo(buffer);
                    return utf8.Length;
                }

                return WriteUtf8(scalar.Text, ref buffer);
            case ScalarKind.Int:
                type = SopsValueType.Int;
                SecretBuffer.Ensure(ref buffer, 20);
                scalar.Int.TryFormat(buffer, out int written, default, CultureInfo.InvariantCulture);
                return written;
            case ScalarKind.Float:
                type = SopsValueType.Float;
                return WriteUtf8(GoFloat.Format(scalar.Float, 'f'), ref buffer);
            case ScalarKind.Bool:
                type = SopsValueType.Bool;
                byte[] word = scalar.Bool ? s_true : s_false;
                SecretBuffer.Ensure(ref buffer, word.Length);
                word.CopyTo(buffer, 0);
                return word.Length;
            case ScalarKind.Time:
                type = SopsValueType.Time;
                return WriteUtf8(GoTime.NormalizeMarshalText(scalar.Text) ?? scalar.Text, ref buffer);
            default:
                throw new ArgumentException("null scalars are never encoded", nameof(scalar));
        }
    }

    /// <summary>As the overload with an arena, decoding every value through a string.</summary>
    public static bool TryDecode(SopsValueType type, ReadOnlySpan<byte> plaintext, out TreeScalar? scalar, out string? error) =>
        TryDecode(type, plaintext, arena: null, out scalar, out error);

    /// <summary>
    /// Parses decrypted bytes of the given type back into a scalar, as Go's parsers would;
    /// false (and a reason without the value) when they do not parse. With an
    /// <paramref name="arena"/>, valid UTF-8 strings and ints are decoded without a string.
    /// </summary>
    public static bool TryDecode(SopsValueType type, ReadOnlySpan<byte> plaintext, Utf8Arena? arena, out TreeScalar? scalar, out string? error)
    {
        error = null;
        if (arena is not null)
        {
            if (type is SopsValueType.Str && System.Text.Unicode.Utf8.IsValid(plaintext))
            {
                scalar = TreeScalar.Utf8String(arena.Add(plaintext));
                return true;
            }

            if (type is SopsValueType.Int && long.TryParse(plaintext, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long parsed))
            {
                scalar = TreeScalar.Integer(parsed);
                return true;
            }
        }

        if (type is SopsValueType.Str && !System.Text.Unicode.Utf8.IsValid(plaintext))
        {
            // A Go string holding bytes that are not UTF-8 (a binary file): kept byte for byte.
            scalar = TreeScalar.ByteString(plaintext);
            return true;
        }

        string text = Encoding.UTF8.GetString(plaintext);
        scalar = null;
        switch (type)
        {
            case SopsValueType.Str:
            case SopsValueType.Comment:
            case SopsValueType.Bytes:
                // Bytes have no tree kind of their own; no SOPS encoder writes them.
                scalar = TreeScalar.String(text);
                return true;
            case SopsValueType.Int:
                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
                {
                    scalar = TreeScalar.Integer(integer);
                    return true;
                }

                error = "the decrypted int does not parse";
                return false;
            case SopsValueType.Float:
                if (GoFloat.TryParse(text, out double floating))
                {
                    scalar = TreeScalar.FloatingPoint(floating);
                    return true;
                }

                error = "the decrypted float does not parse";
                return false;
            case SopsValueType.Bool:
                if (TryParseGoBool(text, out bool boolean))
                {
                    scalar = TreeScalar.Boolean(boolean);
                    return true;
                }

                error = "the decrypted bool does not parse";
                return false;
            case SopsValueType.Time:
                string? time = GoTime.NormalizeMarshalText(text);
                if (time is not null)
                {
                    scalar = TreeScalar.Time(time);
                    return true;
                }

                error = "the decrypted time is not RFC 3339";
                return false;
            default:
                error = "unknown datatype";
                return false;
        }
    }

    /// <summary>Go's <c>strconv.ParseBool</c>.</summary>
    public static bool TryParseGoBool(string text, out bool value)
    {
        switch (text)
        {
            case "1" or "t" or "T" or "TRUE" or "true" or "True":
                value = true;
                return true;
            case "0" or "f" or "F" or "FALSE" or "false" or "False":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    private static int WriteUtf8(string text, ref byte[] buffer)
    {
        SecretBuffer.Ensure(ref buffer, Encoding.UTF8.GetMaxByteCount(text.Length));
        return Encoding.UTF8.GetBytes(text, buffer);
    }
}

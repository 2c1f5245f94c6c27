using System.Runtime.CompilerServices;

namespace Crypt.Formats.Yaml.Parsing;

/// <summary>
/// go-yaml v3's character classes (yamlprivateh.go <c>is_blank</c>, <c>is_break</c>, ...) over the
/// scanner's buffer. The buffer ends in zero bytes, so looking a few bytes ahead never leaves it.
/// </summary>
internal static class YamlChars
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsAlpha(byte c) =>
        (uint)(c - '0') <= 9 || (uint)((c | 0x20) - 'a') <= 'z' - 'a' || c == '_' || c == '-';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsDigit(byte c) => (uint)(c - '0') <= 9;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsHex(byte c) => (uint)(c - '0') <= 9 || (uint)((c | 0x20) - 'a') <= 'f' - 'a';

    public static int AsHex(byte c) => c >= 'A' && c <= 'F' ? c - 'A' + 10 : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c - '0';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsBlank(byte c) => c == ' ' || c == '\t';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsBreak(byte[] b, int i)
    {
        byte c = b[i];
        return c == '\n' || c == '\r' || (c >= 0xC2 && IsUnicodeBreak(b, i));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsBreakZ(byte[] b, int i)
    {
        byte c = b[i];
        return c == '\n' || c == '\r' || c == 0 || (c >= 0xC2 && IsUnicodeBreak(b, i));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsBlankZ(byte[] b, int i)
    {
        byte c = b[i];
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0 || (c >= 0xC2 && IsUnicodeBreak(b, i));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsCrLf(byte[] b, int i) => b[i] == '\r' && b[i + 1] == '\n';

    /// <summary>NEL (U+0085), LS (U+2028) or PS (U+2029).</summary>
    public static bool IsUnicodeBreak(byte[] b, int i) =>
        (b[i] == 0xC2 && b[i + 1] == 0x85) || (b[i] == 0xE2 && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9));

    public static bool IsBom(byte[] b, int i) => b[i] == 0xEF && b[i + 1] == 0xBB && b[i + 2] == 0xBF;

    /// <summary>The length of the UTF-8 sequence a lead byte starts; 1 for anything else so scanning always moves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Width(byte c) => c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
}

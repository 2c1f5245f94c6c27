using System.Buffers.Text;

namespace Crypt.Crypto.Values;

/// <summary>
/// The canonical <c>ENC[...]</c> text of a value's parts (what
/// <see cref="EncryptedValue.Format(ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte}, SopsValueType, Span{byte})"/>
/// writes) produced or compared a piece at a time, so a 100 MB value's 133 MB of text never
/// has to exist whole: an emitter writes it through its own small buffer, and a reader checks a
/// text against it without formatting a copy (bench/README.md session 7).
/// </summary>
internal static class EncryptedTextPieces
{
    private const int Head = 20; // "ENC[AES256_GCM,data:"

    // Longest tail: ",iv:" + 255-byte IV in base64 + ",tag:" + 16-byte tag + ",type:" + name + "]".
    private const int MaxTail = 512;

    // Compared a piece at a time; below this the text is formatted whole on the stack.
    private const int Piece = 1024;

    /// <summary>
    /// Writes the text's bytes from <paramref name="start"/> into <paramref name="destination"/>,
    /// as many as fit before the text ends; returns how many.
    /// </summary>
    public static int Format(ReadOnlySpan<byte> data, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> tag, SopsValueType type, int start, Span<byte> destination)
    {
        // The text without data is the head and the tail; the data's base64 goes between them.
        Span<byte> frame = stackalloc byte[MaxTail + Head];
        frame = frame[..EncryptedValue.Format([], iv, tag, type, frame)];
        int encodedLength = (data.Length + 2) / 3 * 4;
        int end = frame.Length + encodedLength;
        int written = 0;
        while (written < destination.Length && start < end)
        {
            Span<byte> target = destination[written..];
            int count;
            if (start < Head)
            {
                count = Copy(frame[start..Head], target);
            }
            else if (start >= Head + encodedLength)
            {
                count = Copy(frame[(start - encodedLength)..], target);
            }
            else
            {
                count = FormatData(data, start - Head, target);
            }

            written += count;
            start += count;
        }

        return written;
    }

    /// <summary>True when <paramref name="utf8"/> is exactly the canonical text of these parts.</summary>
    public static bool Equal(ReadOnlySpan<byte> data, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> tag, SopsValueType type, ReadOnlySpan<byte> utf8)
    {
        if (EncryptedValue.FormattedLength(data.Length, iv.Length, type, tag.Length) != utf8.Length)
        {
            return false;
        }

        Span<byte> piece = stackalloc byte[Piece];
        if (utf8.Length <= Piece)
        {
            piece = piece[..EncryptedValue.Format(data, iv, tag, type, piece)];
            return piece.SequenceEqual(utf8);
        }

        for (int at = 0; at < utf8.Length;)
        {
            int count = Format(data, iv, tag, type, at, piece);
            if (!piece[..count].SequenceEqual(utf8.Slice(at, count)))
            {
                return false;
            }

            at += count;
        }

        return true;
    }

    private static int Copy(ReadOnlySpan<byte> source, Span<byte> target)
    {
        int count = Math.Min(source.Length, target.Length);
        source[..count].CopyTo(target);
        return count;
    }

    // The base64 of data from character `at` on: whole 4-character groups straight into the
    // target; a group cut by `at` or by the target's end through a small buffer.
    private static int FormatData(ReadOnlySpan<byte> data, int at, Span<byte> target)
    {
        int group = at / 4;
        int within = at % 4;
        int groupsLeft = ((data.Length + 2) / 3) - group;
        int whole = Math.Min(target.Length / 4, groupsLeft);
        if (within == 0 && whole > 0)
        {
            int from = group * 3;
            ReadOnlySpan<byte> bytes = data[from..Math.Min(data.Length, from + (whole * 3))];
            Base64.EncodeToUtf8(bytes, target, out _, out int written);
            return written;
        }

        Span<byte> one = stackalloc byte[4];
        int first = group * 3;
        Base64.EncodeToUtf8(data[first..Math.Min(data.Length, first + 3)], one, out _, out _);
        return Copy(one[within..], target);
    }
}

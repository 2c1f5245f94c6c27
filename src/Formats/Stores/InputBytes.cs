namespace Crypt.Formats.Stores;

/// <summary>
/// Reads a whole input file into one array with <see cref="Padding"/> zero bytes after its
/// content. The YAML scanner looks a few bytes past its position and needs zeros at the end
/// (go-yaml readerc.go pads its buffer the same way); given this memory it scans the file's
/// own array instead of copying it, which for a large file is one copy of the file less.
/// </summary>
internal static class InputBytes
{
    /// <summary>Zero bytes kept after the content (what <c>YamlScanner</c> needs).</summary>
    public const int Padding = 16;

    /// <summary>The file's bytes, followed in the array by <see cref="Padding"/> zero bytes.</summary>
    public static ReadOnlyMemory<byte> ReadFile(string path)
    {
        using FileStream file = new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        long length = file.Length;
        if (length > Array.MaxLength - Padding)
        {
            throw new IOException($"the file is larger than {Array.MaxLength - Padding} bytes");
        }

        byte[] bytes = new byte[length + Padding];
        int total = 0;
        int read;
        while (total < length && (read = file.Read(bytes, total, (int)length - total)) > 0)
        {
            total += read;
        }

        // A file that grew while read is read to its old length; one that shrank, to its end.
        return bytes.AsMemory(0, total);
    }

    /// <summary>Whether <paramref name="content"/> is followed in its array by <see cref="Padding"/> zero bytes.</summary>
    public static bool IsPadded(ReadOnlyMemory<byte> content, out byte[] array, out int offset)
    {
        if (System.Runtime.InteropServices.MemoryMarshal.TryGetArray(content, out ArraySegment<byte> segment)
            && segment.Array is { } whole
            && whole.Length - segment.Offset - segment.Count >= Padding
            && !whole.AsSpan(segment.Offset + segment.Count, Padding).ContainsAnyExcept((byte)0))
        {
            array = whole;
            offset = segment.Offset;
            return true;
        }

        array = [];
        offset = 0;
        return false;
    }
}

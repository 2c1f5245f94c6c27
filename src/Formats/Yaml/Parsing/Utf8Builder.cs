using System.Runtime.CompilerServices;
using System.Text;

namespace Crypt.Formats.Yaml.Parsing;

/// <summary>
/// A reusable, growable UTF-8 byte buffer: the scanner's stand-in for go-yaml's <c>[]byte</c>
/// appends, so a scalar's bytes are gathered without allocating and become a string once.
/// </summary>
internal sealed class Utf8Builder
{
    private byte[] _bytes = new byte[64];

    public int Length { get; private set; }

    public byte this[int index] => _bytes[index];

    public ReadOnlySpan<byte> Span => _bytes.AsSpan(0, Length);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(byte b)
    {
        if (Length == _bytes.Length)
        {
            Grow(1);
        }

        _bytes[Length++] = b;
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (Length + bytes.Length > _bytes.Length)
        {
            Grow(bytes.Length);
        }

        bytes.CopyTo(_bytes.AsSpan(Length));
        Length += bytes.Length;
    }

    public void Append(Utf8Builder other) => Append(other.Span);

    public void Clear() => Length = 0;

    public override string ToString() => Length == 0 ? string.Empty : Encoding.UTF8.GetString(_bytes, 0, Length);

    private void Grow(int needed)
    {
        int size = Math.Max(_bytes.Length * 2, Length + needed);
        Array.Resize(ref _bytes, size);
    }
}

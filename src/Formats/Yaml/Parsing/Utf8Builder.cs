using System.Runtime.CompilerServices;
using System.Text;

namespace Crypt.Formats.Yaml.Parsing;

/// <summary>
/// A reusable, growable UTF-8 byte buffer: the scanner's stand-in for go-yaml's <c>[]byte</c>
/// appends, so a scalar's bytes are gathered without allocating and become a string once.
/// </summary>
/// <remarks>
/// Bytes appended with <see cref="AppendFrom"/> that follow each other in the scanner's input
/// (a plain scalar on one line, a quoted one without escapes or line breaks) are not copied:
/// the builder is a view of the input until something else is appended. A 100 MB value then
/// costs no copy in the scanner (bench/README.md session 7).
/// </remarks>
internal sealed class Utf8Builder
{
    private const int Initial = 64;

    private byte[] _bytes = new byte[Initial];
    private byte[]? _source; // the input array while the content is a view of it
    private int _sourceStart;
    private int _sizeHint = int.MaxValue;

    public int Length { get; private set; }

    public byte this[int index] => _source is null ? _bytes[index] : _source[_sourceStart + index];

    public ReadOnlySpan<byte> Span => _source is null ? _bytes.AsSpan(0, Length) : _source.AsSpan(_sourceStart, Length);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(byte b)
    {
        if (Length == _bytes.Length || _source is not null)
        {
            Grow(1);
        }

        _bytes[Length++] = b;
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (Length + bytes.Length > _bytes.Length || _source is not null)
        {
            Grow(bytes.Length);
        }

        bytes.CopyTo(_bytes.AsSpan(Length));
        Length += bytes.Length;
    }

    public void Append(Utf8Builder other) => Append(other.Span);

    /// <summary>Appends <paramref name="length"/> bytes of <paramref name="source"/> (the scanner's input) at <paramref name="start"/>, as a view while they follow the content in it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendFrom(byte[] source, int start, int length)
    {
        if (ReferenceEquals(_source, source) && start == _sourceStart + Length)
        {
            Length += length;
        }
        else if (Length == 0)
        {
            _source = source;
            _sourceStart = start;
            Length = length;
        }
        else
        {
            Append(source.AsSpan(start, length));
        }
    }

    public void Clear()
    {
        Length = 0;
        _source = null;
        _sizeHint = int.MaxValue;
    }

    /// <summary>
    /// As <see cref="Clear()"/>, for content expected to stay under about <paramref name="sizeHint"/>
    /// bytes (the input left to scan): the buffer then grows to that size rather than doubling
    /// past it. Only a hint; more is still appended.
    /// </summary>
    public void Clear(int sizeHint)
    {
        Clear();
        _sizeHint = sizeHint;
    }

    /// <summary>
    /// The content as memory the caller may keep: a view of the input (<paramref name="owned"/>
    /// false: never to be written), or the builder's own array, handed over (true) with the
    /// builder starting a new one. For long scalars only: it saves their copy.
    /// </summary>
    public ReadOnlyMemory<byte> Detach(out bool owned)
    {
        ReadOnlyMemory<byte> content;
        owned = _source is null;
        if (owned)
        {
            content = _bytes.AsMemory(0, Length);
            _bytes = new byte[Initial];
        }
        else
        {
            content = _source.AsMemory(_sourceStart, Length);
        }

        Clear();
        return content;
    }

    public override string ToString() => Length == 0 ? string.Empty : Encoding.UTF8.GetString(Span);

    // Room for `needed` more bytes: the view (if any) becomes the builder's own bytes first.
    private void Grow(int needed)
    {
        int required = Length + needed;
        byte[] bytes = _bytes;
        if (required > bytes.Length)
        {
            long doubled = Math.Max((long)bytes.Length * 2, required);
            int size = (int)Math.Min(Array.MaxLength, Math.Max(required, Math.Min(doubled, (long)_sizeHint + needed)));
            bytes = GC.AllocateUninitializedArray<byte>(size);
            if (_source is null)
            {
                _bytes.AsSpan(0, Length).CopyTo(bytes);
            }
        }

        if (_source is not null)
        {
            _source.AsSpan(_sourceStart, Length).CopyTo(bytes);
            _source = null;
        }

        _bytes = bytes;
    }
}

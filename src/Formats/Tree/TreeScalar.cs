using System.Globalization;

namespace Crypt.Formats.Tree;

/// <summary>
/// A typed leaf value; the typed accessors throw when the kind differs. Time values keep Go's
/// <c>time.MarshalText</c> form in <see cref="Text"/>. Immutable to callers; a tree the library
/// parsed for itself may have its leaves rewritten in place by the library (see
/// <see cref="Rewrite(TreeScalar)"/>), which is why <see cref="Clone"/> copies.
/// </summary>
/// <remarks>
/// String text is held as a .NET string or as a slice of a shared <see cref="TextChunk"/> whose
/// type decides how the slice becomes text (UTF-8, any bytes as a Go string holds them, or a
/// form another layer defines): a large file's values then cost their bytes and no object of
/// their own, and <see cref="Text"/> decodes on each call. A leaf that is not a string may
/// also hold a slice (spare bytes a reader set aside for it); its value is in the scalar.
/// </remarks>
public sealed class TreeScalar : TreeNode
{
    private static readonly TreeScalar s_null = new(ScalarKind.Null, null, 0, ScalarStyle.Any);
    private static readonly TreeScalar s_true = new(ScalarKind.Bool, null, 1, ScalarStyle.Any);
    private static readonly TreeScalar s_false = new(ScalarKind.Bool, null, 0, ScalarStyle.Any);

    // Kind and style as bytes, so the scalar a leaf costs stays at 48 bytes.
    private byte _kind;
    private byte _style;
    private object? _text;  // string, or the TextChunk holding the slice _offset.._offset + _length
    private int _offset;
    private int _length;
    private long _bits;     // the int, the bool (0/1) or the float's bits

    private TreeScalar(ScalarKind kind, object? text, long bits, ScalarStyle style)
    {
        _kind = (byte)kind;
        _text = text;
        _bits = bits;
        _style = (byte)style;
    }

    /// <summary>The value's type.</summary>
    public ScalarKind Kind => (ScalarKind)_kind;

    /// <summary>How the source wrote it (a hint for emitters).</summary>
    public ScalarStyle Style => (ScalarStyle)_style;

    /// <summary>The null scalar.</summary>
    public static TreeScalar Null => s_null;

    /// <summary>The string value (for <see cref="ScalarKind.String"/> and <see cref="ScalarKind.Time"/>).</summary>
    public string Text => Kind is ScalarKind.String or ScalarKind.Time
        ? _text as string ?? ((TextChunk)_text!).GetText(Bytes)
        : throw WrongKind(ScalarKind.String);

    /// <summary>The integer value.</summary>
    public long Int => Kind == ScalarKind.Int ? _bits : throw WrongKind(ScalarKind.Int);

    /// <summary>The float value.</summary>
    public double Float => Kind == ScalarKind.Float ? BitConverter.Int64BitsToDouble(_bits) : throw WrongKind(ScalarKind.Float);

    /// <summary>The boolean value.</summary>
    public bool Bool => Kind == ScalarKind.Bool ? _bits != 0 : throw WrongKind(ScalarKind.Bool);

    /// <summary>True for a string scalar.</summary>
    public bool IsString => Kind == ScalarKind.String;

    // The null/true/false singletons (no field for it: a scalar per leaf is 48 bytes).
    internal bool IsShared => ReferenceEquals(this, s_null) || ReferenceEquals(this, s_true) || ReferenceEquals(this, s_false);

    /// <summary>True for a string or time scalar whose text is empty.</summary>
    internal bool IsEmptyText => _text is string s ? s.Length == 0 : _length == 0;

    private ReadOnlySpan<byte> Bytes => ((TextChunk)_text!).Bytes.AsSpan(_offset, _length);

    /// <summary>A string scalar.</summary>
    public static TreeScalar String(string value, ScalarStyle style = ScalarStyle.Any)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new TreeScalar(ScalarKind.String, value, 0, style);
    }

    /// <summary>
    /// A string scalar whose text is <paramref name="slice"/>, kept without a copy: valid UTF-8
    /// in a <see cref="Utf8Chunk"/>, or whatever its chunk's type says its bytes are.
    /// </summary>
    internal static TreeScalar Utf8String(Utf8Slice slice, ScalarStyle style = ScalarStyle.Any) =>
        new(ScalarKind.String, slice.Chunk, 0, style) { _offset = slice.Offset, _length = slice.Length };

    /// <summary>
    /// A string scalar holding <paramref name="bytes"/> exactly (copied), valid UTF-8 or not, as
    /// a Go string holds a binary file (see <see cref="ByteStringChunk"/>).
    /// </summary>
    internal static TreeScalar ByteString(ReadOnlySpan<byte> bytes)
    {
        byte[] copy = bytes.ToArray();
        TextChunk chunk = System.Text.Unicode.Utf8.IsValid(copy) ? new Utf8Chunk(copy) : new ByteStringChunk(copy);
        return Utf8String(new Utf8Slice(chunk, 0, copy.Length));
    }

    /// <summary>
    /// A scalar of <paramref name="kind"/> and <paramref name="bits"/> (as <see cref="Int"/>,
    /// <see cref="Bool"/> and <see cref="Float"/> hold them) that also holds
    /// <paramref name="slice"/>: its text for a string or time, spare bytes otherwise.
    /// </summary>
    internal static TreeScalar WithSlice(ScalarKind kind, long bits, Utf8Slice slice, ScalarStyle style = ScalarStyle.Any) =>
        new(kind, slice.Chunk, bits, style) { _offset = slice.Offset, _length = slice.Length };

    /// <summary>This value (not a string), also holding <paramref name="spare"/> bytes set aside for it.</summary>
    internal TreeScalar WithSlice(Utf8Slice spare) => WithSlice(Kind, _bits, spare, Style);

    /// <summary>An integer scalar.</summary>
    public static TreeScalar Integer(long value) => new(ScalarKind.Int, null, value, ScalarStyle.Any);

    /// <summary>A float scalar.</summary>
    public static TreeScalar FloatingPoint(double value) => new(ScalarKind.Float, null, BitConverter.DoubleToInt64Bits(value), ScalarStyle.Any);

    /// <summary>A boolean scalar.</summary>
    public static TreeScalar Boolean(bool value) => value ? s_true : s_false;

    /// <summary>A timestamp scalar holding Go's RFC 3339 text (e.g. <c>2024-01-01T00:00:00Z</c>).</summary>
    public static TreeScalar Time(string rfc3339)
    {
        ArgumentNullException.ThrowIfNull(rfc3339);
        return new TreeScalar(ScalarKind.Time, rfc3339, 0, ScalarStyle.Any);
    }

    /// <summary>Same value, another style hint (a new object that shares no bytes with this one).</summary>
    public TreeScalar WithStyle(ScalarStyle style)
    {
        if (_text is TextChunk chunk)
        {
            return Kind is ScalarKind.String or ScalarKind.Time
                ? WithSlice(Kind, _bits, chunk.Copy(Bytes), style)
                : new(Kind, null, _bits, style); // spare bytes are not copied
        }

        return new(Kind, _text, _bits, style);
    }

    /// <summary>A copy (a new object: the copy may be rewritten in place without touching this one).</summary>
    public override TreeNode Clone() => IsShared ? this : WithStyle(Style);

    /// <summary>The slice this scalar holds (its text, or spare bytes for a leaf that is not a string), if any.</summary>
    internal bool TryGetSlice(out Utf8Slice slice)
    {
        if (_text is TextChunk chunk)
        {
            slice = new Utf8Slice(chunk, _offset, _length);
            return true;
        }

        slice = default;
        return false;
    }

    /// <summary>The text as UTF-8 without decoding it, when it is held that way (never for bytes that are not UTF-8).</summary>
    internal bool TryGetUtf8(out ReadOnlySpan<byte> utf8)
    {
        if (_text is TextChunk { HoldsUtf8: true } && Kind is ScalarKind.String or ScalarKind.Time)
        {
            utf8 = Bytes;
            return true;
        }

        utf8 = default;
        return false;
    }

    /// <summary>
    /// A string's bytes as Go holds them (UTF-8, or any bytes for a <see cref="ByteStringChunk"/>)
    /// when they are held as bytes: what SOPS encrypts and hashes for a string.
    /// </summary>
    internal bool TryGetStringBytes(out ReadOnlySpan<byte> bytes)
    {
        if (_text is TextChunk { HoldsStringBytes: true } && Kind is ScalarKind.String or ScalarKind.Time)
        {
            bytes = Bytes;
            return true;
        }

        bytes = default;
        return false;
    }

    /// <summary>Writes the text into <paramref name="destination"/> without a string, when its chunk type can (see <see cref="TextChunk.TryFormat"/>).</summary>
    internal bool TryFormatText(Span<char> destination, out int charsWritten)
    {
        if (_text is TextChunk chunk && Kind is ScalarKind.String or ScalarKind.Time)
        {
            return chunk.TryFormat(Bytes, destination, out charsWritten);
        }

        charsWritten = 0;
        return false;
    }

    /// <summary>
    /// Makes this scalar hold <paramref name="value"/>'s value and style: how the library
    /// rewrites a tree it parsed for itself without a new object per leaf (new objects held by
    /// an old tree are what a large file's garbage collections spend their time on). False for
    /// the shared null/true/false scalars, which the caller must replace instead. Not for
    /// callers outside the library's own walks: a caller's tree is never rewritten.
    /// </summary>
    internal bool Rewrite(TreeScalar value)
    {
        if (IsShared)
        {
            return false;
        }

        _kind = value._kind;
        _style = value._style;
        _text = value._text;
        _offset = value._offset;
        _length = value._length;
        _bits = value._bits;
        return true;
    }

    /// <summary>As <see cref="Rewrite(TreeScalar)"/> with a string held as <paramref name="slice"/> (style hint dropped), without a scalar to copy from.</summary>
    internal bool Rewrite(Utf8Slice slice)
    {
        if (IsShared)
        {
            return false;
        }

        _kind = (byte)ScalarKind.String;
        _style = (byte)ScalarStyle.Any;
        _text = slice.Chunk;
        _offset = slice.Offset;
        _length = slice.Length;
        _bits = 0;
        return true;
    }

    /// <summary>Value equality (style ignored; floats compare bitwise so NaN equals NaN).</summary>
    public bool ValueEquals(TreeScalar other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Kind == other.Kind && Kind switch
        {
            ScalarKind.String or ScalarKind.Time => TextEquals(other),
            ScalarKind.Null => true,
            _ => _bits == other._bits,
        };
    }

    /// <summary>A debugging description that never shows the value (it may be a secret).</summary>
    public override string ToString() => Kind switch
    {
        ScalarKind.Null => "null",
        ScalarKind.String => string.Create(CultureInfo.InvariantCulture, $"string({Text.Length} chars)"),
        _ => Kind.ToString().ToLowerInvariant(),
    };

    private bool TextEquals(TreeScalar other)
    {
        // Equal string bytes are equal strings; two slices of one chunk type mean the same
        // thing byte for byte. Anything else compares as text.
        if (_text is TextChunk mine && other._text is TextChunk theirs
            && ((mine.HoldsStringBytes && theirs.HoldsStringBytes) || mine.GetType() == theirs.GetType()))
        {
            return Bytes.SequenceEqual(other.Bytes);
        }

        return string.Equals(Text, other.Text, StringComparison.Ordinal);
    }

    private InvalidOperationException WrongKind(ScalarKind wanted) =>
        new($"scalar is {Kind}, not {wanted}");
}

using System.Globalization;
using System.Text;

namespace Crypt.Formats.Tree;

/// <summary>
/// A typed leaf value; the typed accessors throw when the kind differs. Time values keep Go's
/// <c>time.MarshalText</c> form in <see cref="Text"/>. Immutable to callers; the encryption
/// walks rewrite the scalars of a tree the library parsed itself in place (see
/// <see cref="OverwriteWith"/>), which is why <see cref="Clone"/> copies.
/// </summary>
/// <remarks>
/// String text is held as a .NET string, as UTF-8 bytes in a shared <see cref="Utf8Arena"/>
/// chunk, or (a canonical <c>ENC[...]</c> value) as its decoded parts in such a chunk
/// (<see cref="SealedText"/>): a large file's values then cost their bytes and no object of
/// their own, and <see cref="Text"/> decodes or formats on each call. A string may also hold
/// bytes that are not UTF-8, as a Go string does (SOPS's binary store keeps a whole file in one,
/// <c>stores/json/store.go</c> BinaryStore): see <see cref="RawString"/>.
/// </remarks>
public sealed class TreeScalar : TreeNode
{
    private static readonly TreeScalar s_null = new(ScalarKind.Null, null, 0, ScalarStyle.Any);
    private static readonly TreeScalar s_true = new(ScalarKind.Bool, null, 1, ScalarStyle.Any);
    private static readonly TreeScalar s_false = new(ScalarKind.Bool, null, 0, ScalarStyle.Any);

    // Kind and style as bytes, so the scalar a leaf costs stays at 48 bytes.
    private byte _kind;
    private byte _style;
    private bool _sealed;   // _text holds SealedText parts, not UTF-8
    private bool _raw;      // _text holds bytes that are not valid UTF-8 (a Go string from a binary file)
    private ushort _room;   // spare bytes after _length, reserved by a plaintext reader for the parts
    private object? _text;  // string, or byte[] holding UTF-8 (or sealed parts) at _offset.._offset + _length
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
        ? _text as string ?? (_sealed ? SealedText.Text(Bytes) : Encoding.UTF8.GetString(Bytes))
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
    private bool IsShared => ReferenceEquals(this, s_null) || ReferenceEquals(this, s_true) || ReferenceEquals(this, s_false);

    /// <summary>True for a string or time scalar whose text is empty.</summary>
    internal bool IsEmptyText => _text is string s ? s.Length == 0 : _length == 0;

    private ReadOnlySpan<byte> Bytes => ((byte[])_text!).AsSpan(_offset, _length);

    /// <summary>A string scalar.</summary>
    public static TreeScalar String(string value, ScalarStyle style = ScalarStyle.Any)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new TreeScalar(ScalarKind.String, value, 0, style);
    }

    /// <summary>
    /// A string scalar whose text is the (valid) UTF-8 at <paramref name="slice"/>, kept without a
    /// copy and followed by <paramref name="room"/> spare bytes (see <see cref="OwnRoom"/>).
    /// </summary>
    internal static TreeScalar Utf8String(Utf8Slice slice, ScalarStyle style = ScalarStyle.Any, int room = 0) =>
        new(ScalarKind.String, slice.Buffer, 0, style) { _offset = slice.Offset, _length = slice.Length, _room = checked((ushort)room) };

    /// <summary>
    /// This leaf, or a fresh copy of a shared one, with <paramref name="room"/> spare bytes in
    /// <paramref name="arena"/> for its encrypted parts. How plaintext readers prepare a tree for
    /// the encryptor, which then writes the parts into the leaf's own bytes instead of storing a
    /// new reference into an old object (such stores make the garbage collector scan and
    /// promote far more when operations run back to back). Null is never encrypted.
    /// </summary>
    internal TreeScalar WithOwnRoom(Utf8Arena arena, int room)
    {
        if (ReferenceEquals(this, s_null) || _text is not null)
        {
            return this;
        }

        TreeScalar leaf = IsShared ? new(Kind, null, _bits, Style) : this;
        Span<byte> reserved = arena.Reserve(room, out Utf8Slice slice);
        reserved.Clear();
        arena.Commit(slice, room);
        leaf._text = slice.Buffer;
        leaf._offset = slice.Offset;
        leaf._length = 0;
        leaf._room = checked((ushort)room);
        return leaf;
    }

    /// <summary>
    /// A string scalar holding <paramref name="bytes"/> exactly, valid UTF-8 or not, as a Go
    /// string holds a binary file. <see cref="Text"/> of invalid bytes has U+FFFD in their
    /// place (what Go's <c>encoding/json</c> writes); encryption, the MAC and the binary store
    /// use the bytes themselves.
    /// </summary>
    internal static TreeScalar RawString(Utf8Slice bytes, int room = 0) =>
        new(ScalarKind.String, bytes.Buffer, 0, ScalarStyle.Any)
        {
            _offset = bytes.Offset,
            _length = bytes.Length,
            _room = checked((ushort)room),
            _raw = !System.Text.Unicode.Utf8.IsValid(bytes.Buffer.AsSpan(bytes.Offset, bytes.Length)),
        };

    /// <summary>A string scalar for the ENC[...] value stored as <see cref="SealedText"/> parts at <paramref name="stored"/>.</summary>
    internal static TreeScalar Sealed(Utf8Slice stored, ScalarStyle style = ScalarStyle.Any) =>
        new(ScalarKind.String, stored.Buffer, 0, style) { _offset = stored.Offset, _length = stored.Length, _sealed = true };

    /// <summary>A string scalar for the UTF-8 <paramref name="text"/>, copied into <paramref name="arena"/> (as parts when it is a canonical ENC value).</summary>
    internal static TreeScalar Utf8String(Utf8Arena arena, ReadOnlySpan<byte> text, ScalarStyle style = ScalarStyle.Any) =>
        SealedText.TryStore(arena, text, out Utf8Slice stored)
            ? Sealed(stored, style)
            : Utf8String(arena.Add(text), style);

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

    /// <summary>Same value, another style hint.</summary>
    public TreeScalar WithStyle(ScalarStyle style)
    {
        if (_text is byte[])
        {
            return new(Kind, Bytes.ToArray(), _bits, style) { _length = _length, _sealed = _sealed, _raw = _raw };
        }

        return new(Kind, _text, _bits, style);
    }

    /// <summary>A copy (a new object: the copy may be rewritten in place without touching this one).</summary>
    public override TreeNode Clone() => IsShared ? this : WithStyle(Style);

    /// <summary>The text as UTF-8 without decoding it, when it is held that way (never for bytes that are not UTF-8).</summary>
    internal bool TryGetUtf8(out ReadOnlySpan<byte> utf8)
    {
        if (_text is byte[] && !_sealed && !_raw && Kind is ScalarKind.String or ScalarKind.Time)
        {
            utf8 = Bytes;
            return true;
        }

        utf8 = default;
        return false;
    }

    /// <summary>
    /// A string's bytes as Go holds them (UTF-8, or any bytes for a <see cref="RawString"/>) when
    /// they are held as bytes: what SOPS encrypts and hashes for a string.
    /// </summary>
    internal bool TryGetStringBytes(out ReadOnlySpan<byte> bytes)
    {
        if (_text is byte[] && !_sealed && Kind is ScalarKind.String or ScalarKind.Time)
        {
            bytes = Bytes;
            return true;
        }

        bytes = default;
        return false;
    }

    /// <summary>The parts of an <c>ENC[...]</c> value kept as parts (see <see cref="SealedText"/>).</summary>
    internal bool TryGetSealed(out Crypto.Values.EncryptedValueLayout layout, out ReadOnlySpan<byte> parts)
    {
        if (_sealed)
        {
            layout = SealedText.Layout(Bytes, out parts);
            return true;
        }

        layout = default;
        parts = default;
        return false;
    }

    /// <summary>
    /// Makes this scalar hold <paramref name="value"/>'s value and style: how the encryption walks
    /// rewrite a tree they own without a new object per leaf (new objects held by an old tree are
    /// what a large file's garbage collections spend their time on). False for the shared
    /// singletons, which the caller must replace instead.
    /// </summary>
    internal bool OverwriteWith(TreeScalar value)
    {
        if (IsShared)
        {
            return false;
        }

        _kind = value._kind;
        _style = value._style;
        _sealed = value._sealed;
        _raw = value._raw;
        _room = value._room;
        _text = value._text;
        _offset = value._offset;
        _length = value._length;
        _bits = value._bits;
        return true;
    }

    /// <summary>As <see cref="OverwriteWith"/> with a UTF-8 string (style hint dropped), without a scalar to copy from.</summary>
    internal bool OverwriteWithUtf8(Utf8Slice text) => Overwrite(text, sealedText: false);

    /// <summary>As <see cref="OverwriteWithUtf8"/> with <see cref="SealedText"/> parts.</summary>
    internal bool OverwriteWithSealed(Utf8Slice parts) => Overwrite(parts, sealedText: true);

    private bool Overwrite(Utf8Slice text, bool sealedText)
    {
        if (IsShared)
        {
            return false;
        }

        _kind = (byte)ScalarKind.String;
        _style = (byte)ScalarStyle.Any;
        _sealed = sealedText;
        _raw = false;
        _room = 0;
        _text = text.Buffer;
        _offset = text.Offset;
        _length = text.Length;
        _bits = 0;
        return true;
    }

    /// <summary>
    /// Makes this UTF-8 string hold <paramref name="text"/>, written over its own bytes when it
    /// fits (a decrypted value is always shorter than its ENC[...] text): no new storage and no
    /// new reference in an old object for the garbage collector to track. The bytes are this
    /// scalar's alone: <see cref="Clone"/> and <see cref="WithStyle"/> copy them. Without
    /// <paramref name="validUtf8"/> the bytes are kept as a <see cref="RawString"/>'s.
    /// </summary>
    internal bool OverwriteOwnUtf8(ReadOnlySpan<byte> text, bool validUtf8 = true)
    {
        if (_text is not byte[] buffer || text.Length > _length)
        {
            return false;
        }

        text.CopyTo(buffer.AsSpan(_offset));
        _length = text.Length;
        _style = (byte)ScalarStyle.Any;
        _sealed = false;
        _raw = !validUtf8;
        return true;
    }

    /// <summary>
    /// The first <paramref name="size"/> of this leaf's own bytes (its text and the room after
    /// it), or an empty span when it has not that many.
    /// </summary>
    internal Span<byte> OwnRoom(int size) =>
        !IsShared && !_sealed && _text is byte[] buffer && _length + _room >= size
            ? buffer.AsSpan(_offset, size)
            : default;

    /// <summary>Makes this leaf the string whose <see cref="SealedText"/> parts were written into <see cref="OwnRoom"/>.</summary>
    internal void MarkOwnSealed(int size)
    {
        _room = (ushort)(_length + _room - size);
        _length = size;
        _sealed = true;
        _raw = false;
        _kind = (byte)ScalarKind.String;
        _style = (byte)ScalarStyle.Any;
        _bits = 0;
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
        if (_text is byte[] && other._text is byte[] && _sealed == other._sealed && _raw == other._raw)
        {
            return Bytes.SequenceEqual(other.Bytes);
        }

        return string.Equals(Text, other.Text, StringComparison.Ordinal);
    }

    private InvalidOperationException WrongKind(ScalarKind wanted) =>
        new($"scalar is {Kind}, not {wanted}");
}

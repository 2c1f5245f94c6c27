using System.Globalization;

namespace Crypt.Formats.Tree;

/// <summary>
/// A typed leaf value. Immutable; the typed accessors throw when the kind differs. Time values
/// keep Go's <c>time.MarshalText</c> form in <see cref="Text"/>.
/// </summary>
public sealed class TreeScalar : TreeNode
{
    private static readonly TreeScalar s_null = new(ScalarKind.Null, null, 0, 0, ScalarStyle.Any);
    private static readonly TreeScalar s_true = new(ScalarKind.Bool, null, 1, 0, ScalarStyle.Any);
    private static readonly TreeScalar s_false = new(ScalarKind.Bool, null, 0, 0, ScalarStyle.Any);

    private readonly string? _text;
    private readonly long _int;
    private readonly double _float;

    private TreeScalar(ScalarKind kind, string? text, long integer, double floating, ScalarStyle style)
    {
        Kind = kind;
        _text = text;
        _int = integer;
        _float = floating;
        Style = style;
    }

    /// <summary>The value's type.</summary>
    public ScalarKind Kind { get; }

    /// <summary>How the source wrote it (a hint for emitters).</summary>
    public ScalarStyle Style { get; }

    /// <summary>The null scalar.</summary>
    public static TreeScalar Null => s_null;

    /// <summary>The string value (for <see cref="ScalarKind.String"/> and <see cref="ScalarKind.Time"/>).</summary>
    public string Text => Kind is ScalarKind.String or ScalarKind.Time ? _text! : throw WrongKind(ScalarKind.String);

    /// <summary>The integer value.</summary>
    public long Int => Kind == ScalarKind.Int ? _int : throw WrongKind(ScalarKind.Int);

    /// <summary>The float value.</summary>
    public double Float => Kind == ScalarKind.Float ? _float : throw WrongKind(ScalarKind.Float);

    /// <summary>The boolean value.</summary>
    public bool Bool => Kind == ScalarKind.Bool ? _int != 0 : throw WrongKind(ScalarKind.Bool);

    /// <summary>True for a string scalar.</summary>
    public bool IsString => Kind == ScalarKind.String;

    /// <summary>A string scalar.</summary>
    public static TreeScalar String(string value, ScalarStyle style = ScalarStyle.Any)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new TreeScalar(ScalarKind.String, value, 0, 0, style);
    }

    /// <summary>An integer scalar.</summary>
    public static TreeScalar Integer(long value) => new(ScalarKind.Int, null, value, 0, ScalarStyle.Any);

    /// <summary>A float scalar.</summary>
    public static TreeScalar FloatingPoint(double value) => new(ScalarKind.Float, null, 0, value, ScalarStyle.Any);

    /// <summary>A boolean scalar.</summary>
    public static TreeScalar Boolean(bool value) => value ? s_true : s_false;

    /// <summary>A timestamp scalar holding Go's RFC 3339 text (e.g. <c>2024-01-01T00:00:00Z</c>).</summary>
    public static TreeScalar Time(string rfc3339)
    {
        ArgumentNullException.ThrowIfNull(rfc3339);
        return new TreeScalar(ScalarKind.Time, rfc3339, 0, 0, ScalarStyle.Any);
    }

    /// <summary>Same value, another style hint.</summary>
    public TreeScalar WithStyle(ScalarStyle style) => new(Kind, _text, _int, _float, style);

    /// <inheritdoc />
    public override TreeNode Clone() => this;

    /// <summary>Value equality (style ignored; floats compare bitwise so NaN equals NaN).</summary>
    public bool ValueEquals(TreeScalar other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Kind == other.Kind && Kind switch
        {
            ScalarKind.String or ScalarKind.Time => string.Equals(_text, other._text, StringComparison.Ordinal),
            ScalarKind.Float => BitConverter.DoubleToInt64Bits(_float) == BitConverter.DoubleToInt64Bits(other._float),
            ScalarKind.Null => true,
            _ => _int == other._int,
        };
    }

    /// <summary>A debugging description that never shows the value (it may be a secret).</summary>
    public override string ToString() => Kind switch
    {
        ScalarKind.Null => "null",
        ScalarKind.String => string.Create(CultureInfo.InvariantCulture, $"string({_text!.Length} chars)"),
        _ => Kind.ToString().ToLowerInvariant(),
    };

    private InvalidOperationException WrongKind(ScalarKind wanted) =>
        new($"scalar is {Kind}, not {wanted}");
}

namespace Crypt.Crypto.Values;

/// <summary>The <c>type:</c> field of an <c>ENC[...]</c> value (SOPS §2.3).</summary>
public enum SopsValueType
{
    /// <summary><c>str</c>: UTF-8 text as-is.</summary>
    Str,

    /// <summary><c>int</c>: decimal 64-bit integer.</summary>
    Int,

    /// <summary><c>float</c>: Go <c>FormatFloat(v, 'f', -1, 64)</c>.</summary>
    Float,

    /// <summary><c>bool</c>: <c>True</c>/<c>False</c>.</summary>
    Bool,

    /// <summary><c>time</c>: RFC 3339 with trimmed nanoseconds.</summary>
    Time,

    /// <summary><c>comment</c>: a YAML/dotenv comment's text.</summary>
    Comment,

    /// <summary><c>bytes</c>: raw bytes (no encoder produces it; decrypt only).</summary>
    Bytes,
}

/// <summary>The wire names of <see cref="SopsValueType"/>.</summary>
internal static class SopsValueTypes
{
    /// <summary>The name written after <c>type:</c>.</summary>
    public static string ToWireName(this SopsValueType type) => type switch
    {
        SopsValueType.Str => "str",
        SopsValueType.Int => "int",
        SopsValueType.Float => "float",
        SopsValueType.Bool => "bool",
        SopsValueType.Time => "time",
        SopsValueType.Comment => "comment",
        SopsValueType.Bytes => "bytes",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Parses a wire name; false for an unknown one.</summary>
    public static bool TryParse(ReadOnlySpan<char> name, out SopsValueType type)
    {
        switch (name)
        {
            case "str": type = SopsValueType.Str; return true;
            case "int": type = SopsValueType.Int; return true;
            case "float": type = SopsValueType.Float; return true;
            case "bool": type = SopsValueType.Bool; return true;
            case "time": type = SopsValueType.Time; return true;
            case "comment": type = SopsValueType.Comment; return true;
            case "bytes": type = SopsValueType.Bytes; return true;
            default: type = default; return false;
        }
    }
}

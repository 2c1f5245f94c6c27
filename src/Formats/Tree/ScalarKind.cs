namespace Crypt.Formats.Tree;

/// <summary>The type of a scalar, as SOPS's Go tree types it (§1, §2.3).</summary>
public enum ScalarKind
{
    /// <summary>A string (UTF-8 text).</summary>
    String,

    /// <summary>A 64-bit signed integer.</summary>
    Int,

    /// <summary>A 64-bit float.</summary>
    Float,

    /// <summary>A boolean.</summary>
    Bool,

    /// <summary>A timestamp (YAML only), kept as Go's RFC 3339 text.</summary>
    Time,

    /// <summary>Null: never encrypted, never hashed.</summary>
    Null,
}

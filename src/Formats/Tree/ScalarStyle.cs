namespace Crypt.Formats.Tree;

/// <summary>
/// How a scalar was written in its source, so a store can write it back the same way where
/// SOPS would change nothing. Stores that do not care ignore it.
/// </summary>
public enum ScalarStyle
{
    /// <summary>No preference: the emitter chooses as SOPS would.</summary>
    Any,

    /// <summary>Unquoted.</summary>
    Plain,

    /// <summary>Single-quoted.</summary>
    SingleQuoted,

    /// <summary>Double-quoted.</summary>
    DoubleQuoted,

    /// <summary>YAML literal block (<c>|</c>).</summary>
    Literal,

    /// <summary>YAML folded block (<c>&gt;</c>).</summary>
    Folded,
}

using Crypt.Formats.Tree;

namespace Crypt.Formats.Yaml;

/// <summary>The event kinds go-yaml's encoder feeds its emitter (subset SOPS produces).</summary>
internal enum YamlEmitEventType
{
    StreamStart,
    StreamEnd,
    DocumentStart,
    DocumentEnd,
    MappingStart,
    MappingEnd,
    SequenceStart,
    SequenceEnd,
    Scalar,
}

/// <summary>go-yaml scalar styles as the emitter sees them.</summary>
internal enum YamlEmitStyle
{
    Any,
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

/// <summary>
/// One emitter event with go-yaml's comment slots (head, line, foot, tail). Comments are
/// stored as go-yaml keeps them: <c>#</c>-prefixed lines joined with <c>\n</c>.
/// </summary>
internal sealed class YamlEmitEvent
{
    public YamlEmitEvent(YamlEmitEventType type, string? value = null, YamlEmitStyle style = YamlEmitStyle.Any, bool flow = false)
    {
        Type = type;
        Value = value;
        Style = style;
        Flow = flow;
    }

    public YamlEmitEventType Type { get; }

    public string? Value { get; }

    /// <summary>A long scalar's value as UTF-8, used instead of <see cref="Value"/> when set.</summary>
    public ReadOnlyMemory<byte>? Utf8 { get; init; }

    /// <summary>
    /// A long ENC[...] value written from its parts a piece at a time
    /// (<see cref="TextChunk.FormatUtf8"/>), not made whole (133 MB for a 100 MB value).
    /// <see cref="Utf8"/> then holds the text of the same value with at most 3 bytes of data:
    /// the emitter picks the style from it, which is the full text's (YAML's scalar analysis
    /// sees which characters occur where, and every ENC text has the same: the flow indicators
    /// <c>,[]</c> and <c>:</c> never before a space).
    /// </summary>
    public Utf8Slice? Pieces { get; init; }

    public YamlEmitStyle Style { get; }

    /// <summary>Flow style requested for a collection (go-yaml FlowStyle).</summary>
    public bool Flow { get; }

    /// <summary>A scalar's tag in its written form (<c>!!merge</c>), or null for none.</summary>
    public string? Tag { get; init; }

    /// <summary>For document start: implicit (no <c>---</c>).</summary>
    public bool Implicit { get; init; } = true;

    public string? Head { get; set; }

    public string? Line { get; set; }

    public string? Foot { get; set; }

    public string? Tail { get; set; }
}

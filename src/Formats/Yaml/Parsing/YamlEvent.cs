namespace Crypt.Formats.Yaml.Parsing;

/// <summary>go-yaml v3's <c>yaml_event_type_t</c> (yamlh.go).</summary>
internal enum YamlEventKind : byte
{
    StreamStart,
    StreamEnd,
    DocumentStart,
    DocumentEnd,
    Alias,
    Scalar,
    SequenceStart,
    SequenceEnd,
    MappingStart,
    MappingEnd,

    /// <summary>go-yaml's <c>yaml_TAIL_COMMENT_EVENT</c>: a foot comment left at the end of a block collection.</summary>
    TailComment,
}

/// <summary>go-yaml v3's <c>yaml_style_t</c> values for scalars and collections (yamlh.go).</summary>
internal enum YamlEventStyle : byte
{
    Any,
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
    Block,
    Flow,
}

/// <summary>
/// go-yaml v3's <c>yaml_mark_t</c>: <see cref="Index"/> is the byte offset in the UTF-8 input,
/// <see cref="Line"/> and <see cref="Column"/> are 0-based as in go-yaml (add 1 for messages).
/// </summary>
internal readonly record struct YamlMark(long Index, long Line, long Column);

/// <summary>
/// One parse event with the comments go-yaml v3's parser attaches to it (yamlh.go
/// <c>yaml_event_t</c>). Comment texts are exactly go-yaml's: each line keeps its <c>#</c>,
/// lines are joined with <c>\n</c>, and a blank line inside a head comment is kept as an
/// empty line, as go-yaml produces them; null when go-yaml's field is empty.
/// </summary>
internal sealed class YamlEvent
{
    public required YamlEventKind Kind { get; init; }

    public YamlMark Start { get; init; }

    public YamlMark End { get; init; }

    /// <summary>The anchor on a node event, or the alias name on an <see cref="YamlEventKind.Alias"/> event.</summary>
    public string? Anchor { get; init; }

    /// <summary>The tag with its handle resolved (<c>tag:yaml.org,2002:str</c>, <c>!custom</c>), or null.</summary>
    public string? Tag { get; init; }

    private readonly string? _value;

    /// <summary>The scalar's value after YAML's folding and escapes (made from <see cref="Utf8"/> when asked, for a long one).</summary>
    public string? Value
    {
        get => _value ?? (Utf8 is { } utf8 ? System.Text.Encoding.UTF8.GetString(utf8.Span) : null);
        init => _value = value;
    }

    /// <summary>
    /// A long scalar's value as the scanner's UTF-8 bytes, with no string made (the tree keeps
    /// values as UTF-8: a 100 MB value would otherwise also cost a 200 MB string); null for a short one.
    /// </summary>
    public ReadOnlyMemory<byte>? Utf8 { get; init; }

    /// <summary>
    /// Whether the array behind <see cref="Utf8"/> belongs to this event alone (the scanner
    /// handed its buffer over), so a reader may keep it as storage; otherwise it is a view of
    /// the input, never to be written.
    /// </summary>
    public bool Utf8Owned { get; init; }

    /// <summary>Plain scalar with no tag, or a document start/end without its marker.</summary>
    public bool Implicit { get; init; }

    /// <summary>Quoted scalar with no tag.</summary>
    public bool QuotedImplicit { get; init; }

    public YamlEventStyle Style { get; init; }

    public string? HeadComment { get; init; }

    public string? LineComment { get; init; }

    public string? FootComment { get; init; }

    public string? TailComment { get; init; }
}

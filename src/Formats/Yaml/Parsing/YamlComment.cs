namespace Crypt.Formats.Yaml.Parsing;

/// <summary>
/// go-yaml v3's <c>yaml_comment_t</c> (yamlh.go): a comment the scanner found, with the marks the
/// parser uses to decide which token (and so which event) it belongs to.
/// </summary>
internal struct YamlComment
{
    /// <summary>Where scanning for this comment started.</summary>
    public YamlMark ScanMark;

    /// <summary>Tokens starting at or after this mark take the comment.</summary>
    public YamlMark TokenMark;

    /// <summary>The comment's <c>#</c>.</summary>
    public YamlMark StartMark;

    /// <summary>Where the comment ended.</summary>
    public YamlMark EndMark;

    public string? Head;
    public string? Line;
    public string? Foot;
}

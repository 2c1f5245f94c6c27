namespace Crypt.Formats.Yaml.Parsing;

/// <summary>
/// go-yaml v3's <c>yaml_token_t</c> (yamlh.go). <see cref="Value"/> holds the scalar value, the
/// anchor or alias name, the tag handle or the %TAG handle; <see cref="Suffix"/> a tag's suffix and
/// <see cref="Prefix"/> a %TAG prefix.
/// </summary>
internal struct YamlToken
{
    public YamlTokenKind Kind;
    public YamlMark Start;
    public YamlMark End;
    public string? Value;

    /// <summary>A long scalar's value as UTF-8 instead of <see cref="Value"/> (see <see cref="YamlEvent.Utf8"/>).</summary>
    public ReadOnlyMemory<byte>? Utf8;

    /// <summary>Whether the array behind <see cref="Utf8"/> is the token's own (else a view of the input, read-only).</summary>
    public bool Utf8Owned;
    public string? Suffix;
    public string? Prefix;
    public YamlEventStyle Style;
    public int Major;
    public int Minor;
}

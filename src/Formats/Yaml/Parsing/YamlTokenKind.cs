namespace Crypt.Formats.Yaml.Parsing;

/// <summary>go-yaml v3's <c>yaml_token_type_t</c> (yamlh.go).</summary>
internal enum YamlTokenKind : byte
{
    None,
    StreamStart,
    StreamEnd,
    VersionDirective,
    TagDirective,
    DocumentStart,
    DocumentEnd,
    BlockSequenceStart,
    BlockMappingStart,
    BlockEnd,
    FlowSequenceStart,
    FlowSequenceEnd,
    FlowMappingStart,
    FlowMappingEnd,
    BlockEntry,
    FlowEntry,
    Key,
    Value,
    Alias,
    Anchor,
    Tag,
    Scalar,
}

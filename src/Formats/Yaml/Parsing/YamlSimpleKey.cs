namespace Crypt.Formats.Yaml.Parsing;

/// <summary>go-yaml v3's <c>yaml_simple_key_t</c> (yamlh.go): a place where an implicit key may start.</summary>
internal struct YamlSimpleKey
{
    public bool Possible;
    public bool Required;
    public int TokenNumber;
    public YamlMark Mark;
}

using Crypt.Formats.Tree;

namespace Crypt.Formats.Tests.Yaml;

/// <summary>
/// What go-yaml v3's encoder (as sops drives it) writes for each value: quoting decisions
/// (encode.go stringv + emitterc.go analyze/select style), block scalars, numbers, layout.
/// </summary>
public sealed class YamlEmitterTests
{
    public static TheoryData<string, string> Strings => new()
    {
        { "plain", "v: plain\n" },
        { "yes", "v: \"yes\"\n" },
        { "y", "v: \"y\"\n" },
        { "off", "v: \"off\"\n" },
        { "123", "v: \"123\"\n" },
        { "1.5", "v: \"1.5\"\n" },
        { "0x1F", "v: \"0x1F\"\n" },
        { ".inf", "v: \".inf\"\n" },
        { "true", "v: \"true\"\n" },
        { "null", "v: \"null\"\n" },
        { "~", "v: \"~\"\n" },
        { "", "v: \"\"\n" },
        { "1:20", "v: \"1:20\"\n" },
        { "<<", "v: !!merge <<\n" },
        { "2024-01-01", "v: \"2024-01-01\"\n" },
        { "2026-07-30T18:26:29Z", "v: \"2026-07-30T18:26:29Z\"\n" },
        { "a: b", "v: 'a: b'\n" },
        { "a:b", "v: a:b\n" },
        { "key:", "v: 'key:'\n" },
        { "- x", "v: '- x'\n" },
        { "-x", "v: -x\n" },
        { "#x", "v: '#x'\n" },
        { "a#b", "v: a#b\n" },
        { "a #b", "v: 'a #b'\n" },
        { " lead", "v: ' lead'\n" },
        { "trail ", "v: 'trail '\n" },
        { "it's", "v: it's\n" },
        { "'quoted'", "v: '''quoted'''\n" },
        { "\"dq\"", "v: '\"dq\"'\n" },
        { "*star", "v: '*star'\n" },
        { "&amp", "v: '&amp'\n" },
        { "!bang", "v: '!bang'\n" },
        { "%pct", "v: '%pct'\n" },
        { "@at", "v: '@at'\n" },
        { "[x]", "v: '[x]'\n" },
        { "{x}", "v: '{x}'\n" },
        { "---", "v: '---'\n" },
        { "? q", "v: '? q'\n" },
        { "tab\there", "v: \"tab\\there\"\n" },
        { "a\u0001b", "v: \"a\\x01b\"\n" },
        { "ünïcödé", "v: ünïcödé\n" },
        { "emoji 😀", "v: \"emoji \\U0001F600\"\n" },
        { "back\\slash", "v: back\\slash\n" },
        { "ENC[AES256_GCM,data:abc=,iv:def=,tag:ghi==,type:str]", "v: ENC[AES256_GCM,data:abc=,iv:def=,tag:ghi==,type:str]\n" },
        { "line1\nline2\n", "v: |\n    line1\n    line2\n" },
        { "line1\nline2", "v: |-\n    line1\n    line2\n" },
        { "line1\n\n", "v: |+\n    line1\n\n" },
        { " lead\nx", "v: |4-\n     lead\n    x\n" },
        { "trail \nx", "v: \"trail \\nx\"\n" },
        { "a\n b", "v: |-\n    a\n     b\n" },
        { "a \nb", "v: \"a \\nb\"\n" },
    };

    [Theory]
    [MemberData(nameof(Strings))]
    public void A_string_is_written_as_go_yaml_writes_it(string value, string expected)
    {
        var doc = new TreeDocument(new TreeMap().Add("v", TreeScalar.String(value)));

        Assert.Equal(expected, YamlTestTrees.Emit(doc));
    }

    [Theory]
    [MemberData(nameof(Strings))]
    public void A_written_string_reads_back_as_the_same_string(string value, string expected)
    {
        TreeDocument doc = YamlTestTrees.Parse(expected);

        Assert.Equal(value, ((TreeScalar)doc.Branches[0].Get("v")!).Text);
    }

    public static TheoryData<TreeNode, string> Values => new()
    {
        { TreeScalar.Integer(7), "7" },
        { TreeScalar.Integer(-42), "-42" },
        { TreeScalar.FloatingPoint(7.0), "7" },
        { TreeScalar.FloatingPoint(3.14), "3.14" },
        { TreeScalar.FloatingPoint(1234567.0), "1.234567e+06" },
        { TreeScalar.FloatingPoint(123456.0), "123456" },
        { TreeScalar.FloatingPoint(1e21), "1e+21" },
        { TreeScalar.FloatingPoint(0.0001), "0.0001" },
        { TreeScalar.FloatingPoint(0.00001), "1e-05" },
        { TreeScalar.FloatingPoint(1234.56789), "1234.56789" },
        { TreeScalar.FloatingPoint(-0.5), "-0.5" },
        { TreeScalar.FloatingPoint(double.NaN), ".nan" },
        { TreeScalar.FloatingPoint(double.PositiveInfinity), ".inf" },
        { TreeScalar.FloatingPoint(double.NegativeInfinity), "-.inf" },
        { TreeScalar.Boolean(true), "true" },
        { TreeScalar.Boolean(false), "false" },
        { TreeScalar.Null, "null" },
        { TreeScalar.Time("2024-01-01T00:00:00Z"), "2024-01-01T00:00:00Z" },
        { new TreeMap(), "{}" },
        { new TreeList(), "[]" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void A_non_string_value_is_written_as_go_yaml_writes_it(TreeNode value, string expected)
    {
        var doc = new TreeDocument(new TreeMap().Add("v", value));

        Assert.Equal("v: " + expected + "\n", YamlTestTrees.Emit(doc));
    }

    [Theory]
    [InlineData("a\nb", "? |-\n    a\n    b\n: 1\n")]
    [InlineData("", "\"\": 1\n")]
    [InlineData("yes", "\"yes\": 1\n")]
    [InlineData("SOME SECRET", "SOME SECRET: 1\n")]
    [InlineData(".dockerconfigjson", ".dockerconfigjson: 1\n")]
    public void A_key_is_quoted_as_go_yaml_quotes_keys(string key, string expected)
    {
        var doc = new TreeDocument(new TreeMap().Add(key, TreeScalar.Integer(1)));

        Assert.Equal(expected, YamlTestTrees.Emit(doc));
    }

    [Fact]
    public void Nested_maps_and_lists_use_sops_layout_with_indent_4()
    {
        var doc = new TreeDocument(new TreeMap()
            .Add("a", new TreeMap().Add("b", new TreeList([TreeScalar.String("x"), new TreeMap().Add("c", TreeScalar.Integer(1)).Add("d", TreeScalar.String("l1\nl2\n"))])))
            .Add("e", new TreeList([new TreeList([TreeScalar.Integer(1)])])));

        string expected = "a:\n    b:\n        - x\n        - c: 1\n          d: |\n            l1\n            l2\ne:\n    - - 1\n";
        Assert.Equal(expected, YamlTestTrees.Emit(doc));
    }

    [Theory]
    [InlineData(2, "a:\n  b:\n    - c: |\n        x\n")]
    [InlineData(3, "a:\n   b:\n      - c: |\n         x\n")]
    [InlineData(9, "a:\n         b:\n                  - c: |\n                           x\n")]
    public void The_indent_option_sets_go_yaml_best_indent(int indent, string expected)
    {
        var doc = new TreeDocument(new TreeMap().Add("a", new TreeMap().Add("b", new TreeList([new TreeMap().Add("c", TreeScalar.String("x\n"))]))));

        Assert.Equal(expected, YamlTestTrees.Emit(doc, indent));
    }

    [Fact]
    public void Documents_are_separated_by_dashes_only_between_them()
    {
        var doc = new TreeDocument([new TreeMap().Add("a", TreeScalar.Integer(1)), new TreeMap().Add("b", TreeScalar.Integer(2))]);

        Assert.Equal("a: 1\n---\nb: 2\n", YamlTestTrees.Emit(doc));
    }

    [Fact]
    public void No_documents_write_nothing_and_an_empty_map_writes_braces()
    {
        Assert.Equal(string.Empty, YamlTestTrees.Emit(new TreeDocument([])));
        Assert.Equal("{}\n", YamlTestTrees.Emit(new TreeDocument(new TreeMap())));
    }

    [Fact]
    public void EmitValue_writes_a_single_node_as_sops_EmitValue_does()
    {
        var store = new Formats.Yaml.YamlStore();
        TreeMap map = YamlTestTrees.Parse("# comment 0\nkey1: value\nkey1_a: value\n# ^ comment 1\n").Branches[0];

        Assert.Equal("# comment 0\nkey1: value\nkey1_a: value\n# ^ comment 1\n", System.Text.Encoding.UTF8.GetString(store.EmitValue(map, Stores.EmitOptions.Default)));
        Assert.Equal("- a\n- 1\n", System.Text.Encoding.UTF8.GetString(store.EmitValue(new TreeList([TreeScalar.String("a"), TreeScalar.Integer(1)]), Stores.EmitOptions.Default)));
        Assert.Equal("7\n", System.Text.Encoding.UTF8.GetString(store.EmitValue(TreeScalar.Integer(7), Stores.EmitOptions.Default)));
    }
}

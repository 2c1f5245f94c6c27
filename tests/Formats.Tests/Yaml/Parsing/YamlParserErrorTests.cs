using System.Text;
using Crypt.Crypto.Errors;
using Crypt.Formats.Yaml.Parsing;

namespace Crypt.Formats.Tests.Yaml.Parsing;

/// <summary>Malformed input fails with go-yaml's problem text and the 1-based line and column of the problem.</summary>
public sealed class YamlParserErrorTests
{
    [Theory]
    [InlineData("a: \"x\n", "found unexpected end of stream", 2, 1)]
    [InlineData("a: b: c\n", "mapping values are not allowed in this context", 1, 5)]
    [InlineData("a:\n  - x\n  y: 1\n", "did not find expected '-' indicator", 3, 3)]
    [InlineData("a: [x\nb: 1\n", "did not find expected ',' or ']'", 2, 2)]
    [InlineData("key: value\n  bad: 1\n", "mapping values are not allowed in this context", 2, 6)]
    [InlineData("a: !e!x y\n", "found undefined tag handle", 1, 4)]
    [InlineData("a: \"\\q\"\n", "found unknown escape character", 1, 5)]
    [InlineData("a: 1\n\u0001\n", "control characters are not allowed", 2, 1)]
    [InlineData("a: \"x\"# c\n", "found a comment without white space before it", 1, 7)]
    public void Malformed_input_fails_with_the_problem_and_its_position(string yaml, string problem, long line, long column)
    {
        CryptFormatException e = Assert.Throws<CryptFormatException>(() => YamlParser.ParseAll(Encoding.UTF8.GetBytes(yaml)));

        Assert.Equal(problem, e.Detail);
        Assert.Equal((line, column), (e.Line, e.Column));
    }

    [Theory]
    [InlineData(new byte[] { (byte)'a', (byte)':', (byte)' ', 0xFF, (byte)'\n' }, "invalid leading UTF-8 octet", 1, 4)]
    [InlineData(new byte[] { (byte)'a', (byte)':', (byte)'\n', (byte)' ', 0xC3, (byte)'x' }, "invalid trailing UTF-8 octet", 2, 3)]
    [InlineData(new byte[] { (byte)'a', (byte)':', (byte)' ', 0xE2, 0x82 }, "incomplete UTF-8 octet sequence", 1, 4)]
    [InlineData(new byte[] { (byte)'a', (byte)':', (byte)' ', 0xC0, 0x80 }, "invalid length of a UTF-8 sequence", 1, 4)]
    [InlineData(new byte[] { (byte)'a', (byte)':', (byte)' ', 0xED, 0xA0, 0x80 }, "invalid Unicode character", 1, 4)]
    public void Input_that_is_not_UTF_8_is_refused_where_it_breaks(byte[] input, string problem, long line, long column)
    {
        CryptFormatException e = Assert.Throws<CryptFormatException>(() => YamlParser.ParseAll(input));

        Assert.Equal(problem, e.Detail);
        Assert.Equal((line, column), (e.Line, e.Column));
    }

    [Theory]
    [InlineData("a: []\n# c\nb: 1\n")]
    [InlineData("a: {}\n# c\nb: 1\n")]
    [InlineData("\uFEFFa: 1\n")]
    [InlineData("a: 1\r\nb: [x, y]\r\n")]
    [InlineData("%YAML 1.2\n---\na: 1\n")]
    public void Valid_input_go_yaml_or_YamlDotNet_refused_parses(string yaml)
    {
        List<YamlEvent> events = YamlParser.ParseAll(Encoding.UTF8.GetBytes(yaml));

        Assert.Equal(YamlEventKind.StreamEnd, events[^1].Kind);
        Assert.Contains(events, e => e.Kind == YamlEventKind.Scalar && e.Value is "a" or "b");
    }

    [Theory]
    [InlineData("base: &b {x: 1}\n*b : 1\n", "b")]
    [InlineData("a: &x 1\n*x: 2\n", "x")]
    [InlineData("- &a:b 1\n- *a:b\n", "a:b")]
    public void An_alias_key_reads_as_go_yaml_reads_it(string yaml, string alias)
    {
        List<YamlEvent> events = YamlParser.ParseAll(Encoding.UTF8.GetBytes(yaml));

        Assert.Contains(events, e => e.Kind == YamlEventKind.Alias && e.Anchor == alias);
    }

    [Fact]
    public void A_leading_BOM_is_skipped_and_marks_count_bytes_of_the_input()
    {
        List<YamlEvent> events = YamlParser.ParseAll(Encoding.UTF8.GetBytes("\uFEFFkey: v\u00e9\nb: 1\n"));

        YamlEvent key = events.First(e => e.Value == "key");
        YamlEvent b = events.First(e => e.Value == "b");
        Assert.Equal(new YamlMark(3, 0, 0), key.Start);
        Assert.Equal(new YamlMark(12, 1, 0), b.Start);
    }
}

using System.Text;
using Crypt.Formats.Yaml.Parsing;

namespace Crypt.Formats.Tests.Yaml.Parsing;

/// <summary>
/// Comments land on the events go-yaml v3.0.4 attaches them to. Expectations come from reading
/// go-yaml's scannerc.go (<c>yaml_parser_scan_comments</c>: a comment run ends as a foot comment
/// of the token before it at a dedent or a blank line, else it is the head comment of the next
/// token; <c>yaml_parser_scan_line_comment</c>: text after a token on its line) and parserc.go
/// (<c>yaml_parser_unfold_comments</c>, the document head-comment split at a blank line,
/// <c>yaml_parser_split_stem_comment</c>, a head comment left at the end becomes the document's foot).
/// Each expectation lists only the events that carry a comment, as <c>Kind:value H=... L=... F=...</c>.
/// </summary>
public sealed class YamlParserCommentTests
{
    [Theory]
    [InlineData("# head\na: 1\n", "Scalar:a H=# head")]
    [InlineData("# h1\n# h2\na: 1\n", "Scalar:a H=# h1\\n# h2")]
    [InlineData("a:\n  # head of b\n  b: 1\n", "Scalar:b H=# head of b")]
    [InlineData("# doc head\n\n# key head\na: 1\n", "DocumentStart: H=# doc head; Scalar:a H=# key head")]
    public void A_comment_above_a_key_is_its_head_comment(string yaml, string expected) =>
        Assert.Equal(expected, Comments(yaml));

    [Theory]
    [InlineData("a: 1 # line\nb: 2\n", "Scalar:1 L=# line")]
    [InlineData("- a # line\n- b\n", "Scalar:a L=# line")]
    [InlineData("a: # on key\n  b: 1\n", "Scalar:a L=# on key")]
    [InlineData("k: [a, b] # l\nj: 1\n", "SequenceEnd: L=# l")]
    [InlineData("list: [\n  a, # la\n  b\n]\n", "Scalar:a L=# la")]
    public void A_comment_after_a_token_on_its_line_is_a_line_comment(string yaml, string expected) =>
        Assert.Equal(expected, Comments(yaml));

    [Theory]
    [InlineData("a:\n  b: 1\n  # foot\nc: 2\n", "Scalar:1 F=# foot")]
    [InlineData("a:\n  b: 1\n  # trailing\n", "Scalar:1 F=# trailing")]
    [InlineData("a:\n  - x\n  # foot of x\nb: 1\n", "Scalar:x F=# foot of x")]
    [InlineData("# h1\na: 1 # l\n# f1\n", "Scalar:a H=# h1; Scalar:1 L=# l F=# f1")]
    public void A_comment_before_a_dedent_is_a_foot_comment_of_the_node_above(string yaml, string expected) =>
        Assert.Equal(expected, Comments(yaml));

    // Where this port departs from go-yaml (YamlScanner.Comments.cs ScanComments): go-yaml gives
    // the first two comments to the deepest node before them (Scalar:1, Scalar:c), as sops then
    // writes them; the third, at no block's column, is read as go-yaml reads it.
    [Theory]
    [InlineData("a:\n  b:\n    c: 1\n  # x\nd: 1\n", "MappingEnd: F=# x")]
    [InlineData("a:\n  - b:\n      - c\n    # x\nd: 1\n", "MappingEnd: F=# x")]
    [InlineData("a:\n  b:\n    c: 1\n # x\nd: 1\n", "Scalar:1 F=# x")]
    public void A_comment_at_an_enclosing_blocks_column_before_a_dedent_is_that_blocks_foot(string yaml, string expected) =>
        Assert.Equal(expected, Comments(yaml));

    [Theory]
    [InlineData("a: []\n# c\nb: 1\n", "Scalar:b H=# c")]
    [InlineData("a: {}\n# c\nb: 1\n", "Scalar:b H=# c")]
    [InlineData("a: [x]\n# c\nb: 1\n", "Scalar:b H=# c")]
    public void A_comment_after_a_flow_collection_heads_the_next_key(string yaml, string expected) =>
        Assert.Equal(expected, Comments(yaml));

    [Theory]
    [InlineData("steps:\n    - a\n    # c\n    - b\n", "Scalar:b H=# c")]
    [InlineData("- a\n# c\n- b\n", "Scalar:b H=# c")]
    [InlineData("- # stem\n  a: 1\n", "Scalar:a H=# stem")]
    public void A_comment_between_sequence_items_heads_the_next_item(string yaml, string expected) =>
        Assert.Equal(expected, Comments(yaml));

    [Theory]
    [InlineData("a: 1\n# end\n", "Scalar:1 F=# end")]
    [InlineData("a: 1\n\n# end\n", "DocumentEnd: F=# end")]
    [InlineData("a:\n  - x\n\n# end\n", "DocumentEnd: F=# end")]
    public void A_comment_at_the_document_end_is_a_foot_comment(string yaml, string expected) =>
        Assert.Equal(expected, Comments(yaml));

    [Theory]
    [InlineData("a: |\n  text\n# after\nb: 2\n", "Scalar:b H=# after")]
    [InlineData("# head\na: | # line\n  text\n  # not a comment\n", "Scalar:a H=# head; Scalar:text\\n# not a comment\\n L=# line")]
    [InlineData("a: >\n  folded\n  # not a comment\n# real\nb: 2\n", "Scalar:b H=# real")]
    public void Comments_around_block_scalars_stay_outside_their_text(string yaml, string expected) =>
        Assert.Equal(expected, Comments(yaml));

    [Fact]
    public void A_blank_line_after_a_head_comment_is_kept_in_it() =>
        Assert.Equal("Scalar:b H=# c\\n", Comments("a: 1\n\n# c\n\nb: 2\n"));

    [Fact]
    public void With_CRLF_line_ends_a_comment_line_ends_as_go_yaml_reads_it()
    {
        // go-yaml steps one byte past a comment's line end, so the LF of a CRLF reads as an empty
        // line and the comment ends as a foot comment where with LF it would head the next key.
        Assert.Equal("Scalar:b H=# c", Comments("a: 1\n# c\nb: 2\n"));
        Assert.Equal("Scalar:1 F=# c", Comments("a: 1\r\n# c\r\nb: 2\r\n"));
    }

    private static string Comments(string yaml)
    {
        List<string> parts = [];
        foreach (YamlEvent e in YamlParser.ParseAll(Encoding.UTF8.GetBytes(yaml)))
        {
            if (e.HeadComment is null && e.LineComment is null && e.FootComment is null)
            {
                continue;
            }

            StringBuilder sb = new();
            sb.Append(e.Kind).Append(':').Append(Escape(e.Value ?? string.Empty));
            if (e.HeadComment is not null)
            {
                sb.Append(" H=").Append(Escape(e.HeadComment));
            }

            if (e.LineComment is not null)
            {
                sb.Append(" L=").Append(Escape(e.LineComment));
            }

            if (e.FootComment is not null)
            {
                sb.Append(" F=").Append(Escape(e.FootComment));
            }

            parts.Add(sb.ToString());
        }

        return string.Join("; ", parts);
    }

    private static string Escape(string s) => s.Replace("\n", "\\n", StringComparison.Ordinal);
}

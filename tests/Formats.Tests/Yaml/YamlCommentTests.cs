namespace Crypt.Formats.Tests.Yaml;

/// <summary>
/// Comment placement and re-emission, from sops' stores/yaml/store_test.go (COMMENT_* cases)
/// and FORMAT.md §8.1. Where a comment lands decides its AAD (the enclosing map or list path).
/// </summary>
public sealed class YamlCommentTests
{
    public static TheoryData<string, string> Placements => new()
    {
        // sops PLAIN: a head comment, a foot comment at the end of the first document.
        { "---\n# comment 0\nkey1: value\nkey1_a: value\n# ^ comment 1\n---\nkey2: value2", "{# comment 0,key1=str:value,key1_a=str:value,# ^ comment 1} --- {key2=str:value2}" },
        // COMMENT_1: a foot comment indented into the nested map stays there.
        { "# test\na:\n    b: null\n    # foo\n", "{# test,a={b=null,# foo}}" },
        // COMMENT_2: a head comment at the start of a nested map.
        { "a:\n    # foo\n    b: null\n", "{a={# foo,b=null}}" },
        // COMMENT_6 (sops #865): a comment between list items.
        { "a:\n    - a\n    # I no longer get duplicated\n    - {}\n", "{a=[str:a,# I no longer get duplicated,{}]}" },
        // COMMENT_7 (sops #1068): indented comment + blank line + top-level key: stays in map a.
        { "a:\n    b:\n        c: d\n    # comment\n\ne:\n    - f\n", "{a={b={c=str:d},# comment},e=[str:f]}" },
        // Inline comments are stored before the item they trail.
        { "key1: value1 # inline comment\nkey2: value2\n", "{#! inline comment,key1=str:value1,key2=str:value2}" },
        { "items:\n    - value1 # inline on list item\n    - value2\n", "{items=[#! inline on list item,str:value1,str:value2]}" },
        { "parent:\n    child1: value1 # nested inline\n    child2: value2\n", "{parent={#! nested inline,child1=str:value1,child2=str:value2}}" },
        // A line comment after a bare key heads the item.
        { "key: # about key\n    sub: 1\n", "{# about key,key={sub=int:1}}" },
        // A dedented comment before a top-level key belongs to the top-level map.
        { "a:\n    b: 1\n# c\nd: 2\n", "{a={b=int:1},# c,d=int:2}" },
        // Comment text keeps everything after '#', including no space.
        { "#tight\na: 1\n", "{#tight,a=int:1}" },
        // A comment at the end of a nested map stays in it (its AAD is "a:").
        { "a:\n  b: 1\n  # trailing\n", "{a={b=int:1,# trailing}}" },
        // A list comment between items, and before the first one.
        { "steps:\n    - a\n    # c\n    - b\n", "{steps=[str:a,# c,str:b]}" },
        { "schedule:\n  # first\n  - a\n", "{schedule=[# first,str:a]}" },
        // An empty flow list followed by a comment line (most Helm charts).
        { "a: []\n# c\nb: 1\n", "{a=[],# c,b=int:1}" },
        // An alias is read with its anchor's own comments (sops nodeToTreeValue(alias, false)).
        { "x: &a\n  # in\n  k: 1\ny: *a\n", "{x={# in,k=int:1},y={# in,k=int:1}}" },
        // A document holding only null keeps its comments.
        { "# only\n---\n", "{# only}" },
    };

    [Theory]
    [MemberData(nameof(Placements))]
    public void Comments_are_placed_as_go_yaml_and_sops_place_them(string yaml, string expected)
    {
        Assert.Equal(expected, YamlTestTrees.Describe(YamlTestTrees.Parse(yaml)));
    }

    public static TheoryData<string, string> RoundTrips => new()
    {
        { "# test\na:\n    b: null\n    # foo\n", "# test\na:\n    b: null\n    # foo\n" },
        { "a:\n    # foo\n    b: null\n", "a:\n    # foo\n    b: null\n" },
        { "a:\n    - a\n    # I no longer get duplicated\n    - {}\n", "a:\n    - a\n    # I no longer get duplicated\n    - {}\n" },
        { "a:\n    b:\n        c: d\n    # comment\n\ne:\n    - f\n", "a:\n    b:\n        c: d\n    # comment\ne:\n    - f\n" },
        { "key1: value1 # inline comment\nkey2: value2\n# head comment\nkey3: value3 # another inline\n", "key1: value1 # inline comment\nkey2: value2\n# head comment\nkey3: value3 # another inline\n" },
        { "items:\n    - value1 # inline on list item\n    - value2\n", "items:\n    - value1 # inline on list item\n    - value2\n" },
        { "# heading\nkey1: value1 # inline\nkey2: value2\n", "# heading\nkey1: value1 # inline\nkey2: value2\n" },
        { "parent:\n    child1: value1 # nested inline\n    child2: value2\n", "parent:\n    child1: value1 # nested inline\n    child2: value2\n" },
        // COMMENT_3: blank line inside a comment block is dropped, indent normalised to 4.
        {
            "## Configuration for prometheus-node-exporter subchart\n##\nprometheus-node-exporter:\n  podLabels:\n    ## Add the 'node-exporter' label\n    ##\n\n    jobLabel: node-exporter\n  extraArgs:\n    - --collector.a=^/(dev|proc)($|/)\n",
            "## Configuration for prometheus-node-exporter subchart\n##\nprometheus-node-exporter:\n    podLabels:\n        ## Add the 'node-exporter' label\n        ##\n        jobLabel: node-exporter\n    extraArgs:\n        - --collector.a=^/(dev|proc)($|/)\n"
        },
        // Encrypted comments are written "#ENC[...]" at the item's indentation.
        { "#ENC[AES256_GCM,data:x,type:comment]\nlorem: ENC[AES256_GCM,data:y,type:str]\n", "#ENC[AES256_GCM,data:x,type:comment]\nlorem: ENC[AES256_GCM,data:y,type:str]\n" },
        // Trailing comments of a top-level map become the last key's foot.
        { "a: 1\nb: 2\n# end\n", "a: 1\nb: 2\n# end\n" },
    };

    [Theory]
    [MemberData(nameof(RoundTrips))]
    public void Comments_are_written_back_where_sops_writes_them(string input, string expected)
    {
        Assert.Equal(expected, YamlTestTrees.RoundTrip(input));
    }

    [Fact]
    public void Indent_2_keeps_comment_layout_like_sops_TestIndent1()
    {
        string input = "## Configuration\n##\nprometheus-node-exporter:\n  podLabels:\n    ## Add label\n    ##\n\n    jobLabel: node-exporter\n  extraArgs:\n    - --a\n    - --b\n";
        string expected = "## Configuration\n##\nprometheus-node-exporter:\n  podLabels:\n    ## Add label\n    ##\n    jobLabel: node-exporter\n  extraArgs:\n    - --a\n    - --b\n";

        Assert.Equal(expected, YamlTestTrees.RoundTrip(input, indent: 2));
    }

    [Fact]
    public void The_sops_3_6_comment_vector_puts_both_comments_in_the_top_level_map()
    {
        string path = Path.Combine(Crypt.Tests.SharedPaths.SopsFixtures, "pgp-comment-vectors", "getsops-comments.enc.yaml");
        Formats.Tree.TreeDocument doc = YamlTestTrees.Parse(File.ReadAllText(path));

        // Both comments sit directly in the top-level map, so their AAD is ":" (expected.json).
        var top = doc.Branches[0].Items;
        Assert.True(top[0].IsComment);
        Assert.StartsWith("ENC[AES256_GCM,data:IYA+b4", ((Formats.Tree.TreeComment)top[0].Value).Text, StringComparison.Ordinal);
        Assert.Equal("lorem", top[1].Key);
        Assert.True(top[2].IsComment);
        Assert.Equal("dolor", top[3].Key);
        Assert.Equal("sops", top[4].Key);
    }
}

using System.Diagnostics;
using System.Text;
using Crypt.Crypto.Errors;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Tests.Yaml;

/// <summary>Document structure, aliases, limits and errors (FORMAT.md §8.1, sops store_test.go).</summary>
public sealed class YamlParsingTests
{
    [Fact]
    public void Multiple_documents_become_one_branch_each_in_order()
    {
        TreeDocument doc = YamlTestTrees.Parse("a: 1\n---\nb: [x, y]\n---\nc: {d: e}\n");

        Assert.Equal("{a=int:1} --- {b=[str:x,str:y]} --- {c={d=str:e}}", YamlTestTrees.Describe(doc));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("# only a comment\n", 0)]
    [InlineData("---\n", 1)]
    [InlineData("~\n", 1)]
    [InlineData("{}\n", 1)]
    [InlineData("null\n---\na: 1\n", 2)]
    public void Empty_and_null_documents_give_empty_branches(string yaml, int branches)
    {
        TreeDocument doc = YamlTestTrees.Parse(yaml);

        Assert.Equal(branches, doc.Branches.Count);
        Assert.All(doc.Branches.Take(1), b => Assert.Empty(b.Items));
    }

    [Fact]
    public void Key_order_is_kept()
    {
        TreeDocument doc = YamlTestTrees.Parse("z: 1\na: 2\nm: 3\n");

        Assert.Equal(["z", "a", "m"], doc.Branches[0].Items.Select(i => i.Key));
    }

    [Fact]
    public void Aliases_are_expanded_and_anchors_dropped_like_sops_TestLoadAliasesPlainFile()
    {
        string yaml = "---\nkey1: &foo\n  - foo\nkey2: *foo\nkey3: &bar\n  foo: bar\n  baz: bam\nkey4: *bar\n";

        TreeDocument doc = YamlTestTrees.Parse(yaml);

        Assert.Equal("{key1=[str:foo],key2=[str:foo],key3={foo=str:bar,baz=str:bam},key4={foo=str:bar,baz=str:bam}}", YamlTestTrees.Describe(doc));
        Assert.NotSame(doc.Branches[0].Get("key1"), doc.Branches[0].Get("key2"));
        Assert.Equal("key1:\n    - foo\nkey2:\n    - foo\nkey3:\n    foo: bar\n    baz: bam\nkey4:\n    foo: bar\n    baz: bam\n", YamlTestTrees.Emit(doc));
    }

    [Fact]
    public void Scalar_aliases_and_alias_keys_resolve_to_the_anchored_value()
    {
        TreeDocument doc = YamlTestTrees.Parse("a: &n 5\nb: *n\n&k key: 1\n*k : 2\n".Replace("*k : 2\n", "other: *k\n", StringComparison.Ordinal));

        Assert.Equal("{a=int:5,b=int:5,key=int:1,other=str:key}", YamlTestTrees.Describe(doc));
    }

    [Fact]
    public void Merge_keys_are_not_merged_but_kept_as_a_literal_key()
    {
        TreeDocument doc = YamlTestTrees.Parse("base: &b\n  x: 1\nchild:\n  <<: *b\n  z: 2\n");

        Assert.Equal("{base={x=int:1},child={<<={x=int:1},z=int:2}}", YamlTestTrees.Describe(doc));
        // sops writes the key back tagged (go-yaml re-reads its own plain "<<" as !!merge).
        Assert.Equal("base:\n    x: 1\nchild:\n    !!merge <<:\n        x: 1\n    z: 2\n", YamlTestTrees.Emit(doc));
        Assert.Equal(YamlTestTrees.Describe(doc), YamlTestTrees.Describe(YamlTestTrees.Parse(YamlTestTrees.Emit(doc))));
    }

    [Fact]
    public void Duplicate_keys_fail_naming_the_key_and_both_lines()
    {
        string yaml = "\nhello: Sops config file\nhello: Duplicates are not ok\nrootunique:\n  key2: \"value\"\n  key2: \"foo\"\n";

        CryptFormatException e = Assert.Throws<CryptFormatException>(() => YamlTestTrees.Parse(yaml));

        Assert.Contains("\"hello\" already defined at line 2", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void Duplicate_keys_in_a_nested_map_fail_too()
    {
        CryptFormatException e = Assert.Throws<CryptFormatException>(() => YamlTestTrees.Parse("root:\n  key2: a\n  key2: b\n"));

        Assert.Contains("key2", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, e.Line);
    }

    [Theory]
    [InlineData("1: a\n")]
    [InlineData("true: x\n")]
    [InlineData("2024-01-01: x\n")]
    [InlineData("~: x\n")]
    [InlineData("1.5: x\n")]
    [InlineData("a: {1: x}\n")]
    [InlineData("[a, b]: x\n")]
    [InlineData("? {a: b}\n: x\n")]
    public void Non_string_keys_fail_as_sops_does(string yaml)
    {
        CryptFormatException e = Assert.Throws<CryptFormatException>(() => YamlTestTrees.Parse(yaml));

        Assert.Contains("non-string key", e.Message, StringComparison.Ordinal);
        Assert.True(e.Line > 0);
    }

    [Theory]
    [InlineData("- a\n- b\n", "sequences")]
    [InlineData("hello\n", "values")]
    [InlineData("a: 1\n---\n- x\n", "sequences")]
    public void A_top_level_sequence_or_scalar_fails_with_its_position(string yaml, string word)
    {
        CryptFormatException e = Assert.Throws<CryptFormatException>(() => YamlTestTrees.Parse(yaml));

        Assert.Contains(word, e.Message, StringComparison.Ordinal);
        Assert.True(e.Line > 0 && e.Column > 0);
    }

    [Theory]
    [InlineData("a: *nope\n", "unknown anchor")]
    [InlineData("a: &x [1, *x]\n", "contains itself")]
    public void Bad_aliases_fail_cleanly(string yaml, string message)
    {
        CryptFormatException e = Assert.Throws<CryptFormatException>(() => YamlTestTrees.Parse(yaml));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Equal(1, e.Line);
    }

    [Fact]
    public void A_billion_laughs_file_fails_fast_without_expanding()
    {
        var sb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++)
        {
            char p = (char)(c - 1);
            sb.Append(c).Append(": &").Append(c).Append(" [").Append(string.Join(",", Enumerable.Repeat("*" + p, 9))).Append("]\n");
        }

        var watch = Stopwatch.StartNew();
        CryptFormatException e = Assert.Throws<CryptFormatException>(() => YamlTestTrees.Parse(sb.ToString()));

        Assert.Contains("excessive aliasing", e.Message, StringComparison.Ordinal);
        // Expanding would build 9^9 nodes: minutes and gigabytes. The bound only has to tell that
        // apart from a refusal, and must hold on a loaded machine.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Moderate_alias_use_is_accepted()
    {
        var sb = new StringBuilder("base: &b {x: 1, y: 2}\n");
        for (int i = 0; i < 50; i++)
        {
            sb.Append('k').Append(i).Append(": *b\n");
        }

        Assert.Equal(51, YamlTestTrees.Parse(sb.ToString()).Branches[0].Items.Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_depth_bomb_fails_cleanly(bool flow)
    {
        // Past the reader's 1000-level limit; block style grows quadratically in bytes, so stay near it.
        int depth = flow ? 100000 : 1200;
        string yaml = flow
            ? "a: " + new string('[', depth) + new string(']', depth) + "\n"
            : string.Concat(Enumerable.Range(0, depth).Select(i => new string(' ', i) + "k:\n")) + new string(' ', depth) + "v\n";

        CryptFormatException e = Assert.Throws<CryptFormatException>(() => YamlTestTrees.Parse(yaml));

        Assert.True(e.Line > 0);
    }

    [Fact]
    public void Nesting_within_the_limit_is_accepted()
    {
        int depth = 200;
        string yaml = "a: " + new string('[', depth) + new string(']', depth) + "\n";

        Assert.Single(YamlTestTrees.Parse(yaml).Branches);
    }

    [Theory]
    [InlineData("a: [1, 2\n")]
    [InlineData("a: \"unterminated\n")]
    [InlineData("a: b: c\n")]
    [InlineData("a:\n  - x\n y: 2\n")]
    [InlineData("key: value\n\tbad: tab\n")]
    [InlineData("a: 'x'y\n")]
    [InlineData("a: &\n")]
    [InlineData("a: !<tag\n")]
    [InlineData("%YAML 9.9\n---\na: 1\n")]
    [InlineData("a: 1\n...\nb\n: [\n")]
    [InlineData("{a: 1\n")]
    [InlineData("a: |\n  x\n y\n")]
    public void Malformed_yaml_fails_with_a_format_error_carrying_line_and_column(string yaml)
    {
        CryptFormatException e = Assert.Throws<CryptFormatException>(() => YamlTestTrees.Parse(yaml));

        Assert.True(e.Line > 0, e.Message);
        Assert.True(e.Column > 0, e.Message);
    }

    [Fact]
    public void Invalid_utf8_fails_with_a_format_error()
    {
        var store = new Formats.Yaml.YamlStore();

        CryptFormatException e = Assert.Throws<CryptFormatException>(() => store.ParsePlain(new byte[] { (byte)'a', (byte)':', (byte)' ', 0xC3, 0x28, (byte)'\n' }));

        Assert.Equal(1, e.Line);
    }

    [Fact]
    public void A_format_error_message_does_not_contain_the_document_value()
    {
        CryptFormatException e = Assert.Throws<CryptFormatException>(() => YamlTestTrees.Parse("password: \"SENTINEL_s3cr3t\n"));

        Assert.DoesNotContain("SENTINEL", e.Message, StringComparison.Ordinal);
    }
}

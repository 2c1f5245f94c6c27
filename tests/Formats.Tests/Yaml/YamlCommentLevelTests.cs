using System.Text;
using Crypt.Crypto.Keys;
using Crypt.Formats.Metadata;
using Crypt.Formats.Stores;
using Crypt.Formats.Tests.Encryption;
using Crypt.Formats.Tree;
using Crypt.Formats.Yaml;

namespace Crypt.Formats.Tests.Yaml;

/// <summary>
/// Comments go-yaml v3 reads one nesting level off, so sops loses or moves them (corpus:
/// Helm values files, a GitHub workflow); crypt gives each back at its level. Each input is
/// written as go-yaml's emitter writes it (4 spaces, no blank lines), so the file crypt writes
/// on encrypt has the same layout: encrypt, write, read, decrypt and write again must give
/// the input back. Where crypt's reading departs from go-yaml's, the scanner or emitter says
/// why (YamlScanner.Comments.cs ScanComments, YamlScanner.Indentation.cs CommentRunStarts,
/// YamlEmitter.cs AnalyzeEvent).
/// </summary>
public sealed class YamlCommentLevelTests
{
    private static readonly YamlStore s_store = new();

    public static TheoryData<string> KeptAtTheirLevel => new()
    {
        // A comment block at a list item's map column after the item's nested list (argo Helm
        // charts, "# filters: []"): go-yaml gives it to the innermost map.
        "rules:\n    - matches:\n        - path: /\n          type: PathPrefix\n      # filters: []\n      #   - type: X\nvolumes: []\n",

        // A comment block after a dedent, at the column of the map it ends (traefik "# websecure").
        "gateway:\n    listeners:\n        web:\n            port: 8000\n        # websecure listener\n        # websecure:\ngatewayClass: 1\n",

        // The same two levels up, and a dedented block over a nested list of scalars.
        "a:\n    b:\n        c:\n            d: 1\n    # x\ne: 1\n",
        "a:\n    b:\n        - x1\n        - x2\n    # after the list\nc: 1\n",
    };

    [Theory]
    [MemberData(nameof(KeptAtTheirLevel))]
    public void Encrypt_then_decrypt_gives_the_comment_back_at_its_level(string yaml)
    {
        Assert.Equal(yaml, EncryptDecrypt(yaml));
    }

    [Fact]
    public void A_head_comment_and_a_line_comment_on_a_first_list_item_both_come_back()
    {
        // sentry's workflow: after decrypt the line comment heads the item's map (sops never
        // writes a decrypted comment inline), and go-yaml's emitter drops the list's head
        // comment "# Timezone is UTC by default" for it; crypt writes both, in input order.
        string yaml = "schedule:\n    # Timezone is UTC by default\n    - cron: 0 0 # weekdays\n    - cron: 0 1 # weekends\n";

        Assert.Equal("schedule:\n    # Timezone is UTC by default\n    # weekdays\n    - cron: 0 0\n    # weekends\n    - cron: 0 1\n", EncryptDecrypt(yaml));
    }

    [Fact]
    public void A_foot_comment_at_an_enclosing_maps_column_ends_that_map_without_a_blank_line()
    {
        // go-yaml: {a={b={c=1,# x}}}, with a blank line after "# x" as here.
        Assert.Equal("{a={b={c=int:1},# x},d=int:1}", Describe("a:\n  b:\n    c: 1\n  # x\nd: 1\n"));
        Assert.Equal("{a={b={c=int:1},# x},d=int:1}", Describe("a:\n  b:\n    c: 1\n  # x\n\nd: 1\n"));
    }

    [Fact]
    public void A_foot_comment_between_two_levels_columns_is_read_as_go_yaml_reads_it()
    {
        // Column 1 is no block's column: the deepest node keeps it, as in go-yaml.
        Assert.Equal("{a={b={c=int:1,# x}},d=int:1}", Describe("a:\n  b:\n    c: 1\n # x\nd: 1\n"));
    }

    [Fact]
    public void A_second_comment_block_after_a_blank_line_stays_in_the_map_the_first_one_ends()
    {
        // grafana fluent-bit values: go-yaml moves "# extraOutputs" to the top level.
        string yaml = "config:\n  labelMap:\n    stream: stream\n  # parsers:\n  #  - Name: json\n\n  # extraOutputs:\n  #   - Name: stdout\n\n# -- hostAliases\nhostAliases: []\n";

        Assert.Equal("{config={labelMap={stream=str:stream},# parsers:,#  - Name: json,# extraOutputs:,#   - Name: stdout},# -- hostAliases,hostAliases=[]}", Describe(yaml));
    }

    [Fact]
    public void A_second_comment_block_after_a_foot_of_the_last_value_is_read_as_go_yaml_reads_it()
    {
        // The first block is the foot of "1", not dedented: go-yaml (and sops's round trip)
        // puts the second one at the top level, and crypt writes what sops writes.
        Assert.Equal("{config={a=int:1,# x},# y,other=int:1}", Describe("config:\n  a: 1\n  # x\n\n  # y\n\nother: 1\n"));
    }

    [Fact]
    public void A_lists_head_comment_is_written_before_its_first_items_own_head_comment()
    {
        TreeDocument doc = YamlTestTrees.Parse("s:\n  # list head\n  - # item head\n    k: 1\n");

        Assert.Equal("s:\n    # list head\n    # item head\n    - k: 1\n", YamlTestTrees.Emit(doc));
    }

    private static string Describe(string yaml) => YamlTestTrees.Describe(YamlTestTrees.Parse(yaml));

    // encrypt (every value and comment), write as sops writes the encrypted file, read it back, decrypt, write.
    private static string EncryptDecrypt(string yaml)
    {
        using DataKey key = TestKeys.Fixed();
        EncryptedDocument encrypted = SopsDocument.Seal(s_store.ParsePlain(Encoding.UTF8.GetBytes(yaml)), key, new([], 0), EncryptionRule.Default, false, null, new FixedClock(TestKeys.Now), null);
        using MemoryStream written = new();
        s_store.EmitEncrypted(encrypted.Tree, new EmitOptions(null), written);
        Assert.DoesNotContain("# ", Encoding.UTF8.GetString(written.ToArray()), StringComparison.Ordinal);

        TreeDocument read = s_store.ParseEncrypted(written.ToArray());
        using DecryptedDocument decrypted = SopsDocument.Decrypt(read, encrypted.Metadata, key.Clone(), DecryptOptions.Default);
        return YamlTestTrees.Emit(decrypted.Tree);
    }
}

using System.Text;
using Crypt.Crypto.Errors;
using Crypt.Formats.Dotenv;
using Crypt.Formats.Stores;
using Crypt.Formats.Tests.Json;
using Crypt.Formats.Tree;
using Crypt.Tests;

namespace Crypt.Formats.Tests.Dotenv;

public sealed class DotenvStoreTests
{
    private readonly DotenvStore _store = new();

    [Theory]
    [InlineData("humphd-sops-age", "secret.enc.env")]
    [InlineData("pgp-comment-vectors", "sops-nix-secrets.env")]
    public void Parse_then_emit_reproduces_sops_written_dotenv_files(string folder, string file)
    {
        byte[] original = File.ReadAllBytes(Path.Combine(SharedPaths.SopsFixtures, folder, file));
        byte[] emitted = _store.EmitEncrypted(_store.ParseEncrypted(original), EmitOptions.Default);
        Assert.Equal(Encoding.UTF8.GetString(original), Encoding.UTF8.GetString(emitted));
    }

    [Fact]
    public void Lines_split_at_the_first_equals_sign_without_trimming()
    {
        TreeMap root = Parse("a=b=c\nfoo =x\n=empty key\nnovalue=\n").Branches[0];
        Assert.Equal(
            [("a", "b=c"), ("foo ", "x"), (string.Empty, "empty key"), ("novalue", string.Empty)],
            root.Items.Select(i => (i.Key!, ((TreeScalar)i.Value).Text)));
    }

    [Fact]
    public void Backslash_n_in_a_value_becomes_a_newline_and_carriage_returns_stay()
    {
        TreeMap root = Parse("a=one\\ntwo\r\nb=\"quoted\"\r\n").Branches[0];
        Assert.Equal("one\ntwo\r", ((TreeScalar)root.Get("a")!).Text);
        Assert.Equal("\"quoted\"\r", ((TreeScalar)root.Get("b")!).Text);
    }

    [Fact]
    public void Escapes_are_undone_alike_in_plain_and_encrypted_files_and_values_around_them_keep_their_bytes()
    {
        byte[] input = Encoding.UTF8.GetBytes("a=x\nb=\\n\\\\n\\nend\\n\nc=y\n");
        foreach (TreeDocument document in new[] { _store.ParsePlain(input), _store.ParseEncrypted(input) })
        {
            TreeMap root = document.Branches[0];
            Assert.Equal(["x", "\n\\\n\nend\n", "y"], root.Items.Select(i => ((TreeScalar)i.Value).Text));
            Assert.Equal(input, _store.EmitPlain(document, EmitOptions.Default));
        }
    }

    [Fact]
    public void Comment_lines_keep_everything_after_the_hash_and_blank_lines_are_dropped()
    {
        TreeDocument document = Parse("# spaced\n\n#tight\n\nexport A=1 # not a comment\n");
        Assert.Equal(
            "---\nmap\n  comment \" spaced\"\n  comment \"tight\"\n  key \"export A\"\n    str \"1 # not a comment\"\n",
            TreeEquivalence.Describe(document));
    }

    [Fact]
    public void A_whitespace_only_line_is_not_blank_and_has_no_equals_sign() =>
        Assert.Equal(2, Assert.Throws<CryptFormatException>(() => Parse("a=1\n   \n")).Line);

    [Fact]
    public void A_line_without_equals_sign_is_an_error_naming_the_line_but_not_its_text()
    {
        CryptFormatException e = Assert.Throws<CryptFormatException>(() => Parse("a=1\n#c\n\nSENTINEL-s3cr3t\n"));
        Assert.Equal(4, e.Line);
        Assert.Contains("invalid dotenv input line", e.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("SENTINEL", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_refused_with_its_line()
    {
        byte[] input = [.. "a=1\nb="u8, 0xC3, 0x28, .. "\n"u8];
        CryptFormatException e = Assert.Throws<CryptFormatException>(() => _store.ParsePlain(input));
        Assert.Equal((2, 3), (e.Line, e.Column));
    }

    [Fact]
    public void Emit_writes_comments_and_pairs_with_newlines_escaped()
    {
        var root = new TreeMap()
            .AddComment(new TreeComment(" note"))
            .Add("multi", TreeScalar.String("a\nb"))
            .Add("cr", TreeScalar.String("x\r"));
        Assert.Equal("# note\nmulti=a\\nb\ncr=x\r\n", Emit(root));
    }

    public static TheoryData<TreeScalar, string> ValueCases => new()
    {
        { TreeScalar.Integer(-42), "-42" },
        { TreeScalar.FloatingPoint(1234567.0), "1.234567E+06" },
        { TreeScalar.FloatingPoint(7.0), "7.0" },
        { TreeScalar.FloatingPoint(3.14), "3.14" },
        { TreeScalar.Boolean(true), "true" },
        { TreeScalar.Boolean(false), "false" },
        { TreeScalar.Time("2024-01-01T10:00:00.123456789+02:00"), "2024-01-01T10:00:00+02:00" },
        { TreeScalar.Time("2024-01-01T00:00:00Z"), "2024-01-01T00:00:00Z" },
        { TreeScalar.Null, "<nil>" },
    };

    [Theory]
    [MemberData(nameof(ValueCases))]
    public void Non_string_values_are_written_with_sops_ValToString(TreeScalar value, string expected) =>
        Assert.Equal("k=" + expected + "\n", Emit(new TreeMap().Add("k", value)));

    [Fact]
    public void Complex_values_are_refused_naming_the_key()
    {
        UnrepresentableOutputException e = Assert.Throws<UnrepresentableOutputException>(() => Emit(new TreeMap().Add("nested", new TreeMap())));
        Assert.Contains("cannot use complex value in dotenv file", e.Detail, StringComparison.Ordinal);
        Assert.Equal("nested", e.KeyPath);
        Assert.Throws<UnrepresentableOutputException>(() => Emit(new TreeMap().Add("list", new TreeList())));
    }

    [Theory]
    [InlineData("a=b")]
    [InlineData("a\nb")]
    [InlineData("#a")]
    public void Keys_that_would_read_back_differently_are_refused(string key) =>
        Assert.Throws<UnrepresentableOutputException>(() => Emit(new TreeMap().Add(key, TreeScalar.String("v"))));

    [Fact]
    public void EmitValue_writes_strings_raw_and_refuses_other_values()
    {
        Assert.Equal("a\nb", Encoding.UTF8.GetString(_store.EmitValue(TreeScalar.String("a\nb"), EmitOptions.Default)));
        Assert.Throws<UnrepresentableOutputException>(() => _store.EmitValue(TreeScalar.Integer(1), EmitOptions.Default));
    }

    [Fact]
    public void A_value_longer_than_the_output_buffer_keeps_its_escapes_and_characters()
    {
        StringBuilder value = new();
        while (value.Length < 3 * Utf8Output.Size)
        {
            value.Append("line\\n caf\u00e9 \u20ac \ud83d\ude00 \\x\r");
        }

        byte[] input = Encoding.UTF8.GetBytes("A=short\nB=" + value + "\nC=end\n");
        TreeDocument document = _store.ParsePlain(input);

        Assert.Equal(value.ToString().Replace("\\n", "\n", StringComparison.Ordinal), ((TreeScalar)document.Branches[0].Get("B")!).Text);
        Assert.Equal(input, _store.EmitPlain(document, EmitOptions.Default));
    }

    [Fact]
    public void A_long_value_held_as_a_string_is_written_as_its_utf8_with_newlines_escaped()
    {
        // Odd lengths put surrogate pairs and 3-byte characters across the buffer's edges.
        string value = string.Concat(Enumerable.Repeat("\ud83d\ude00a\n\u20ac", Utf8Output.Size));
        byte[] expected = Encoding.UTF8.GetBytes("k=" + value.Replace("\n", "\\n", StringComparison.Ordinal) + "\n");
        Assert.Equal(expected, _store.EmitPlain(new TreeDocument(new TreeMap().Add("k", TreeScalar.String(value))), EmitOptions.Default));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(40_000)]
    [InlineData(40_001)]
    [InlineData(40_002)]
    public void Encrypted_values_of_any_length_are_written_back_byte_for_byte(int dataLength)
    {
        byte[] input = Encoding.UTF8.GetBytes("K=" + Encryption.RandomEncryptedText.Of(dataLength) + "\nL=x\n");

        TreeDocument document = _store.ParseEncrypted(input);

        Assert.True(Utf8Output.IsSealed((TreeScalar)document.Branches[0].Get("K")!), "the value is kept as its parts");
        Assert.Equal(input, _store.EmitEncrypted(document, EmitOptions.Default));
    }

    private TreeDocument Parse(string text) => _store.ParsePlain(Encoding.UTF8.GetBytes(text));

    private string Emit(TreeMap root) => Encoding.UTF8.GetString(_store.EmitPlain(new TreeDocument(root), EmitOptions.Default));
}

using System.Text;
using Crypt.Crypto.Errors;
using Crypt.Formats.Dotenv;
using Crypt.Formats.Ini;
using Crypt.Formats.Metadata;
using Crypt.Formats.Stores;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Tests.Ini;

/// <summary>
/// The INI store against what sops 3.13.2 with gopkg.in/ini.v1 reads and writes
/// (<c>stores/ini/store.go</c>, ini.v1 <c>parser.go</c> and <c>file.go</c> writeToBuffer).
/// </summary>
public sealed class IniStoreTests
{
    private readonly IniStore _store = new();

    [Fact]
    public void Keys_before_the_first_section_go_to_DEFAULT_and_sections_keep_file_order_with_duplicates()
    {
        TreeMap root = Parse("a = 1\n[one]\nx = 2\n[two]\ny = 3\n[one]\nz = 4\n");
        Assert.Equal(["DEFAULT", "one", "two", "one"], root.Items.Select(i => i.Key));
        Assert.Equal("1", Value(root, 0, "a"));
        Assert.Equal("4", Value(root, 3, "z"));
    }

    [Fact]
    public void Values_are_strings_trimmed_unquoted_and_cut_at_an_inline_comment()
    {
        TreeMap root = Parse("[s]\nn = 42\nq = \" spaced \"\nc = value ; note\nb = `a;b`\nk: colon\n");
        Assert.Equal(ScalarKind.String, ((TreeScalar)((TreeMap)root.Items[1].Value).Get("n")!).Kind);
        Assert.Equal(" spaced ", Value(root, 1, "q"));
        Assert.Equal("value", Value(root, 1, "c"));
        Assert.Equal("a;b", Value(root, 1, "b"));
        Assert.Equal("colon", Value(root, 1, "k"));
    }

    [Fact]
    public void Triple_quoted_values_span_lines_and_a_trailing_backslash_continues_a_value()
    {
        TreeMap root = Parse("[s]\nm = \"\"\"one\ntwo\"\"\"\nc = first \\\n  second\n");
        Assert.Equal("one\ntwo", Value(root, 1, "m"));
        Assert.Equal("first second", Value(root, 1, "c"));
    }

    [Fact]
    public void A_repeated_key_keeps_its_first_place_and_takes_the_last_value()
    {
        TreeMap root = Parse("[s]\na = 1\nb = 2\na = 3\n");
        Assert.Equal(["a", "b"], ((TreeMap)root.Items[1].Value).Items.Select(i => i.Key));
        Assert.Equal("3", Value(root, 1, "a"));
    }

    [Fact]
    public void Comment_blocks_belong_to_the_next_section_or_key_and_are_written_above_it()
    {
        string input = "; top\n[s]\n# about a\na=1 ; inline\n";
        TreeMap root = Parse(input);
        TreeMap section = (TreeMap)root.Items[1].Value;
        Assert.Equal("top", ((TreeComment)section.Items[0].Value).Text);
        Assert.Equal("about a\n; inline", ((TreeComment)section.Items[2].Value).Text);
        Assert.Equal("; top\n[s]\n; about a\n; inline\na = 1\n", Emit(root));
    }

    [Fact]
    public void The_writer_aligns_equals_signs_per_section_quotes_as_ini_v1_and_separates_sections()
    {
        TreeMap root = new TreeMap()
            .Add("DEFAULT", new TreeMap().Add("d", TreeScalar.String("0")))
            .Add("s", new TreeMap()
                .Add("a", TreeScalar.String("x"))
                .Add("long_key", TreeScalar.String(" padded "))
                .Add("k=v", TreeScalar.String("has;semicolon"))
                .Add("multi", TreeScalar.String("l1\nl2"))
                .Add("n", TreeScalar.Integer(5)))
            .Add("t", new TreeMap().Add("b", TreeScalar.Boolean(true)));
        Assert.Equal(
            "d = 0\n\n[s]\na        = x\nlong_key = \" padded \"\n`k=v`    = `has;semicolon`\nmulti    = \"\"\"l1\nl2\"\"\"\nn        = 5\n\n[t]\nb = true\n",
            Emit(root));
    }

    [Fact]
    public void An_empty_default_section_is_not_written()
    {
        TreeMap root = Parse("[s]\na = 1\n");
        Assert.Equal("[s]\na = 1\n", Emit(root));
    }

    [Fact]
    public void Comments_after_the_last_key_are_kept_where_ini_v1_drops_them()
    {
        string input = "[s]\na = 1\n; end one\n; end two\n";
        TreeMap root = Parse(input);
        Assert.Equal("[s]\na = 1\n; end one\n; end two\n", Emit(root));
        Assert.Equal(Emit(root), Emit(Parse(Emit(root))));
    }

    [Fact]
    public void A_comment_whose_first_line_is_only_semicolons_is_written_where_ini_v1_panics()
    {
        TreeMap root = Parse("[s]\n;;;;;\n; text\na = 1\n");
        Assert.Equal("[s]\n;\n; text\na = 1\n", Emit(root));
    }

    [Fact]
    public void Long_values_in_every_quoting_read_as_slices_and_are_written_back_byte_for_byte()
    {
        string big = string.Concat(Enumerable.Repeat("caf\u00e9 \u20ac\ud83d\ude00 x", Utf8Output.Size / 4));
        string input = "[s]\nplain  = " + big + "\nspaced = \"\u00a0" + big + "\u3000\"\nhash   = `" + big + "#;`\nmulti  = \"\"\"" + big + "\n" + big + "\"\"\"\nlast   = 1\n";

        TreeMap root = Parse(input);

        Assert.Equal(big, Value(root, 1, "plain"));
        Assert.Equal("\u00a0" + big + "\u3000", Value(root, 1, "spaced"));
        Assert.Equal(big + "#;", Value(root, 1, "hash"));
        Assert.Equal(big + "\n" + big, Value(root, 1, "multi"));
        Assert.Equal(input, Emit(root));
    }

    [Fact]
    public void Continued_values_are_assembled_and_reading_goes_on_after_them()
    {
        TreeMap root = Parse("[s]\na = x\\\n  y \\\n z\nb = 1\nc = end \\");
        Assert.Equal("xy z", Value(root, 1, "a"));
        Assert.Equal("1", Value(root, 1, "b"));
        Assert.Equal("end ", Value(root, 1, "c"));
    }

    [Fact]
    public void Values_are_trimmed_of_unicode_white_space_as_strings_are()
    {
        TreeMap root = Parse("[s]\nk =\u00a0\u2003v\u3000; note\nq = \"\u2003 \"\n");
        Assert.Equal("v", Value(root, 1, "k"));
        Assert.Equal("note", ((TreeComment)((TreeMap)root.Items[1].Value).Items[1].Value).Text);
        Assert.Equal("[s]\n; note\nk = v\nq = \"\u2003 \"\n", Emit(root));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(40_000)]
    [InlineData(40_001)]
    [InlineData(40_002)]
    public void Encrypted_values_of_any_length_are_written_back_byte_for_byte(int dataLength)
    {
        byte[] input = Encoding.UTF8.GetBytes("[s]\nk = " + Encryption.RandomEncryptedText.Of(dataLength) + "\nlonger = x\n");

        TreeDocument document = _store.ParseEncrypted(input);

        Assert.True(Utf8Output.IsSealed((TreeScalar)((TreeMap)document.Branches[0].Items[1].Value).Get("k")!), "the value is kept as its parts");
        Assert.Equal(Encoding.UTF8.GetString(input).Replace("k = ", "k      = ", StringComparison.Ordinal), Encoding.UTF8.GetString(_store.EmitEncrypted(document, EmitOptions.Default)));
    }

    [Theory]
    [InlineData("[s]\nsecret-flag\n", 2)]
    [InlineData("a = 1\n!includedir /etc/mysql/conf.d/\n", 2)]
    [InlineData("[unclosed\n", 1)]
    [InlineData("[s]\n= value\n", 2)]
    [InlineData("[s]\nm = \"\"\"open\nnever closed\n", 2)]
    public void Lines_ini_v1_refuses_are_refused_naming_the_line_and_not_its_text(string input, int line)
    {
        CryptFormatException e = Assert.Throws<CryptFormatException>(() => _store.ParsePlain(Encoding.UTF8.GetBytes(input)));
        Assert.Equal(line, e.Line);
        Assert.DoesNotContain("secret-flag", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("includedir", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Metadata_is_a_last_sops_section_of_flattened_keys_with_newlines_escaped()
    {
        TreeDocument document = new(Parse("[s]\na = ENC[x]\n"));
        SopsMetadata metadata = Metadata("-----BEGIN AGE ENCRYPTED FILE-----\nABC\n-----END AGE ENCRYPTED FILE-----\n");
        MetadataCodec.Attach(document, metadata, DocumentFormat.Ini);
        string text = Emit(document.Branches[0]);
        Assert.Contains("\n[sops]\nage__list_0__map_enc       = -----BEGIN AGE ENCRYPTED FILE-----\\nABC\\n-----END AGE ENCRYPTED FILE-----\\n\n", text, StringComparison.Ordinal);
        Assert.EndsWith("version                    = 3.13.2\n", text, StringComparison.Ordinal);

        TreeDocument read = _store.ParseEncrypted(Encoding.UTF8.GetBytes(text));
        SopsMetadata? back = MetadataCodec.Extract(read, DocumentFormat.Ini);
        Assert.Equal(metadata.KeyGroups[0][0].ToString(), back!.KeyGroups[0][0].ToString());
        Assert.Equal(["DEFAULT", "s"], read.Branches[0].Items.Select(i => i.Key));
    }

    [Fact]
    public void Metadata_written_by_sops_3_13_0_with_real_newlines_in_triple_quotes_reads_the_same()
    {
        const string Enc = "-----BEGIN AGE ENCRYPTED FILE-----\nABC\n-----END AGE ENCRYPTED FILE-----\n";
        string escaped = "[sops]\nage__list_0__map_enc = " + Enc.Replace("\n", "\\n", StringComparison.Ordinal) + "\nage__list_0__map_recipient = age1x\nlastmodified = 2024-03-25T22:08:10Z\nmac = ENC[m]\nversion = 3.13.2\n";
        string quoted = "[sops]\nage__list_0__map_enc = \"\"\"" + Enc + "\"\"\"\nage__list_0__map_recipient = age1x\nlastmodified = 2024-03-25T22:08:10Z\nmac = ENC[m]\nversion = 3.13.0\n";
        SopsMetadata a = MetadataCodec.Extract(_store.ParseEncrypted(Encoding.UTF8.GetBytes(escaped)), DocumentFormat.Ini)!;
        SopsMetadata b = MetadataCodec.Extract(_store.ParseEncrypted(Encoding.UTF8.GetBytes(quoted)), DocumentFormat.Ini)!;
        Assert.Equal(a.KeyGroups[0][0].ToString(), b.KeyGroups[0][0].ToString());
        Assert.Contains(Enc, ((Crypto.KeySources.AgeKeyEntry)a.KeyGroups[0][0]).Enc, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ini_extension_and_type_name_select_the_ini_store()
    {
        Assert.Equal(DocumentFormat.Ini, DocumentFormats.FromPath("dir/php.ini"));
        Assert.Equal(DocumentFormat.Binary, DocumentFormats.FromPath("my.cnf"));
        Assert.True(DocumentFormats.TryParse("ini", out DocumentFormat format));
        Assert.Equal(DocumentFormat.Ini, format);
        Assert.Equal(DocumentFormat.Ini, DocumentStores.For(DocumentFormat.Ini).Format);
    }

    private static SopsMetadata Metadata(string enc) => new()
    {
        KeyGroups = [[new Crypto.KeySources.AgeKeyEntry("age1recipient", enc)]],
        LastModified = "2024-03-25T22:08:10Z",
        Mac = "ENC[mac]",
        Version = "3.13.2",
    };

    private TreeMap Parse(string text) => _store.ParsePlain(Encoding.UTF8.GetBytes(text)).Branches[0];

    private string Emit(TreeMap root) => Encoding.UTF8.GetString(_store.EmitPlain(new TreeDocument(root), EmitOptions.Default));

    private static string Value(TreeMap root, int section, string key) => ((TreeScalar)((TreeMap)root.Items[section].Value).Get(key)!).Text;
}

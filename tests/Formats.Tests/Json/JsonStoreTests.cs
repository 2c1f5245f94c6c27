using System.Text;
using Crypt.Crypto.Errors;
using Crypt.Formats.Json;
using Crypt.Formats.Stores;
using Crypt.Formats.Tree;
using Crypt.Tests;

namespace Crypt.Formats.Tests.Json;

public sealed class JsonStoreTests
{
    private readonly JsonStore _store = new();

    [Fact]
    public void Parse_then_emit_reproduces_the_sops_written_json_fixture_at_indent_2()
    {
        // The fixture was re-indented to two spaces by its owner; sops's layout is otherwise intact.
        byte[] original = File.ReadAllBytes(Path.Combine(SharedPaths.SopsFixtures, "humphd-sops-age", "secret.enc.json"));
        TreeDocument document = _store.ParseEncrypted(original);
        byte[] emitted = _store.EmitEncrypted(document, new EmitOptions(Indent: 2));
        Assert.Equal(Encoding.UTF8.GetString(original), Encoding.UTF8.GetString(emitted));
    }

    [Fact]
    public void Emit_uses_one_tab_by_default_and_keeps_empty_containers_on_one_line()
    {
        TreeDocument document = Parse("""{"a": {}, "b": [], "c": [1, {"d": null}], "e": "x"}""");
        Assert.Equal("{\n\t\"a\": {},\n\t\"b\": [],\n\t\"c\": [\n\t\t1,\n\t\t{\n\t\t\t\"d\": null\n\t\t}\n\t],\n\t\"e\": \"x\"\n}\n", Emit(document));
    }

    [Theory]
    [InlineData(-1, "{\n\t\"a\": [\n\t\ttrue\n\t]\n}\n")]
    [InlineData(0, "{\n\"a\": [\ntrue\n]\n}\n")]
    [InlineData(4, "{\n    \"a\": [\n        true\n    ]\n}\n")]
    public void Emit_indents_as_sops_stores_json_indent_setting(int indent, string expected) =>
        Assert.Equal(expected, Emit(Parse("""{"a":[true]}"""), new EmitOptions(indent)));

    [Fact]
    public void Emit_refuses_an_indent_below_minus_one() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _store.EmitPlain(Parse("{}"), new EmitOptions(-2)));

    [Fact]
    public void An_empty_object_emits_as_braces_and_newline() =>
        Assert.Equal("{}\n", Emit(Parse(" { } ")));

    [Fact]
    public void Duplicate_keys_are_kept_as_two_items_in_order()
    {
        TreeMap root = Parse("""{"a": 1, "b": 2, "a": 3}""").Branches[0];
        Assert.Equal(["a", "b", "a"], root.Items.Select(i => i.Key));
        Assert.Equal("{\n\t\"a\": 1,\n\t\"b\": 2,\n\t\"a\": 3\n}\n", Emit(new TreeDocument(root)));
    }

    public static TheoryData<string, string> NumberCases => new()
    {
        { "7", "int 7" },
        { "-0", "int 0" },
        { "9223372036854775807", "int 9223372036854775807" },
        { "-9223372036854775808", "int -9223372036854775808" },
        { "9223372036854775808", "float 43e0000000000000" },
        { "1.0", "float 3ff0000000000000" },
        { "1e2", "float 4059000000000000" },
        { "1e-400", "float 0000000000000000" },
    };

    [Theory]
    [MemberData(nameof(NumberCases))]
    public void Numbers_are_int_when_the_literal_is_an_integer_fitting_int64_else_float(string literal, string expected)
    {
        TreeNode value = Parse("{\"n\": " + literal + "}").Branches[0].Get("n")!;
        Assert.Equal(expected, TreeEquivalence.Describe(value).Trim());
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    public void Numbers_out_of_float64_range_are_format_errors(string literal)
    {
        CryptFormatException e = Assert.Throws<CryptFormatException>(() => Parse("{\"n\": " + literal + "}"));
        Assert.Contains("out of range", e.Detail, StringComparison.Ordinal);
        Assert.Equal("n", e.KeyPath);
    }

    public static TheoryData<string, string> EscapeCases => new()
    {
        { "<a href=\"x\">&</a>", "\"\\u003ca href=\\\"x\\\"\\u003e\\u0026\\u003c/a\\u003e\"" },
        { "line\nnext\ttab\rcr\bbs\fff", "\"line\\nnext\\ttab\\rcr\\bbs\\fff\"" },
        { "\u0001\u001f", "\"\\u0001\\u001f\"" },
        { "\u007f", "\"\u007f\"" },
        { "back\\slash/", "\"back\\\\slash/\"" },
        { "\u2028\u2029", "\"\\u2028\\u2029\"" },
        { "é😀", "\"é😀\"" },
    };

    [Theory]
    [MemberData(nameof(EscapeCases))]
    public void Strings_are_escaped_as_go_json_Marshal_does(string value, string expected)
    {
        byte[] bytes = _store.EmitValue(TreeScalar.String(value), EmitOptions.Default);
        Assert.Equal(expected, Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void An_unpaired_surrogate_is_written_as_an_escaped_replacement_character()
    {
        // Kept out of theory data: xunit's serializer would replace the lone surrogate itself.
        string value = new(['\ud800', 'x']);
        Assert.Equal("\"\\ufffdx\"", Encoding.UTF8.GetString(_store.EmitValue(TreeScalar.String(value), EmitOptions.Default)));
    }

    [Fact]
    public void Keys_are_escaped_like_values()
    {
        var root = new TreeMap().Add("<k>", TreeScalar.Integer(1));
        Assert.Equal("{\n\t\"\\u003ck\\u003e\": 1\n}\n", Emit(new TreeDocument(root)));
    }

    [Theory]
    [InlineData("\"\\u003c\\u00e9\\/\"", "<é/")]
    [InlineData("\"\\ud83d\\ude00\"", "😀")]
    [InlineData("\"\\ud800\"", "\ufffd")]
    [InlineData("\"\\ud800\\u0041\"", "\ufffdA")]
    [InlineData("\"\\udc00\"", "\ufffd")]
    public void String_escapes_decode_as_go_does(string literal, string expected) =>
        Assert.Equal(expected, ((TreeScalar)Parse("{\"s\": " + literal + "}").Branches[0].Get("s")!).Text);

    [Fact]
    public void Invalid_utf8_in_a_string_becomes_one_replacement_character_per_byte()
    {
        byte[] input = [.. "{\"s\": \""u8, 0xE2, 0x82, 0x41, 0xFF, .. "\"}"u8];
        TreeDocument document = _store.ParsePlain(input);
        Assert.Equal("\ufffd\ufffdA\ufffd", ((TreeScalar)document.Branches[0].Get("s")!).Text);
    }

    [Fact]
    public void Comments_in_the_tree_are_dropped_on_output()
    {
        var root = new TreeMap().AddComment(new TreeComment(" hi")).Add("a", new TreeList([new TreeComment("x"), TreeScalar.Boolean(false)]));
        Assert.Equal("{\n\t\"a\": [\n\t\tfalse\n\t]\n}\n", Emit(new TreeDocument(root)));
    }

    [Fact]
    public void Time_scalars_are_written_as_strings() =>
        Assert.Equal("\"2024-01-01T00:00:00Z\"", Encoding.UTF8.GetString(_store.EmitValue(TreeScalar.Time("2024-01-01T00:00:00Z"), EmitOptions.Default)));

    [Fact]
    public void EmitValue_indents_a_map_without_a_trailing_newline()
    {
        TreeNode value = Parse("""{"a": {"b": [1.5, "x"]}}""").Branches[0].Get("a")!;
        Assert.Equal("{\n\t\"b\": [\n\t\t1.5,\n\t\t\"x\"\n\t]\n}", Encoding.UTF8.GetString(_store.EmitValue(value, EmitOptions.Default)));
    }

    [Fact]
    public void NaN_cannot_be_written_and_the_error_names_the_key()
    {
        var root = new TreeMap().Add("a", new TreeList([TreeScalar.FloatingPoint(double.NaN)]));
        UnrepresentableOutputException e = Assert.Throws<UnrepresentableOutputException>(() => Emit(new TreeDocument(root)));
        Assert.Equal("a[0]", e.KeyPath);
    }

    [Fact]
    public void A_large_file_is_written_in_chunks_and_a_late_NaN_writes_nothing()
    {
        var root = new TreeMap();
        for (int i = 0; i < 20_000; i++)
        {
            root.Add($"key{i}", TreeScalar.String("value " + i));
        }

        using var chunks = new WriteCountingStream();
        _store.EmitPlain(new TreeDocument(root), EmitOptions.Default, chunks);
        Assert.True(chunks.Writes > 1, "a large document is not held whole before writing");
        Assert.Equal(_store.EmitPlain(new TreeDocument(root), EmitOptions.Default), chunks.ToArray());

        root.Add("late", TreeScalar.FloatingPoint(double.PositiveInfinity));
        using var refused = new WriteCountingStream();
        UnrepresentableOutputException e = Assert.Throws<UnrepresentableOutputException>(() => _store.EmitPlain(new TreeDocument(root), EmitOptions.Default, refused));
        Assert.Equal("late", e.KeyPath);
        Assert.Equal(0, refused.Length);
    }

    private sealed class WriteCountingStream : MemoryStream
    {
        public int Writes { get; private set; }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Writes++;
            base.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Writes++;
            base.Write(buffer);
        }
    }

    [Fact]
    public void A_tree_of_several_documents_is_refused_rather_than_truncated() =>
        Assert.Throws<UnrepresentableOutputException>(() => _store.EmitPlain(new TreeDocument([new TreeMap(), new TreeMap()]), EmitOptions.Default));

    [Theory]
    [InlineData("[1, 2]", 1, 1)]
    [InlineData("\"text\"", 1, 1)]
    [InlineData("", 1, 1)]
    [InlineData("\n  42", 2, 3)]
    public void A_top_level_value_that_is_not_an_object_is_refused_with_its_position(string input, long line, long column)
    {
        CryptFormatException e = Assert.Throws<CryptFormatException>(() => Parse(input));
        Assert.Contains("top-level object", e.Detail, StringComparison.Ordinal);
        Assert.Equal((line, column), (e.Line, e.Column));
    }

    [Theory]
    [InlineData("{\"a\": }", 1, 7, "a")]
    [InlineData("{\n  \"a\": {\n    \"b\": [1, 2,]\n  }\n}", 3, 15, "a:b")]
    [InlineData("{\"a\": \"x\" \"b\": 1}", 1, 11, null)]
    [InlineData("{\"a\": tru}", 1, 7, "a")]
    [InlineData("{\"a\": 01}", 1, 8, null)]
    [InlineData("{\"a\": \"\\x\"}", 1, 9, "a")]
    [InlineData("{\"a\": 1} {}", 1, 10, null)]
    [InlineData("{\"a\": \"unterminated}", 1, 7, "a")]
    public void Syntax_errors_report_line_byte_column_and_key_path(string input, long line, long column, string? keyPath)
    {
        CryptFormatException e = Assert.Throws<CryptFormatException>(() => Parse(input));
        Assert.Equal((line, column, keyPath), (e.Line, e.Column, e.KeyPath));
    }

    [Theory]
    [InlineData("{\n  // note\n  \"a\": 1\n}", 2, 3)]
    [InlineData("{\"a\": 1 /* note */}", 1, 9)]
    [InlineData("{\"a\": /* note */ 1}", 1, 7)]
    [InlineData("# note\n{\"a\": 1}", 1, 1)]
    [InlineData("{\"a\": 1}\n// end", 2, 1)]
    public void Comments_are_named_as_comments_with_their_position(string input, long line, long column)
    {
        CryptFormatException e = Assert.Throws<CryptFormatException>(() => Parse(input));
        Assert.StartsWith("JSON does not allow comments", e.Detail, StringComparison.Ordinal);
        Assert.Equal((line, column), (e.Line, e.Column));
    }

    [Theory]
    [InlineData("{\"a\": 1,\n}", 1, 8, '}')]
    [InlineData("{\"a\": [1, 2, ]}", 1, 12, ']')]
    public void A_trailing_comma_is_named_at_the_comma(string input, long line, long column, char close)
    {
        CryptFormatException e = Assert.Throws<CryptFormatException>(() => Parse(input));
        Assert.Equal($"trailing comma before '{close}': JSON does not allow one", e.Detail);
        Assert.Equal((line, column), (e.Line, e.Column));
    }

    [Fact]
    public void Error_messages_never_contain_the_input_values()
    {
        const string Sentinel = "SENTINEL-s3cr3t";
        string[] inputs = [$"{{\"a\": \"{Sentinel}\" x}}", $"{{\"a\": {Sentinel}}}", $"{{\"a\": \"{Sentinel}\\q\"}}", $"[\"{Sentinel}\"]"];
        foreach (string input in inputs)
        {
            CryptFormatException e = Assert.Throws<CryptFormatException>(() => Parse(input));
            Assert.DoesNotContain(Sentinel, e.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(100_000, '[')]
    [InlineData(100_000, '{')]
    public void Deep_nesting_is_refused_with_a_format_error(int depth, char open)
    {
        string input = "{\"a\": " + (open == '[' ? new string('[', depth) : string.Concat(Enumerable.Repeat("{\"k\":", depth)));
        CryptFormatException e = Assert.Throws<CryptFormatException>(() => Parse(input));
        Assert.Contains("nest deeper", e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_up_to_the_limit_is_accepted()
    {
        int depth = JsonTreeReader.MaxDepth - 1;
        string input = "{\"a\": " + new string('[', depth) + new string(']', depth) + "}";
        Assert.Single(Parse(input).Branches[0].Items);
    }

    [Fact]
    public void A_huge_integer_literal_becomes_a_float_and_a_huge_exponent_an_error()
    {
        string digits = new('9', 300);
        Assert.Equal(ScalarKind.Float, ((TreeScalar)Parse("{\"n\": " + digits + "}").Branches[0].Get("n")!).Kind);
        Assert.Throws<CryptFormatException>(() => Parse("{\"n\": " + new string('9', 400) + "}"));
    }

    private TreeDocument Parse(string json) => _store.ParsePlain(Encoding.UTF8.GetBytes(json));

    private string Emit(TreeDocument document, EmitOptions? options = null) =>
        Encoding.UTF8.GetString(_store.EmitPlain(document, options ?? EmitOptions.Default));
}

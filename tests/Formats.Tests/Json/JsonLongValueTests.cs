using System.Text;
using Crypt.Crypto.Values;
using Crypt.Formats.Json;
using Crypt.Formats.Stores;
using Crypt.Formats.Tree;
using CsCheck;

namespace Crypt.Formats.Tests.Json;

/// <summary>
/// Values longer than the writer's builder path (32 KiB) are written in pieces straight to the
/// output: the text must be what the short path (GoJsonString on the whole string) writes.
/// </summary>
public sealed class JsonLongValueTests
{
    // Every character Go escapes or treats specially, 2-, 3- and 4-byte UTF-8 (a surrogate pair).
    private const string Special = "\"\\<>&\n\t\r\b\f\u0001\u001f\u007fé\u2028\u2029✓😀/";

    private static readonly Gen<string> s_longText = Gen.Int[40_000, 90_000].SelectMany(length =>
        Gen.Int[0, 99].Array[length].Select(picks =>
        {
            var text = new StringBuilder();
            foreach (int pick in picks)
            {
                text.Append(pick < Special.Length ? Special[pick].ToString() : pick < 80 ? "😀" : ((char)('a' + (pick % 26))).ToString());
            }

            return text.ToString();
        }));

    private readonly JsonStore _store = new();

    [Fact]
    public void A_long_value_held_as_UTF8_is_escaped_as_the_string_path_escapes_it()
    {
        s_longText.Sample(
            text =>
            {
                byte[] utf8 = Encoding.UTF8.GetBytes(text);
                TreeScalar scalar = TreeScalar.Utf8String(new Utf8Slice(new Utf8Chunk(utf8), 0, utf8.Length));
                Assert.Equal(Expected(Encoding.UTF8.GetString(utf8)), Emit(scalar)); // a lone surrogate became U+FFFD
            },
            iter: 20);
    }

    [Fact]
    public void A_long_string_is_escaped_in_slices_without_splitting_a_surrogate_pair()
    {
        s_longText.Sample(text => Assert.Equal(Expected(text), Emit(TreeScalar.String(text))), iter: 20);
    }

    [Fact]
    public void An_unpaired_surrogate_in_a_long_string_is_still_an_escaped_replacement_character()
    {
        string text = new string('a', 32 * 1024 - 1) + '\ud800' + "x" + new string('b', 40_000);
        Assert.Equal(Expected(text), Emit(TreeScalar.String(text)));
    }

    [Theory]
    [InlineData(100_000, 32)]
    [InlineData(3 * 1024 * 1024 + 1, 32)]
    [InlineData(50_000, 12)]
    public void A_long_encrypted_value_kept_as_its_parts_is_written_back_exactly(int dataLength, int ivLength)
    {
        byte[] data = new byte[dataLength];
        byte[] iv = new byte[ivLength];
        byte[] tag = new byte[ValueCipher.TagSize];
        new Random(dataLength).NextBytes(data);
        new Random(ivLength).NextBytes(iv);
        string enc = EncryptedValue.Format(data, iv, tag, SopsValueType.Str);
        byte[] file = Encoding.UTF8.GetBytes("{\n\t\"key\": \"" + enc + "\",\n\t\"short\": \"\\u003cx\"\n}\n");

        TreeDocument document = _store.ParseEncrypted(file);

        Assert.Equal(file, _store.EmitEncrypted(document, EmitOptions.Default));
    }

    [Fact]
    public void Items_after_a_long_value_follow_it_in_order()
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(new string('z', 70_000));
        TreeMap root = new TreeMap()
            .Add("a", TreeScalar.String("é<"))
            .Add("long", TreeScalar.Utf8String(new Utf8Slice(new Utf8Chunk(utf8), 0, utf8.Length)))
            .Add("b", new TreeList { Items = { TreeScalar.Integer(1) } });

        string json = Encoding.UTF8.GetString(_store.EmitPlain(new TreeDocument(root), EmitOptions.Default));

        Assert.Equal("{\n\t\"a\": \"é\\u003c\",\n\t\"long\": \"" + new string('z', 70_000) + "\",\n\t\"b\": [\n\t\t1\n\t]\n}\n", json);
    }

    [Fact]
    public void A_string_with_escapes_parses_to_its_text_and_is_written_back_the_same()
    {
        s_longText.Sample(
            text =>
            {
                // Lone surrogates as U+FFFD, as the parser gives them back.
                static string Normal(string text) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));
                foreach (string value in new[] { Normal(text), Normal(text[..300]) })
                {
                    byte[] json = Encoding.UTF8.GetBytes(Expected(value));
                    foreach (TreeDocument document in new[] { _store.ParsePlain(json), _store.ParseEncrypted(json) })
                    {
                        Assert.Equal(value, ((TreeScalar)document.Branches[0].Get("s")!).Text);
                        Assert.Equal(json, _store.EmitPlain(document, EmitOptions.Default));
                    }
                }
            },
            iter: 10);
    }

    [Theory]
    [InlineData("é✓😀 plain text without escapes", 10_000)]
    [InlineData(@"\u00e9 \/ \\ \ud83d\ude00", 10_000)]
    [InlineData(@"\ud800", 1)]
    public void A_string_value_and_a_key_decode_the_same_way(string literal, int repeat)
    {
        string body = string.Concat(Enumerable.Repeat(literal, repeat));
        byte[] json = Encoding.UTF8.GetBytes("{\"k" + body + "\": \"" + body + "\"}");
        TreeMapItem item = Assert.Single(_store.ParsePlain(json).Branches[0].Items);
        Assert.Equal("k" + ((TreeScalar)item.Value).Text, item.Key);
    }

    private static string Expected(string text)
    {
        var value = new StringBuilder();
        GoJsonString.Append(value, text.AsSpan());
        return "{\n\t\"s\": " + value + "\n}\n";
    }

    private string Emit(TreeScalar scalar) =>
        Encoding.UTF8.GetString(_store.EmitPlain(new TreeDocument(new TreeMap().Add("s", scalar)), EmitOptions.Default));
}

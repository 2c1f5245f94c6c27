using System.Text;
using Crypt.Crypto.Values;
using Crypt.Formats.Encryption;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Tests.Encryption;

public sealed class ValueCodecTests
{
    public static TheoryData<TreeScalar, SopsValueType, string> Encodings => new()
    {
        { TreeScalar.String("héllo"), SopsValueType.Str, "héllo" },
        { TreeScalar.Integer(-42), SopsValueType.Int, "-42" },
        { TreeScalar.Integer(long.MinValue), SopsValueType.Int, "-9223372036854775808" },
        { TreeScalar.FloatingPoint(1e21), SopsValueType.Float, "1000000000000000000000" },
        { TreeScalar.Boolean(true), SopsValueType.Bool, "True" },
        { TreeScalar.Boolean(false), SopsValueType.Bool, "False" },
        { TreeScalar.Time("2024-01-01T00:00:00Z"), SopsValueType.Time, "2024-01-01T00:00:00Z" },
        { TreeScalar.Time("2024-01-01T10:00:00.500000+00:00"), SopsValueType.Time, "2024-01-01T10:00:00.5Z" },
        { TreeScalar.Time("2006-01-02T15:04:05+07:06"), SopsValueType.Time, "2006-01-02T15:04:05+07:06" },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Encode_writes_the_canonical_SOPS_bytes(TreeScalar scalar, SopsValueType type, string expected)
    {
        byte[] buffer = new byte[2];
        int length = ValueCodec.Encode(scalar, ref buffer, out SopsValueType actualType);
        Assert.Equal(type, actualType);
        Assert.Equal(expected, Encoding.UTF8.GetString(buffer, 0, length));
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("t", true)]
    [InlineData("T", true)]
    [InlineData("TRUE", true)]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("0", false)]
    [InlineData("f", false)]
    [InlineData("F", false)]
    [InlineData("FALSE", false)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    public void Decode_accepts_Go_ParseBool_words(string text, bool expected)
    {
        Assert.True(ValueCodec.TryDecode(SopsValueType.Bool, Encoding.UTF8.GetBytes(text), out TreeScalar? scalar, out _));
        Assert.Equal(expected, scalar!.Bool);
    }

    [Theory]
    [InlineData(SopsValueType.Bool, "yes")]
    [InlineData(SopsValueType.Int, "7.5")]
    [InlineData(SopsValueType.Int, "99999999999999999999")]
    [InlineData(SopsValueType.Float, "seven")]
    [InlineData(SopsValueType.Time, "2024-13-01T00:00:00Z")]
    [InlineData(SopsValueType.Time, "2024-01-01")]
    public void Decode_rejects_text_Go_would_not_parse(SopsValueType type, string text)
    {
        Assert.False(ValueCodec.TryDecode(type, Encoding.UTF8.GetBytes(text), out _, out string? error));
        Assert.DoesNotContain(text, error!, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_of_a_float_typed_integer_gives_a_float() // sops < 3.13.2 JSON wrote ints as float
    {
        Assert.True(ValueCodec.TryDecode(SopsValueType.Float, "7"u8, out TreeScalar? scalar, out _));
        Assert.Equal(7.0, scalar!.Float);
    }

    [Theory]
    [InlineData("2024-03-25T22:08:10Z", "2024-03-25T22:08:10Z")]
    [InlineData("2024-03-25T22:08:10.987654Z", "2024-03-25T22:08:10Z")]
    [InlineData("2024-03-25T23:08:10+01:00", "2024-03-25T23:08:10+01:00")]
    [InlineData("2024-03-25T22:08:10+00:00", "2024-03-25T22:08:10Z")]
    public void The_MAC_AAD_is_lastmodified_reformatted_as_Go_RFC3339(string lastModified, string aad) =>
        Assert.Equal(aad, MacField.AadFor(lastModified));

    public static TheoryData<SopsValueType, byte[]> ArenaDecodings => new()
    {
        { SopsValueType.Str, "héllo ✓"u8.ToArray() },
        { SopsValueType.Str, [] },
        { SopsValueType.Str, [0x61, 0xFF, 0x62, 0xE2, 0x82] }, // invalid UTF-8: U+FFFD as before
        { SopsValueType.Int, "-9223372036854775808"u8.ToArray() },
        { SopsValueType.Int, "+7"u8.ToArray() },
        { SopsValueType.Int, "7.5"u8.ToArray() },
        { SopsValueType.Int, " 7"u8.ToArray() },
        { SopsValueType.Float, "1.5"u8.ToArray() },
        { SopsValueType.Bool, "True"u8.ToArray() },
        { SopsValueType.Comment, "a comment"u8.ToArray() },
    };

    [Theory]
    [MemberData(nameof(ArenaDecodings))]
    public void Decoding_into_an_arena_gives_what_decoding_through_a_string_gives(SopsValueType type, byte[] plaintext)
    {
        bool viaString = ValueCodec.TryDecode(type, plaintext, out TreeScalar? expected, out string? expectedError);
        bool viaArena = ValueCodec.TryDecode(type, plaintext, new Utf8Arena(), out TreeScalar? actual, out string? actualError);

        Assert.Equal(viaString, viaArena);
        Assert.Equal(expectedError, actualError);
        if (viaString)
        {
            Assert.Equal(expected!.Kind, actual!.Kind);
            Assert.True(expected.ValueEquals(actual), $"{type} decodes differently");
            byte[] a = new byte[1], b = new byte[1];
            int aLength = ValueCodec.Encode(expected, ref a, out _);
            int bLength = ValueCodec.Encode(actual, ref b, out _);
            Assert.Equal(a.AsSpan(0, aLength).ToArray(), b.AsSpan(0, bLength).ToArray());
        }
    }

    [Fact]
    public void A_valid_UTF8_string_decoded_into_an_arena_is_held_as_UTF8()
    {
        Assert.True(ValueCodec.TryDecode(SopsValueType.Str, "v"u8, new Utf8Arena(), out TreeScalar? scalar, out _));
        Assert.True(scalar!.TryGetUtf8(out ReadOnlySpan<byte> utf8));
        Assert.Equal("v"u8.ToArray(), utf8.ToArray());
    }
}

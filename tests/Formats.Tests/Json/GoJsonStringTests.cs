using System.Text;
using Crypt.Formats.Json;
using CsCheck;

namespace Crypt.Formats.Tests.Json;

public sealed class GoJsonStringTests
{
    // Printable ASCII, every character Go escapes, and some non-ASCII (2- and 3-byte UTF-8).
    private static readonly Gen<string> s_text = Gen.String[Gen.OneOf(
        Gen.Char['!', '~'],
        Gen.Int[0, Escaped.Length - 1].Select(i => Escaped[i]))];

    private const string Escaped = "\"\\<>&\n\t\u0001\u007fé\u2028✓";

    [Fact]
    public void UTF8_text_is_written_exactly_as_its_string()
    {
        s_text.Sample(text =>
        {
            StringBuilder expected = new();
            GoJsonString.Append(expected, text);
            StringBuilder actual = new();
            GoJsonString.Append(actual, Encoding.UTF8.GetBytes(text));
            Assert.Equal(expected.ToString(), actual.ToString());
        });
    }

    [Theory]
    [InlineData("ENC[AES256_GCM,data:Ag==,iv:7mZl,tag:FSHs,type:int]")]
    [InlineData("a<b>&\"c\\")]
    [InlineData("")]
    [InlineData("key 🔑 ok")]
    public void Plain_and_escaped_values_round_trip_through_the_UTF8_path(string text)
    {
        StringBuilder expected = new();
        GoJsonString.Append(expected, text);
        StringBuilder actual = new();
        GoJsonString.Append(actual, Encoding.UTF8.GetBytes(text));
        Assert.Equal(expected.ToString(), actual.ToString());
    }
}

using Crypt.Formats.Dotenv;
using Crypt.Formats.GoCompat;

namespace Crypt.Formats.Tests.Json;

public sealed class GoFloatFormatTests
{
    // Expected texts are what Go's encoding/json (floatEncoder, ES6 style) prints.
    public static TheoryData<double, string> JsonCases => new()
    {
        { 0.0, "0" },
        { -0.0, "-0" },
        { 1.0, "1" },
        { 7.0, "7" },
        { 3.14, "3.14" },
        { 0.1 + 0.2, "0.30000000000000004" },
        { 1e20, "100000000000000000000" },
        { 1e21, "1e+21" },
        { -1e21, "-1e+21" },
        { 1.5e300, "1.5e+300" },
        { 1e-6, "0.000001" },
        { 1e-7, "1e-7" },
        { 1.5e-7, "1.5e-7" },
        { 1e-10, "1e-10" },
        { 123456789.123, "123456789.123" },
        { 12345678901234567890.0, "12345678901234567000" },
        { 9223372036854775808.0, "9223372036854776000" },
        { double.MaxValue, "1.7976931348623157e+308" },
        { double.Epsilon, "5e-324" },
    };

    // strconv.FormatFloat(v, 'G', -1, 64) plus sops's ValToString ".0" rule.
    public static TheoryData<double, string> DotenvCases => new()
    {
        { 1234567.0, "1.234567E+06" },
        { 100000.0, "100000.0" },
        { 7.0, "7.0" },
        { 0.0, "0.0" },
        { -0.0, "-0.0" },
        { 3.14, "3.14" },
        { 1e6, "1E+06" },
        { 0.0001, "0.0001" },
        { 0.00001, "1E-05" },
        { 1e21, "1E+21" },
        { 1e-300, "1E-300" },
        { 123456.5, "123456.5" },
        { double.NaN, "NaN" },
        { double.PositiveInfinity, "+Inf" },
        { double.NegativeInfinity, "-Inf" },
    };

    [Theory]
    [MemberData(nameof(JsonCases))]
    public void TryFormatJson_prints_floats_as_go_encoding_json_does(double value, string expected)
    {
        Assert.True(GoFloat.TryFormatJson(value, out string text));
        Assert.Equal(expected, text);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void TryFormatJson_refuses_values_json_cannot_hold(double value) =>
        Assert.False(GoFloat.TryFormatJson(value, out _));

    [Theory]
    [MemberData(nameof(DotenvCases))]
    public void Dotenv_float_text_follows_sops_ValToString(double value, string expected) =>
        Assert.Equal(expected, DotenvValueText.FormatFloat(value));

    [Theory]
    [InlineData(1234567.0, 'g', "1.234567e+06")]
    [InlineData(7.0, 'g', "7")]
    [InlineData(1e21, 'f', "1000000000000000000000")]
    [InlineData(1e-7, 'f', "0.0000001")]
    [InlineData(3.14, 'f', "3.14")]
    [InlineData(-2.5e-5, 'e', "-2.5e-05")]
    [InlineData(0.0, 'e', "0e+00")]
    [InlineData(double.PositiveInfinity, 'f', "+Inf")]
    public void Format_matches_strconv_FormatFloat_with_shortest_precision(double value, char format, string expected) =>
        Assert.Equal(expected, GoFloat.Format(value, format));
}

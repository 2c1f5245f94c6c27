using Crypt.Formats.GoCompat;

namespace Crypt.Formats.Tests.Encryption;

public sealed class GoFloatTests
{
    // Expected text = Go strconv.FormatFloat(v, 'f', -1, 64): the shortest round-trip digits
    // (identical to Python's repr digits) laid out without exponent. Rows were derived with
    // Python's Decimal(repr(v)) in 'f' format and match Go's documented behaviour (FORMAT.md §2.3).
    public static TheoryData<double, string> Table => new()
    {
        { 0.0, "0" },
        { -0.0, "-0" },
        { 1.0, "1" },
        { 100.0, "100" },
        { 1.5, "1.5" },
        { 0.1, "0.1" },
        { 0.1 + 0.2, "0.30000000000000004" },
        { 1e21, "1000000000000000000000" },
        { 1e-7, "0.0000001" },
        { 3.14, "3.14" },
        { 1234.56789, "1234.56789" },
        { -2.5, "-2.5" },
        { 1e20, "100000000000000000000" },
        { 1.2345678901234568e20, "123456789012345680000" },
        { 5e-324, "0." + new string('0', 323) + "5" },
        { 1.7976931348623157e308, "17976931348623157" + new string('0', 292) },
        { 9007199254740992.0, "9007199254740992" },
        { 1.0 / 3, "0.3333333333333333" },
        { 2.0 / 3, "0.6666666666666666" },
        { 1e15, "1000000000000000" },
        { 1e16, "10000000000000000" },
        { 1e-5, "0.00001" },
        { 0.000001, "0.000001" },
        { 123.456, "123.456" },
        { 2.2250738585072014e-308, "0." + new string('0', 307) + "22250738585072014" },
        { 100.0 / 3, "33.333333333333336" },
        { 1e23, "100000000000000000000000" },
        { -1e-10, "-0.0000000001" },
        { 7.0, "7" },
        { double.PositiveInfinity, "+Inf" },
        { double.NegativeInfinity, "-Inf" },
        { double.NaN, "NaN" },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Format_matches_Go_FormatFloat_f_minus_one(double value, string expected) =>
        Assert.Equal(expected, GoFloat.Format(value, 'f'));

    [Theory]
    [MemberData(nameof(Table))]
    public void Parse_of_the_formatted_text_gives_the_same_double(double value, string text)
    {
        Assert.True(GoFloat.TryParse(text, out double parsed));
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(parsed));
    }

    [Theory]
    [InlineData("inf", double.PositiveInfinity)]
    [InlineData("-Infinity", double.NegativeInfinity)]
    [InlineData("1e3", 1000.0)]
    [InlineData(".5", 0.5)]
    [InlineData("+7", 7.0)]
    public void Parse_accepts_the_forms_Go_accepts(string text, double expected)
    {
        Assert.True(GoFloat.TryParse(text, out double parsed));
        Assert.Equal(expected, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" 1")]
    [InlineData("1,5")]
    [InlineData("1e400")]
    [InlineData("∞")]
    [InlineData("abc")]
    public void Parse_rejects_what_Go_rejects(string text) =>
        Assert.False(GoFloat.TryParse(text, out _));
}

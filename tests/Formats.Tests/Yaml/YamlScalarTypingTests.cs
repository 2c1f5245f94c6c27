using Crypt.Crypto.Errors;

namespace Crypt.Formats.Tests.Yaml;

/// <summary>
/// Scalar typing = go-yaml v3 resolve() + decoder.scalar (FORMAT.md §8.1, go-yaml resolve.go).
/// One row per rule; the value is read as <c>v: TEXT</c>.
/// </summary>
public sealed class YamlScalarTypingTests
{
    public static TheoryData<string, string> Rows => new()
    {
        { "0777", "int:511" },                       // legacy leading-0 octal
        { "080", "float:80" },                       // not octal, but a YAML-style float
        { "00", "int:0" },
        { "1_000", "int:1000" },                     // underscores removed before ParseInt
        { "0b1_0", "int:2" },
        { "0x1F", "int:31" },
        { "0X1f", "int:31" },
        { "0o17", "int:15" },
        { "0b101", "int:5" },
        { "-0b101", "int:-5" },
        { "+12", "int:12" },
        { "-12", "int:-12" },
        { "-0", "int:0" },
        { "9223372036854775807", "int:9223372036854775807" },
        { "-9223372036854775808", "int:-9223372036854775808" },
        { "-9223372036854775809", "float:-9.223372036854776E+18" }, // ParseInt and ParseUint fail, float regex matches
        { "18446744073709551616", "float:1.8446744073709552E+19" }, // beyond uint64: a float, not an error
        { ".5", "float:0.5" },
        { "+.5", "float:0.5" },
        { "1.", "float:1" },
        { "1e3", "float:1000" },
        { "1.5", "float:1.5" },
        { "-1.5e-3", "float:-0.0015" },
        { "1_000.5", "float:1000.5" },
        { "-0.0", "float:-0" },
        { "1e400", "str:1e400" },                    // ParseFloat range error: stays a string
        { ".", "str:." },
        { "0.1.2", "str:0.1.2" },
        { "0x", "str:0x" },
        { "0o8", "str:0o8" },
        { "12:30", "str:12:30" },                    // base-60 is not resolved (only quoted on output)
        { "yes", "str:yes" },                        // YAML 1.1 bool words are strings
        { "no", "str:no" },
        { "on", "str:on" },
        { "Off", "str:Off" },
        { "y", "str:y" },
        { "true", "bool:true" },
        { "True", "bool:true" },
        { "TRUE", "bool:true" },
        { "false", "bool:false" },
        { "False", "bool:false" },
        { "tRUE", "str:tRUE" },
        { "~", "null" },
        { "null", "null" },
        { "Null", "null" },
        { "NULL", "null" },
        { "", "null" },
        { ".inf", "float:Infinity" },
        { "+.Inf", "float:Infinity" },
        { "-.INF", "float:-Infinity" },
        { ".NaN", "float:NaN" },
        { ".nan", "float:NaN" },
        { "2024-01-01", "time:2024-01-01T00:00:00Z" },
        { "2024-1-2", "time:2024-01-02T00:00:00Z" },
        { "2001-12-14t21:59:43.10-05:00", "time:2001-12-14T21:59:43.1-05:00" },
        { "2001-12-14T21:59:43.10+05:30", "time:2001-12-14T21:59:43.1+05:30" },
        { "2001-12-14 21:59:43.10", "time:2001-12-14T21:59:43.1Z" },
        { "2001-12-15T02:59:43.1Z", "time:2001-12-15T02:59:43.1Z" },
        { "2026-07-30T18:26:29Z", "time:2026-07-30T18:26:29Z" },
        { "2001-12-14T21:59:43+00:00", "time:2001-12-14T21:59:43Z" },
        { "2024-13-01", "str:2024-13-01" },
        { "2024-02-30", "str:2024-02-30" },
        { "2001-12-14 21:59:43.10 -5", "str:2001-12-14 21:59:43.10 -5" },
        { "20240101", "int:20240101" },
        { "\"123\"", "str:123" },
        { "'true'", "str:true" },
        { "\"\"", "str:" },
        { "\"2024-01-01\"", "str:2024-01-01" },
        { "|\n  123\n", "str:123\n" },
        { ">-\n  a\n  b\n", "str:a b" },
        { "!!str 123", "str:123" },
        { "!!int \"12\"", "int:12" },
        { "!!float 1", "float:1" },
        { "!!binary aGVsbG8=", "str:hello" },
        { "!!timestamp \"2024-01-01\"", "time:2024-01-01T00:00:00Z" },
        { "! 12", "int:12" },
        { "!custom 12", "str:12" },
        { "<<", "str:<<" },
        { "ENC[AES256_GCM,data:abc=,iv:def=,tag:ghi==,type:str]", "str:ENC[AES256_GCM,data:abc=,iv:def=,tag:ghi==,type:str]" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void A_scalar_is_typed_as_go_yaml_v3_types_it(string text, string expected)
    {
        Formats.Tree.TreeDocument doc = YamlTestTrees.Parse("v: " + text + "\n");

        Assert.Equal("{v=" + expected + "}", YamlTestTrees.Describe(doc));
    }

    [Theory]
    [InlineData("9223372036854775808")]       // fits uint64 only: sops cannot store it
    [InlineData("18446744073709551615")]
    [InlineData("0xFFFFFFFFFFFFFFFF")]
    [InlineData("!!int abc")]
    [InlineData("!!bool yes")]
    [InlineData("!!float abc")]
    [InlineData("!!null 0")]
    [InlineData("!!binary ***")]
    public void A_scalar_go_yaml_or_sops_rejects_fails_with_its_position(string text)
    {
        CryptFormatException e = Assert.Throws<CryptFormatException>(() => YamlTestTrees.Parse("a: 1\nv: " + text + "\n"));

        Assert.Equal(2, e.Line);
        Assert.True(e.Column > 0);
    }

    [Fact]
    public void A_rejected_scalar_does_not_leak_its_value_into_the_message()
    {
        CryptFormatException e = Assert.Throws<CryptFormatException>(() => YamlTestTrees.Parse("v: !!int SENTINEL_s3cr3t\n"));

        Assert.DoesNotContain("SENTINEL", e.Message, StringComparison.Ordinal);
    }
}

using Crypt.Crypto.Errors;
using Crypt.Formats.Metadata;

namespace Crypt.Formats.Tests.Metadata;

public sealed class MetadataRulesTests
{
    [Theory]
    [InlineData("3.13.2", true)]
    [InlineData("v3.7.1", true)]
    [InlineData("3.10.0-rc.1", true)]
    [InlineData("3.9.0+build.5", true)]
    [InlineData("1.14", true)]
    [InlineData("1.", true)]
    [InlineData("0.0.0", true)]
    [InlineData("3.13", false)]
    [InlineData("3.5", false)]
    [InlineData("03.1.2", false)]
    [InlineData("3.1.2-01", false)]
    [InlineData("3.1.2-", false)]
    [InlineData("3.1.2+", false)]
    [InlineData("3.1.x", false)]
    [InlineData("3.1.2 ", false)]
    [InlineData("latest", false)]
    public void Versions_are_accepted_as_sops_blang_semver_check_does(string version, bool accepted) =>
        Assert.Equal(accepted, MetadataRules.IsAcceptedVersion(version));

    [Fact]
    public void Validate_reports_a_missing_version_clearly()
    {
        CryptFormatException e = Assert.Throws<CryptFormatException>(() => MetadataRules.Validate(MetadataGoldenTests.NewMetadata() with { Version = string.Empty }));
        Assert.Contains("missing version", e.Detail, StringComparison.Ordinal);
        Assert.Equal("sops:version", e.KeyPath);
        Assert.Throws<CryptFormatException>(() => MetadataRules.Validate(MetadataGoldenTests.NewMetadata() with { Version = "3.13" }));
        MetadataRules.Validate(MetadataGoldenTests.NewMetadata());
    }

    [Theory]
    [InlineData("2024-03-26T00:43:54Z", true)]
    [InlineData("2024-02-29T23:59:59+05:30", true)]
    [InlineData("2024-01-01T00:00:00.123456789Z", true)]
    [InlineData("0000-02-29T00:00:00Z", true)]
    [InlineData("2023-02-29T00:00:00Z", false)]
    [InlineData("2024-13-01T00:00:00Z", false)]
    [InlineData("2024-01-01T24:00:00Z", false)]
    [InlineData("2024-01-01T00:00:60Z", false)]
    [InlineData("2024-01-01 00:00:00Z", false)]
    [InlineData("2024-01-01T00:00:00", false)]
    [InlineData("2024-01-01T00:00:00.Z", false)]
    [InlineData("2024-01-01T00:00:00+0100", false)]
    [InlineData("2024-1-01T00:00:00Z", false)]
    [InlineData("", false)]
    public void Rfc3339_accepts_what_go_time_Parse_RFC3339_accepts(string text, bool valid) =>
        Assert.Equal(valid, Rfc3339.IsValid(text));
}

using Crypt.Formats.Stores;

namespace Crypt.Formats.Tests;

public sealed class DocumentFormatsTests
{
    [Theory]
    [InlineData("a/secrets.yaml", DocumentFormat.Yaml)]
    [InlineData("secrets.yml", DocumentFormat.Yaml)]
    [InlineData("app.json", DocumentFormat.Json)]
    [InlineData(".env", DocumentFormat.Dotenv)]
    [InlineData("prod.env", DocumentFormat.Dotenv)]
    [InlineData("id_rsa", DocumentFormat.Binary)]
    [InlineData("conf.toml", DocumentFormat.Binary)]
    public void FromPath_detects_the_format_by_suffix_as_sops_does(string path, DocumentFormat expected) =>
        Assert.Equal(expected, DocumentFormats.FromPath(path));
}

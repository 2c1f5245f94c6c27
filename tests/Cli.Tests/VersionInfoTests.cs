namespace Crypt.Cli.Tests;

public sealed class VersionInfoTests
{
    [Fact]
    public async Task Version_info_prints_the_sops_format_version()
    {
        StringWriter output = new();
        TextWriter original = Console.Out;
        Console.SetOut(output);
        try
        {
            int code = await CryptApp.RunAsync(["version-info"]);
            Assert.Equal(0, code);
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.Equal("3.13.2", output.ToString().Trim());
    }
}

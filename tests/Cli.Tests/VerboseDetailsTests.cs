using Crypt.Crypto.Errors;

namespace Crypt.Cli.Tests;

public sealed class VerboseDetailsTests
{
    [Fact]
    public void Verbose_shows_the_chain_and_crypts_messages_but_not_a_runtime_message_that_may_quote_input()
    {
        Exception e;
        try
        {
            try
            {
                _ = int.Parse("SENTINEL-verbose-42", System.Globalization.CultureInfo.InvariantCulture);
                throw new InvalidOperationException("unreachable");
            }
            catch (FormatException inner)
            {
                throw new CryptFormatException("not a number", "s.yaml", 3, 5, innerException: inner);
            }
        }
        catch (CryptFormatException outer)
        {
            e = outer;
        }

        string details = CryptApp.VerboseDetails(e);

        Assert.Contains("Crypt.Crypto.Errors.CryptFormatException: ", details, StringComparison.Ordinal);
        Assert.Contains("s.yaml", details, StringComparison.Ordinal);
        Assert.Contains("not a number", details, StringComparison.Ordinal);
        Assert.Contains("caused by: System.FormatException (message not shown", details, StringComparison.Ordinal);
        Assert.Contains("   at ", details, StringComparison.Ordinal);
        Assert.DoesNotContain("SENTINEL", details, StringComparison.Ordinal);
    }
}

using Crypt.Crypto.Age;

namespace Crypt.Crypto.Tests.Age;

public sealed class AgeIdentityFileWriterTests
{
    [Theory]
    [InlineData(0, "2021-01-02T15:30:45Z")]
    [InlineData(60, "2021-01-02T15:30:45+01:00")]
    [InlineData(-270, "2021-01-02T15:30:45-04:30")]
    public void Created_time_uses_go_rfc3339_with_z_for_utc(int offsetMinutes, string expected) =>
        Assert.Equal(expected, AgeIdentityFileWriter.Rfc3339(new DateTimeOffset(2021, 1, 2, 15, 30, 45, 999, TimeSpan.FromMinutes(offsetMinutes))));

    [Fact]
    public void The_file_has_the_age_keygen_layout_and_parses_back_to_the_same_key()
    {
        using X25519Identity identity = X25519Identity.Generate();
        string text = AgeIdentityFileWriter.Format(identity, new DateTimeOffset(2021, 1, 2, 15, 30, 45, TimeSpan.FromHours(1)));

        Assert.Equal(
            $"# created: 2021-01-02T15:30:45+01:00\n# public key: {identity.Recipient}\n{identity.ToSecretString()}\n",
            text);
        X25519Identity parsed = Assert.IsType<X25519Identity>(Assert.Single(AgeKeyParser.ParseIdentityFile(text)));
        Assert.Equal(identity.Recipient.ToString(), parsed.Recipient.ToString());
        parsed.Dispose();
    }
}

using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Crypt.Cli.Files;
using Crypt.Cli.Tests.Edit;
using Crypt.Crypto.Age;
using Crypt.Crypto.Errors;
using Crypt.Formats;
using Crypt.Formats.Stores;

namespace Crypt.Cli.Tests.Hardening;

/// <summary>
/// The bounds that keep a hostile file from hurting the tool (THREATS.md, hostile input): each
/// is a format error naming the limit, mapped to exit 2 (sops's CouldNotReadInputFile), and is
/// reached fast. dotenv and INI have no nesting to bound (key=value lines; INI one section level).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class BoundsTests
{
    private static readonly TimeSpan s_fast = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData(1001, "1000")]
    [InlineData(100000, "1000")]
    public void Yaml_nesting_past_the_limit_is_a_format_error_naming_it(int depth, string limit)
    {
        string yaml = "a: " + new string('[', depth) + new string(']', depth) + "\n";

        CryptFormatException e = Refused(() => SopsDocument.ParsePlain(Encoding.UTF8.GetBytes(yaml), DocumentFormat.Yaml));

        Assert.Contains(limit, e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_block_nesting_past_the_limit_is_a_format_error_naming_it()
    {
        StringBuilder yaml = new();
        for (int i = 0; i <= 1000; i++)
        {
            yaml.Append(' ', i).Append("k:\n");
        }

        yaml.Append(' ', 1001).Append("v\n");

        CryptFormatException e = Refused(() => SopsDocument.ParsePlain(Encoding.UTF8.GetBytes(yaml.ToString()), DocumentFormat.Yaml));

        Assert.Contains("1000", e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_nesting_past_the_limit_is_a_format_error_naming_it()
    {
        string json = "{\"a\": " + new string('[', 1001) + new string(']', 1001) + "}";

        CryptFormatException e = Refused(() => SopsDocument.ParsePlain(Encoding.UTF8.GetBytes(json), DocumentFormat.Json));

        Assert.Contains("1000", e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_alias_expansion_billion_laughs_is_refused_naming_the_ratio_limit()
    {
        StringBuilder yaml = new("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'j'; c++)
        {
            yaml.Append(c).Append(": &").Append(c).Append(" [")
                .AppendJoin(", ", Enumerable.Repeat("*" + (char)(c - 1), 10)).Append("]\n");
        }

        CryptFormatException e = Refused(() => SopsDocument.ParsePlain(Encoding.UTF8.GetBytes(yaml.ToString()), DocumentFormat.Yaml));

        Assert.Contains("excessive aliasing", e.Detail, StringComparison.Ordinal);
        Assert.Contains("limit of 99%", e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_aliases_below_the_ratio_are_expanded()
    {
        string yaml = "base: &b {user: u, host: h}\nfirst: *b\nsecond: *b\n";

        Assert.Equal(3, SopsDocument.ParsePlain(Encoding.UTF8.GetBytes(yaml), DocumentFormat.Yaml).Branches[0].Items.Count);
    }

    [Fact]
    public void An_age_header_with_more_stanzas_than_the_limit_is_refused_naming_it()
    {
        StringBuilder header = new("age-encryption.org/v1\n");
        for (int i = 0; i <= 1024; i++)
        {
            header.Append("-> grease\n\n");
        }

        header.Append("--- ").Append(Mac()).Append('\n');

        AgeException e = AgeRefused(header.ToString());

        Assert.Contains("1024", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_age_stanza_body_larger_than_the_header_limit_is_refused_naming_it()
    {
        StringBuilder header = new("age-encryption.org/v1\n-> X25519 AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n");
        string line = new('A', 64);
        for (int i = 0; i < (1 << 20) / 64; i++)
        {
            header.Append(line).Append('\n');
        }

        header.Append("AAAA\n--- ").Append(Mac()).Append('\n');

        AgeException e = AgeRefused(header.ToString());

        Assert.Contains((1 << 20).ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("23")]
    [InlineData("30")]
    [InlineData("100")]
    public void An_scrypt_work_factor_above_ages_cap_is_refused_before_any_key_derivation(string factor)
    {
        string salt = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=');
        string body = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=');
        string header = $"age-encryption.org/v1\n-> scrypt {salt} {factor}\n{body}\n--- {Mac()}\n";

        AgeException e = AgeRefused(header);

        Assert.Contains("limit", e.Message, StringComparison.Ordinal);
        Assert.Contains("22", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_input_file_larger_than_the_limit_is_refused_with_exit_2_naming_the_limit()
    {
        using SecretsFolder folder = new();
        string file = folder.PathOf("huge.yaml");
        using (FileStream sparse = File.Create(file))
        {
            // Sparse: the size is what the check sees; no disk is used.
            sparse.SetLength(CommandInput.MaxInputBytes + 1);
        }

        Stopwatch watch = Stopwatch.StartNew();
        CryptResult result = folder.Run("decrypt", file);

        Assert.True(result.ExitCode == ExitCodes.CouldNotReadInputFile, result.ToString());
        Assert.Contains("huge.yaml", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("512 MiB", result.Stderr, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < s_fast, $"took {watch.Elapsed}");
    }

    [Fact]
    public void Standard_input_is_read_up_to_the_limit_and_refused_past_it()
    {
        byte[] exact = new byte[1000];
        Assert.Equal(1000, CommandInput.ReadBounded(new MemoryStream(exact), 1000, "<stdin>").Length);

        CryptFormatException e = Assert.Throws<CryptFormatException>(() => CommandInput.ReadBounded(new MemoryStream(new byte[1001]), 1000, "<stdin>"));

        Assert.Equal("<stdin>", e.File);
        Assert.Contains("limit of 1000 bytes", e.Detail, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.CouldNotReadInputFile, CryptApp.Describe(e).Code);
    }

    private static CryptFormatException Refused(Func<object> parse)
    {
        Stopwatch watch = Stopwatch.StartNew();
        CryptFormatException e = Assert.Throws<CryptFormatException>(parse);
        Assert.True(watch.Elapsed < s_fast, $"took {watch.Elapsed}");
        Assert.Equal(ExitCodes.CouldNotReadInputFile, CryptApp.Describe(e).Code);
        return e;
    }

    private static AgeException AgeRefused(string header)
    {
        Stopwatch watch = Stopwatch.StartNew();
        using ScryptIdentity identity = new("passphrase");
        AgeException e = Assert.Throws<AgeException>(() => AgeDecryptor.Decrypt(Encoding.ASCII.GetBytes(header), [identity]));
        Assert.True(watch.Elapsed < s_fast, $"took {watch.Elapsed}");
        Assert.Equal(AgeFailure.Header, e.Failure);
        Assert.IsAssignableFrom<CryptException>(e);
        return e;
    }

    private static string Mac() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=');
}

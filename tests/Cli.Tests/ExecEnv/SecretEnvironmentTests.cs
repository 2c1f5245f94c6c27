using Crypt.Cli.Processes;
using Crypt.Formats.Tree;

namespace Crypt.Cli.Tests.ExecEnv;

/// <summary>exec-env's value mapping (sops: strings as they are, other scalars through ValToString).</summary>
public sealed class SecretEnvironmentTests
{
    public static TheoryData<string, TreeScalar, string> Scalars() => new()
    {
        { "string with newline", TreeScalar.String("a\nb"), "a\nb" },
        { "empty string", TreeScalar.String(string.Empty), string.Empty },
        { "int", TreeScalar.Integer(-42), "-42" },
        { "integral float", TreeScalar.FloatingPoint(3.0), "3.0" },
        { "large float", TreeScalar.FloatingPoint(1234567.0), "1.234567E+06" },
        { "fraction", TreeScalar.FloatingPoint(0.25), "0.25" },
        { "bool", TreeScalar.Boolean(true), "true" },
        { "null (Go's %v of nil)", TreeScalar.Null, "<nil>" },
    };

    [Theory]
    [MemberData(nameof(Scalars))]
    public void A_top_level_scalar_becomes_the_text_sops_would_export(string because, TreeScalar value, string expected)
    {
        List<KeyValuePair<string, string>> variables = SecretEnvironment.From(new TreeDocument(new TreeMap().Add("K", value)), "f.yaml");

        Assert.True(variables is [{ Key: "K" }], because);
        Assert.Equal(expected, variables[0].Value);
    }

    [Fact]
    public void Comments_are_skipped_and_only_the_first_document_counts()
    {
        TreeMap first = new TreeMap().AddComment(new TreeComment(" note")).Add("A", TreeScalar.String("1"));
        TreeMap second = new TreeMap().Add("B", TreeScalar.String("2"));

        List<KeyValuePair<string, string>> variables = SecretEnvironment.From(new TreeDocument([first, second]), "f.yaml");

        Assert.Equal([new KeyValuePair<string, string>("A", "1")], variables);
    }

    [Theory]
    [InlineData("")]
    [InlineData("A=B")]
    [InlineData("A\0B")]
    public void A_key_that_cannot_name_a_variable_is_refused_without_showing_the_value(string key)
    {
        CliException error = Assert.Throws<CliException>(() =>
            SecretEnvironment.From(new TreeDocument(new TreeMap().Add(key, TreeScalar.String("SENTINEL-key"))), "f.yaml"));

        Assert.Equal(1, error.ExitCode);
        Assert.StartsWith("f.yaml: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SENTINEL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_with_a_nul_character_is_refused_without_showing_it()
    {
        CliException error = Assert.Throws<CliException>(() =>
            SecretEnvironment.From(new TreeDocument(new TreeMap().Add("K", TreeScalar.String("SENTINEL\0x"))), "f.yaml"));

        Assert.Contains("'K'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SENTINEL", error.Message, StringComparison.Ordinal);
    }
}

using System.Text;
using Crypt.Formats.Stores;
using Crypt.Formats.Tree;
using Crypt.Formats.Yaml;
using Crypt.Tests;

namespace Crypt.Formats.Tests.Yaml;

/// <summary>Real sops-written YAML files (shared/fixtures/sops) read and written back byte for byte.</summary>
public sealed class YamlFixtureRoundTripTests
{
    private readonly YamlStore _store = new();

    public static TheoryData<string, int> SopsWrittenFiles => new()
    {
        { "humphd-sops-age/secret.enc.yaml", 2 },
        { "sops-nix/secrets.yaml", 4 },
        { "helm-secrets/secrets.age.yaml", 4 },
        { "terragrunt-tests-issue-2103/file.enc.yaml", 4 },
        { "sops-secrets-operator/00-test-secrets.yaml", 4 },
        { "sops-secrets-operator/03-test-secrets-enforce-ownership.yaml", 4 },
        { "sops-secrets-operator/04-test-secrets-mac-only.yaml", 4 },
        { "sops-secrets-operator/negative-01-tampered-value.yaml", 4 },
        { "sops-secrets-operator/03-raw-test-secrets-enforce-ownership.yaml", 4 },
        { "sops-secrets-operator/negative-01-raw-test-secrets.yaml", 4 },
    };

    [Theory]
    [MemberData(nameof(SopsWrittenFiles))]
    public void Parse_then_emit_reproduces_a_sops_written_file_byte_for_byte(string file, int indent)
    {
        byte[] original = File.ReadAllBytes(Path.Combine(SharedPaths.SopsFixtures, file));

        TreeDocument doc = _store.ParseEncrypted(original);
        byte[] written = _store.EmitEncrypted(doc, new EmitOptions(indent));

        Assert.Equal(Encoding.UTF8.GetString(original), Encoding.UTF8.GetString(written));
    }

    [Fact]
    public void A_sops_3_6_file_is_rewritten_in_the_sops_3_13_layout()
    {
        // sops 3.6.1 used a go-yaml v2 fork: unindented "-   " sequences and single-quoted
        // timestamps. sops 3.13 (go-yaml v3) rewrites those lines; everything else is unchanged.
        string path = Path.Combine(SharedPaths.SopsFixtures, "pgp-comment-vectors", "getsops-comments.enc.yaml");
        string original = File.ReadAllText(path);

        string written = Encoding.UTF8.GetString(_store.EmitEncrypted(_store.ParseEncrypted(File.ReadAllBytes(path)), EmitOptions.Default));

        string expected = original
            .Replace("    lastmodified: '2020-10-07T15:49:13Z'", "    lastmodified: \"2020-10-07T15:49:13Z\"", StringComparison.Ordinal)
            .Replace("    -   created_at: '2019-08-29T21:52:32Z'\n        enc: |\n", "        - created_at: \"2019-08-29T21:52:32Z\"\n          enc: |\n", StringComparison.Ordinal)
            .Replace("\n        fp: FBC7", "\n          fp: FBC7", StringComparison.Ordinal);
        Assert.Equal(expected, written);
    }
}

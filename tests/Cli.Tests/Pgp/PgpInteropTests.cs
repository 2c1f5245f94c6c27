using System.Text.RegularExpressions;
using Crypt.Tests;

namespace Crypt.Cli.Tests.Pgp;

/// <summary>
/// PGP files between crypt and the real sops 3.13.2, both going through Debian's gpg with the
/// same keyring: each opens what the other wrote, to the same bytes, with PGP alone, PGP next to
/// age in one group, and PGP as one Shamir share among age groups; sops's own PGP fixtures
/// (pgp-comment-vectors, sops-nix) open with their published keys.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed partial class PgpInteropTests(GnuPgHome home) : IClassFixture<GnuPgHome>, IDisposable
{
    private const string Yaml = "# config\nname: demo\npassword: s3cr3t\nlist:\n    - 1\n    - two\nnested:\n    token: abc\n";
    private const string Json = "{\n\t\"token\": \"abc\",\n\t\"n\": 3,\n\t\"list\": [\n\t\ttrue,\n\t\t\"x\"\n\t]\n}\n";
    private const string Dotenv = "# comment\nTOKEN=abc\nEMPTY=\nURL=https://example.org/?a=b\n";
    private readonly PgpFolder _folder = new(home);

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("in.yaml", Yaml)]
    [InlineData("in.json", Json)]
    [InlineData("in.env", Dotenv)]
    public void A_file_sops_encrypted_for_a_pgp_key_decrypts_with_crypt_to_the_same_bytes(string name, string plaintext)
    {
        _folder.Write(name, plaintext);
        _folder.Write("enc-" + name, _folder.SopsOk(_folder.WithGpg(), "encrypt", "--pgp", home.Generated, name));

        Assert.Equal(plaintext, _folder.CryptOk(_folder.WithGpg(), "decrypt", "enc-" + name));
    }

    [Theory]
    [InlineData("in.yaml", Yaml)]
    [InlineData("in.json", Json)]
    [InlineData("in.env", Dotenv)]
    public void A_file_crypt_encrypted_for_a_pgp_key_decrypts_with_sops_to_the_same_bytes(string name, string plaintext)
    {
        _folder.Write(name, plaintext);
        _folder.CryptOk(_folder.WithGpg(), "encrypt", "--pgp", GnuPgHome.SopsFunctionalTestsKey, "--output", "enc-" + name, name);

        Assert.Equal(plaintext, _folder.SopsOk(_folder.WithGpg(), "decrypt", "enc-" + name));
    }

    [Theory]
    [InlineData("in.yaml", Yaml)]
    [InlineData("in.json", Json)]
    public void Crypt_writes_the_pgp_entry_exactly_as_sops_lays_it_out(string name, string plaintext)
    {
        _folder.Write(name, plaintext);
        string bySops = _folder.SopsOk(_folder.WithGpg(), "encrypt", "--pgp", home.Generated, name);
        string byCrypt = _folder.CryptOk(_folder.WithGpg(), "encrypt", "--pgp", home.Generated, name);

        Assert.Contains("-----BEGIN PGP MESSAGE-----", byCrypt, StringComparison.Ordinal);
        Assert.Equal(Normalized(bySops), Normalized(byCrypt));
    }

    [Fact]
    public void Pgp_and_age_in_one_group_open_with_either_key_alone_in_both_tools()
    {
        string age = _folder.AgeKey("age.txt");
        _folder.Write("in.yaml", Yaml);
        _folder.Write("sops.yaml", _folder.SopsOk(_folder.WithGpg(), "encrypt", "--pgp", home.Generated, "--age", age, "in.yaml"));
        _folder.CryptOk(_folder.WithGpg(), "encrypt", "--pgp", home.Generated, "--age", age, "--output", "crypt.yaml", "in.yaml");

        foreach (string file in new[] { "sops.yaml", "crypt.yaml" })
        {
            Assert.Contains($"fp: {home.Generated}\n", _folder.Read(file), StringComparison.Ordinal);
            Assert.Contains($"recipient: {age}\n", _folder.Read(file), StringComparison.Ordinal);
            Assert.Equal(Yaml, _folder.CryptOk(_folder.WithGpg(), "decrypt", file));
            Assert.Equal(Yaml, _folder.SopsOk(_folder.WithGpg(), "decrypt", file));
            Assert.Equal(Yaml, _folder.CryptOk(_folder.WithoutGpg("age.txt"), "decrypt", file));
            Assert.Equal(Yaml, _folder.SopsOk(_folder.WithoutGpg("age.txt"), "decrypt", file));
        }
    }

    [Fact]
    public void Shamir_groups_of_pgp_and_age_need_two_of_three_in_both_tools()
    {
        string age1 = _folder.AgeKey("age1.txt");
        string age2 = _folder.AgeKey("age2.txt");
        _folder.Write(".sops.yaml", $"""
            creation_rules:
              - path_regex: .*
                shamir_threshold: 2
                key_groups:
                  - pgp:
                      - {home.Generated}
                  - age:
                      - {age1}
                  - age:
                      - {age2}
            """);
        _folder.Write("in.yaml", Yaml);
        _folder.Write("crypt.yaml", _folder.CryptOk(_folder.WithGpg(), "encrypt", "in.yaml"));
        _folder.Write("sops.yaml", _folder.SopsOk(_folder.WithGpg(), "encrypt", "in.yaml"));
        Assert.Contains("shamir_threshold: 2", _folder.Read("crypt.yaml"), StringComparison.Ordinal);

        foreach (string file in new[] { "crypt.yaml", "sops.yaml" })
        {
            // gpg plus either age key: two groups.
            Assert.Equal(Yaml, _folder.CryptOk(_folder.WithGpg("age1.txt"), "decrypt", file));
            Assert.Equal(Yaml, _folder.SopsOk(_folder.WithGpg("age2.txt"), "decrypt", file));

            // One group only: both refuse, with the same exit code.
            CryptResult crypt = _folder.Crypt(_folder.WithoutGpg("age1.txt"), "decrypt", file);
            CryptResult sops = _folder.Sops(_folder.WithoutGpg("age1.txt"), "decrypt", file);
            Assert.Equal(128, crypt.ExitCode);
            Assert.Equal(sops.ExitCode, crypt.ExitCode);
            Assert.Contains("Shamir threshold of 2, but only 1 part(s)", crypt.Stderr, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("getsops-comments.enc.yaml")]
    [InlineData("sops-nix-secrets.env")]
    public void The_pgp_comment_vectors_decrypt_with_their_published_keys_as_sops_decrypts_them(string vector)
    {
        string path = Path.Combine(GnuPgHome.PgpVectors, vector);

        string byCrypt = _folder.CryptOk(_folder.WithGpg(), "decrypt", path);

        Assert.Equal(_folder.SopsOk(_folder.WithGpg(), "decrypt", path), byCrypt);
        if (vector.EndsWith(".yaml", StringComparison.Ordinal))
        {
            // The plain file ends without a newline; decrypted YAML always ends with one.
            Assert.Equal(File.ReadAllText(Path.Combine(GnuPgHome.PgpVectors, "getsops-comments.plain.yaml")) + "\n", byCrypt);
        }
        else
        {
            Assert.Contains("example_multiline=foo\\nbar\\nbaz\n", byCrypt, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_sops_nix_file_opens_with_its_pgp_key_alone()
    {
        string path = Path.Combine(SharedPaths.SopsFixtures, "sops-nix", "secrets.yaml");

        string byCrypt = _folder.CryptOk(_folder.WithGpg(), "decrypt", path);

        Assert.Equal(_folder.SopsOk(_folder.WithGpg(), "decrypt", path), byCrypt);
        Assert.Contains("test_key: test_value", byCrypt, StringComparison.Ordinal);
    }

    // The document with everything random or time-dependent blanked: values, MAC, times, armor.
    private static string Normalized(string document) =>
        Armor().Replace(Timestamp().Replace(EncValue().Replace(document, "ENC[...]"), "TIME"), "ARMOR");

    [GeneratedRegex(@"ENC\[AES256_GCM,[^\]]*\]")]
    private static partial Regex EncValue();

    [GeneratedRegex(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")]
    private static partial Regex Timestamp();

    [GeneratedRegex("-----BEGIN PGP MESSAGE-----.*?-----END PGP MESSAGE-----", RegexOptions.Singleline)]
    private static partial Regex Armor();
}

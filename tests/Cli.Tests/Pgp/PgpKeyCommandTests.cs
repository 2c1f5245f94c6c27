using Crypt.Tests;

namespace Crypt.Cli.Tests.Pgp;

/// <summary>
/// The PGP key flags and rules of every command that picks keys, checked by what the real sops
/// (through the same gpg keyring) can open afterwards: <c>--pgp</c>/<c>-p</c> and
/// <c>SOPS_PGP_FP</c>, <c>rotate --add-pgp/--rm-pgp</c>, <c>updatekeys</c> with a pgp creation
/// rule, <c>groups add --pgp</c>, the classic <c>-e/-d/-r</c> forms, and a missing gpg.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PgpKeyCommandTests(GnuPgHome home) : IClassFixture<GnuPgHome>, IDisposable
{
    private const string Yaml = "user: alice\npassword: s3cr3t\n";
    private readonly PgpFolder _folder = new(home);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void SOPS_PGP_FP_names_the_keys_when_no_key_flag_is_given()
    {
        _folder.Write("in.yaml", Yaml);
        Dictionary<string, string> environment = _folder.WithGpg();
        environment["SOPS_PGP_FP"] = $"{home.Generated},{GnuPgHome.SopsNixKey}";

        _folder.Write("enc.yaml", _folder.CryptOk(environment, "encrypt", "in.yaml"));

        Assert.Contains($"fp: {home.Generated}\n", _folder.Read("enc.yaml"), StringComparison.Ordinal);
        Assert.Contains($"fp: {GnuPgHome.SopsNixKey}\n", _folder.Read("enc.yaml"), StringComparison.Ordinal);
        Assert.Equal(Yaml, _folder.SopsOk(_folder.WithGpg(), "decrypt", "enc.yaml"));
    }

    [Fact]
    public void Rotate_add_pgp_lets_the_pgp_key_open_the_file_and_rm_pgp_takes_it_away_again()
    {
        string age = _folder.AgeKey("age.txt");
        _folder.Write("s.yaml", Yaml);
        _folder.CryptOk(_folder.WithoutGpg(), "encrypt", "-i", "--age", age, "s.yaml");
        Assert.NotEqual(0, _folder.Sops(_folder.WithGpg(), "decrypt", "s.yaml").ExitCode);

        _folder.CryptOk(_folder.WithGpg("age.txt"), "rotate", "-i", "--add-pgp", home.Generated, "s.yaml");
        Assert.Equal(Yaml, _folder.SopsOk(_folder.WithGpg(), "decrypt", "s.yaml"));
        Assert.Equal(Yaml, _folder.CryptOk(_folder.WithGpg(), "decrypt", "s.yaml"));

        _folder.CryptOk(_folder.WithGpg("age.txt"), "rotate", "-i", "--rm-pgp", home.Generated, "s.yaml");
        Assert.DoesNotContain("pgp", _folder.Read("s.yaml"), StringComparison.Ordinal);
        Assert.Equal(128, _folder.Crypt(_folder.WithGpg(), "decrypt", "s.yaml").ExitCode);
        Assert.Equal(Yaml, _folder.SopsOk(_folder.WithoutGpg("age.txt"), "decrypt", "s.yaml"));
    }

    [Fact]
    public void Rotate_re_wraps_the_pgp_keys_a_sops_file_already_has()
    {
        _folder.Write("in.yaml", Yaml);
        _folder.Write("s.yaml", _folder.SopsOk(_folder.WithGpg(), "encrypt", "--pgp", $"{home.Generated},{GnuPgHome.SopsFunctionalTestsKey}", "in.yaml"));
        string before = _folder.Read("s.yaml");

        _folder.CryptOk(_folder.WithGpg(), "rotate", "-i", "s.yaml");

        Assert.NotEqual(before, _folder.Read("s.yaml"));
        Assert.Contains($"fp: {GnuPgHome.SopsFunctionalTestsKey}\n", _folder.Read("s.yaml"), StringComparison.Ordinal);
        Assert.Equal(Yaml, _folder.SopsOk(_folder.WithGpg(), "decrypt", "s.yaml"));
    }

    [Fact]
    public void Updatekeys_adds_the_pgp_key_of_the_creation_rule_and_sops_then_opens_the_file_with_gpg()
    {
        string age = _folder.AgeKey("age.txt");
        _folder.Write("s.yaml", Yaml);
        _folder.CryptOk(_folder.WithoutGpg(), "encrypt", "-i", "--age", age, "s.yaml");
        _folder.Write(".sops.yaml", $"creation_rules:\n  - path_regex: s\\.yaml$\n    age: {age}\n    pgp: '{home.Generated}'\n");

        string shown = _folder.CryptOk(_folder.WithGpg("age.txt"), "updatekeys", "--yes", "s.yaml");

        Assert.Contains($"+++ {home.Generated}\n", shown, StringComparison.Ordinal);
        Assert.Contains($"    {age}\n", shown, StringComparison.Ordinal);
        Assert.Equal(Yaml, _folder.SopsOk(_folder.WithGpg(), "decrypt", "s.yaml"));
        Assert.Contains("already up to date", _folder.Crypt(_folder.WithGpg("age.txt"), "updatekeys", "--yes", "s.yaml").Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_group_rule_lists_pgp_fingerprints_and_groups_add_pgp_adds_a_group()
    {
        string age = _folder.AgeKey("age.txt");
        _folder.Write(".sops.yaml", $"creation_rules:\n  - key_groups:\n      - age:\n          - {age}\n        pgp:\n          - {home.Generated}\n");
        _folder.Write("s.yaml", Yaml);
        _folder.CryptOk(_folder.WithGpg(), "encrypt", "-i", "s.yaml");
        Assert.Equal(Yaml, _folder.SopsOk(_folder.WithGpg(), "decrypt", "s.yaml"));

        _folder.CryptOk(_folder.WithGpg(), "groups", "add", "--file", "s.yaml", "-i", "--pgp", GnuPgHome.SopsNixKey);

        Assert.Contains("key_groups:", _folder.Read("s.yaml"), StringComparison.Ordinal);
        Assert.Contains($"fp: {GnuPgHome.SopsNixKey}\n", _folder.Read("s.yaml"), StringComparison.Ordinal);
        Assert.Equal(Yaml, _folder.SopsOk(_folder.WithGpg(), "decrypt", "s.yaml"));
        Assert.Equal(Yaml, _folder.CryptOk(_folder.WithGpg(), "decrypt", "s.yaml"));
        Assert.Equal(128, _folder.Crypt(_folder.WithoutGpg("age.txt"), "decrypt", "s.yaml").ExitCode);
    }

    [Fact]
    public void The_classic_command_line_takes_p_add_pgp_and_rm_pgp_as_sops_does()
    {
        _folder.Write("in.yaml", Yaml);
        _folder.Write("enc.yaml", _folder.CryptOk(_folder.WithGpg(), "-e", "-p", home.Generated, "in.yaml"));
        Assert.Equal(Yaml, _folder.CryptOk(_folder.WithGpg(), "-d", "enc.yaml"));

        _folder.CryptOk(_folder.WithGpg(), "-r", "-i", "--add-pgp", GnuPgHome.SopsFunctionalTestsKey, "--rm-pgp", home.Generated, "enc.yaml");

        Assert.DoesNotContain(home.Generated, _folder.Read("enc.yaml"), StringComparison.Ordinal);
        Assert.Equal(Yaml, _folder.SopsOk(_folder.WithGpg(), "-d", "enc.yaml"));
    }

    [Fact]
    public void Without_gpg_encrypt_and_decrypt_fail_with_sops_exit_codes_and_say_which_binary_is_missing()
    {
        _folder.Write("in.yaml", Yaml);
        _folder.Write("enc.yaml", _folder.SopsOk(_folder.WithGpg(), "encrypt", "--pgp", home.Generated, "in.yaml"));

        CryptResult encrypt = _folder.Crypt(_folder.WithoutGpg(), "encrypt", "--pgp", home.Generated, "in.yaml");
        CryptResult sopsEncrypt = _folder.Sops(_folder.WithoutGpg(), "encrypt", "--pgp", home.Generated, "in.yaml");
        Assert.Equal(sopsEncrypt.ExitCode, encrypt.ExitCode);
        Assert.Equal(1, encrypt.ExitCode);
        Assert.Equal(
            $"crypt: in.yaml: could not wrap the data key: PGP key {home.Generated}: cannot run '{PgpFolder.NoGpg}' (check SOPS_GPG_EXEC): No such file or directory\n",
            encrypt.Stderr);
        Assert.Empty(encrypt.Stdout);

        CryptResult decrypt = _folder.Crypt(_folder.WithoutGpg(), "decrypt", "enc.yaml");
        Assert.Equal(_folder.Sops(_folder.WithoutGpg(), "decrypt", "enc.yaml").ExitCode, decrypt.ExitCode);
        Assert.Equal(128, decrypt.ExitCode);
        Assert.Contains($"pgp {home.Generated}: FAILED\n    - cannot run '{PgpFolder.NoGpg}' (check SOPS_GPG_EXEC)", decrypt.Stderr, StringComparison.Ordinal);
        Assert.Empty(decrypt.Stdout);
    }

    [Fact]
    public void A_pgp_key_missing_from_the_keyring_is_named_with_gpgs_reason_and_nothing_is_written()
    {
        const string Unknown = "0123456789ABCDEF0123456789ABCDEF01234567";
        _folder.Write("in.yaml", Yaml);

        CryptResult encrypt = _folder.Crypt(_folder.WithGpg(), "encrypt", "-i", "--pgp", Unknown, "in.yaml");

        Assert.Equal(1, encrypt.ExitCode);
        Assert.StartsWith($"crypt: in.yaml: could not wrap the data key: PGP key {Unknown}: gpg could not encrypt the data key: ", encrypt.Stderr, StringComparison.Ordinal);
        Assert.Contains("No public key", encrypt.Stderr, StringComparison.Ordinal);
        Assert.Single(encrypt.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(Yaml, _folder.Read("in.yaml"));
    }
}

using Crypt.Crypto.Age;
using Crypt.Tests;

namespace Crypt.Crypto.Tests.Age;

public sealed class AgeKeyParserTests
{
    // The X25519 example pair from the age v1 spec (c2sp.org/age, "The X25519 recipient type").
    private const string SpecIdentity = "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX";
    private const string SpecRecipient = "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj";

    public static TheoryData<string> FixtureIdentityFiles() =>
        [.. Directory.GetFiles(SharedPaths.SopsFixtures, "*.txt", SearchOption.AllDirectories)
            .Where(p => Path.GetFileName(p).Contains("key", StringComparison.Ordinal))
            .Select(p => Path.GetRelativePath(SharedPaths.SopsFixtures, p))
            .Order(StringComparer.Ordinal)];

    [Fact]
    public void The_spec_identity_yields_the_spec_recipient_and_prints_back_in_upper_case()
    {
        using X25519Identity identity = X25519Identity.Parse(SpecIdentity);
        Assert.Equal(SpecRecipient, identity.Recipient.ToString());
        Assert.Equal(SpecIdentity, identity.ToSecretString());
        Assert.Equal(SpecRecipient, X25519Recipient.Parse(SpecRecipient).ToString());
    }

    [Theory]
    [InlineData("age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwk", "invalid checksum")]
    [InlineData("age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwJ", "mixed case")]
    [InlineData("age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnuj", "invalid checksum")]
    [InlineData("age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwjqq", "invalid checksum")]
    [InlineData("age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwb", "invalid character")]
    public void A_malformed_recipient_is_rejected_with_the_reason(string recipient, string reason)
    {
        AgeException error = Assert.Throws<AgeException>(() => AgeKeyParser.ParseRecipient(recipient));
        Assert.Equal(AgeFailure.InvalidKey, error.Failure);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_upper_case_bech32_string_decodes_like_the_lower_case_one()
    {
        Assert.True(Bech32.TryDecode(SpecRecipient.ToUpperInvariant(), out string hrp, out byte[] upper, out _));
        Assert.True(Bech32.TryDecode(SpecRecipient, out _, out byte[] lower, out _));
        Assert.Equal("AGE", hrp);
        Assert.Equal(lower, upper);
    }

    [Theory]
    [InlineData("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIO")]
    [InlineData("ssh-ed25519")]
    [InlineData("ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl")]
    public void A_truncated_or_mislabelled_ssh_recipient_is_an_invalid_key(string recipient)
    {
        AgeException error = Assert.Throws<AgeException>(() => AgeKeyParser.ParseRecipient(recipient));
        Assert.Equal(AgeFailure.InvalidKey, error.Failure);
        Assert.Contains("SSH recipient", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lower_case_identity_is_not_an_identity_as_in_age()
    {
        AgeException error = Assert.Throws<AgeException>(() => AgeKeyParser.ParseIdentity(SpecIdentity.ToLowerInvariant()));
        Assert.Equal(AgeFailure.InvalidKey, error.Failure);
    }

    [Fact]
    public void A_plugin_recipient_parses_and_names_its_missing_plugin_when_used()
    {
        // Bech32 of HRP age1cryptmissing with the byte 'x'.
        IAgeRecipient recipient = AgeKeyParser.ParseRecipient("age1cryptmissing10qkf0z84");
        Assert.Equal("cryptmissing", Assert.IsType<AgePluginRecipient>(recipient).Name);
        AgeException error = Assert.Throws<AgeException>(() => recipient.Wrap(new byte[16]));
        Assert.Equal(AgeFailure.UnsupportedRecipient, error.Failure);
        Assert.Contains("age-plugin-cryptmissing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_plugin_recipient_is_an_invalid_key() =>
        Assert.Equal(AgeFailure.InvalidKey, Assert.Throws<AgeException>(() => AgeKeyParser.ParseRecipient("age1yubikey1q2w3e4r5t6y7u8i9o0p")).Failure);

    [Fact]
    public void A_recipient_list_is_split_on_commas_and_trimmed()
    {
        IReadOnlyList<IAgeRecipient> list = AgeKeyParser.ParseRecipientList($" {SpecRecipient} ,\t{SpecRecipient}\n");
        Assert.Equal([SpecRecipient, SpecRecipient], list.Select(r => r.ToString()));
        Assert.Empty(AgeKeyParser.ParseRecipientList(string.Empty));
        Assert.Throws<AgeException>(() => AgeKeyParser.ParseRecipientList($"{SpecRecipient},,{SpecRecipient}"));
    }

    [Theory]
    [MemberData(nameof(FixtureIdentityFiles))]
    public void A_sops_fixture_identity_file_parses_and_matches_its_public_key_comments(string relativePath)
    {
        string text = File.ReadAllText(Path.Combine(SharedPaths.SopsFixtures, relativePath));
        IReadOnlyList<IAgeIdentity> identities = AgeKeyParser.ParseIdentityFile(text, relativePath);
        string[] recipients = [.. identities.Cast<X25519Identity>().Select(i => i.Recipient.ToString())];
        Assert.Equal(text.Split('\n').Count(l => l.StartsWith("AGE-SECRET-KEY-1", StringComparison.Ordinal)), identities.Count);
        foreach (string comment in text.Split('\n').Where(l => l.StartsWith("# public key: ", StringComparison.Ordinal)))
        {
            Assert.Contains(comment["# public key: ".Length..].Trim(), recipients);
        }
    }

    [Fact]
    public void An_identity_file_without_trailing_newline_with_crlf_comments_and_blank_lines_parses()
    {
        string text = $"# created: 2021-01-02T15:30:45+01:00\r\n# public key: {SpecRecipient}\r\n\r\n{SpecIdentity}\r\n\n{SpecIdentity}";
        Assert.Equal(2, AgeKeyParser.ParseIdentityFile(text).Count);
    }

    [Fact]
    public void Sops_age_key_may_hold_several_identities_on_one_line()
    {
        Assert.Equal(3, AgeKeyParser.ParseIdentityList($"{SpecIdentity} {SpecIdentity}\t\n# comment\n  {SpecIdentity}  ").Count);
        // An identity file is stricter: one identity per line.
        Assert.Throws<AgeException>(() => AgeKeyParser.ParseIdentityFile($"{SpecIdentity} {SpecIdentity}"));
    }

    [Fact]
    public void An_identity_file_without_identities_is_an_error()
    {
        AgeException error = Assert.Throws<AgeException>(() => AgeKeyParser.ParseIdentityFile("# only a comment\n\n", "keys.txt"));
        Assert.Equal("keys.txt: no identities found", error.Message);
    }

    [Fact]
    public void A_bad_identity_line_is_named_by_number_and_its_secret_is_never_repeated()
    {
        // A valid-looking key with one character changed: the checksum fails.
        string sentinel = SpecIdentity[..^1] + "Y";
        AgeException error = Assert.Throws<AgeException>(() => AgeKeyParser.ParseIdentityFile($"# comment\n{SpecIdentity}\n{sentinel}\n", "keys.txt"));
        Assert.StartsWith("keys.txt: line 3:", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("GFPYYSJZ", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("GFPYYSJZ", error.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Identities_and_passphrases_never_print_their_secrets()
    {
        using X25519Identity identity = X25519Identity.Parse(SpecIdentity);
        using ScryptIdentity passphrase = new("sentinel-passphrase-123");
        using ScryptRecipient passphraseRecipient = new("sentinel-passphrase-123", workFactor: 10);
        Assert.DoesNotContain("GFPYYSJZ", identity.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(SpecRecipient, identity.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("sentinel", passphrase.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("sentinel", passphraseRecipient.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_generated_identity_round_trips_through_its_string_form()
    {
        using X25519Identity generated = X25519Identity.Generate();
        string secret = generated.ToSecretString();
        Assert.StartsWith("AGE-SECRET-KEY-1", secret, StringComparison.Ordinal);
        Assert.Equal(secret.ToUpperInvariant(), secret);
        using X25519Identity parsed = X25519Identity.Parse(secret);
        Assert.Equal(generated.Recipient.ToString(), parsed.Recipient.ToString());
    }
}

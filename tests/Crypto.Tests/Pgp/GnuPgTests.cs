using System.Runtime.Versioning;
using System.Text;
using Crypt.Crypto.Age;
using Crypt.Crypto.Errors;
using Crypt.Crypto.Keys;
using Crypt.Crypto.KeySources;
using Crypt.Crypto.Pgp;
using Crypt.Tests;

namespace Crypt.Crypto.Tests.Pgp;

/// <summary>
/// The PGP key source against Debian's GnuPG, both ways: what Crypt wraps opens with a plain
/// <c>gpg -d</c>, and what <c>gpg --encrypt</c> produced opens with Crypt. One private GnuPG
/// home for the class (fixture keys from pgp-comment-vectors and a generated ed25519 key).
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class GnuPgTests(GnuPgHome home) : IClassFixture<GnuPgHome>
{
    private static readonly byte[] s_dataKey = [.. Enumerable.Range(1, 32).Select(i => (byte)(i * 7))];

    private GnuPg Gpg => new(null, home.Directory);

    [Fact]
    public async Task A_wrapped_data_key_is_an_armored_pgp_message_that_plain_gpg_decrypts_to_the_same_bytes()
    {
        PgpKeyEntry entry = Assert.IsType<PgpKeyEntry>(await new PgpRecipient(home.Generated, Gpg).WrapAsync(s_dataKey, default));

        Assert.Equal(home.Generated, entry.Fingerprint);
        Assert.StartsWith("-----BEGIN PGP MESSAGE-----\n", entry.Enc, StringComparison.Ordinal);
        Assert.EndsWith("\n-----END PGP MESSAGE-----", entry.Enc, StringComparison.Ordinal); // trimmed, as sops stores it
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", entry.CreatedAt);
        Assert.Equal(s_dataKey, home.GpgBytes(Encoding.ASCII.GetBytes(entry.Enc), "--batch", "-d"));
    }

    [Fact]
    public async Task A_data_key_encrypted_by_plain_gpg_opens_with_the_pgp_unwrapper()
    {
        string armored = Encoding.ASCII.GetString(home.GpgBytes(s_dataKey, "--batch", "--trust-model", "always", "-a", "-e", "-r", GnuPgHome.SopsFunctionalTestsKey));

        byte[] opened = await new PgpUnwrapper(Gpg).UnwrapAsync(new PgpKeyEntry(GnuPgHome.SopsFunctionalTestsKey, "2024-01-01T00:00:00Z", armored), default);

        Assert.Equal(s_dataKey, opened);
    }

    [Fact]
    public async Task A_fingerprint_with_spaces_is_kept_without_them_as_sops_does()
    {
        string spaced = string.Join(' ', home.Generated.Chunk(4).Select(c => new string(c)));
        PgpRecipient recipient = new(spaced, Gpg);

        Assert.Equal(home.Generated, recipient.Id);
        Assert.Equal(home.Generated, (await recipient.WrapAsync(s_dataKey, default)).Id);
    }

    [Fact]
    public async Task A_missing_gpg_binary_is_a_GpgException_naming_the_binary_and_the_variable()
    {
        GpgException error = await Assert.ThrowsAsync<GpgException>(
            () => new PgpRecipient(home.Generated, new GnuPg("/nonexistent/gpg", home.Directory)).WrapAsync(s_dataKey, default));

        Assert.Equal(home.Generated, error.Fingerprint);
        Assert.Contains("'/nonexistent/gpg'", error.Reason, StringComparison.Ordinal);
        Assert.Contains(GnuPg.ExecutableVariable, error.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task Encrypting_to_a_key_not_in_the_keyring_reports_what_gpg_said_on_one_line()
    {
        const string Unknown = "0123456789ABCDEF0123456789ABCDEF01234567";
        GpgException error = await Assert.ThrowsAsync<GpgException>(() => new PgpRecipient(Unknown, Gpg).WrapAsync(s_dataKey, default));

        Assert.StartsWith("gpg could not encrypt the data key: ", error.Reason, StringComparison.Ordinal);
        Assert.Contains("No public key", error.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task Decrypting_without_the_secret_key_fails_without_showing_any_key_material()
    {
        PgpKeyEntry entry = (PgpKeyEntry)await new PgpRecipient(home.Generated, Gpg).WrapAsync(s_dataKey, default);
        using GnuPgHome empty = GnuPgHome.Empty();

        GpgException error = await Assert.ThrowsAsync<GpgException>(
            () => new PgpUnwrapper(new GnuPg(null, empty.Directory)).UnwrapAsync(entry, default));

        Assert.Contains("No secret key", error.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(s_dataKey), error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToBase64String(s_dataKey), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shamir_groups_mixing_pgp_and_age_recover_the_key_from_any_two_groups()
    {
        using X25519Identity age1 = X25519Identity.Generate();
        using X25519Identity age2 = X25519Identity.Generate();
        using DataKey key = DataKey.FromBytes(s_dataKey);
        WrappedKeyGroups wrapped = await DataKeyProtection.WrapAsync(
            key,
            [[new PgpRecipient(home.Generated, Gpg)], [new AgeRecipient(age1.Recipient.ToString())], [new AgeRecipient(age2.Recipient.ToString())]],
            2,
            default);

        // gpg plus one age identity: two groups of three.
        using AgeIdentityUnwrapper ageKeys = new([X25519Identity.Parse(age2.ToSecretString())]);
        using KeyRing ring = new([new PgpUnwrapper(Gpg), ageKeys]);
        using DataKey recovered = await DataKeyProtection.UnwrapAsync(wrapped.Groups, wrapped.ShamirThreshold, ring, null, default);

        Assert.Equal(s_dataKey, recovered.Span.ToArray());
        PgpKeyEntry pgp = Assert.IsType<PgpKeyEntry>(Assert.Single(wrapped.Groups[0]));
        Assert.Equal(33, home.GpgBytes(Encoding.ASCII.GetBytes(pgp.Enc), "--batch", "-d").Length); // a share, not the key
    }

    [Theory]
    [InlineData("FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4", "3D16CEE4A27381B4")]
    [InlineData("FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4!", "3D16CEE4A27381B4!")]
    [InlineData("A27381B4", "A27381B4")]
    public void The_trusted_key_id_is_the_last_16_digits_as_sops_shortens_it(string fingerprint, string expected) =>
        Assert.Equal(expected, GnuPg.ShortKeyId(fingerprint));

    [Fact]
    public void A_comma_separated_list_splits_like_sops_fingerprint_strings()
    {
        Assert.Equal(["AB CD".Replace(" ", string.Empty, StringComparison.Ordinal), "EF01"], PgpRecipient.ParseList("AB CD,EF01,"));
        Assert.Empty(PgpRecipient.ParseList(string.Empty));
    }
}

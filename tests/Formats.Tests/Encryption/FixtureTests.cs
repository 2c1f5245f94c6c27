using System.Text;
using Crypt.Crypto.Keys;
using Crypt.Crypto.Values;
using Crypt.Formats.Encryption;

namespace Crypt.Formats.Tests.Encryption;

/// <summary>
/// Every SOPS-written fixture (shared/fixtures/sops, see its README), checked without stores:
/// the MAC recomputed from the listed leaves, every ENC value decrypted with its AAD, and the
/// whole tree decrypted by the engine with the file's rule and MAC.
/// </summary>
public sealed class FixtureTests
{
    public static TheoryData<string> Fixtures => SopsFixture.Names;

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void The_MAC_recomputed_from_the_leaves_equals_the_stored_MAC(string name)
    {
        SopsFixture fixture = SopsFixture.Load(name);
        using SopsMac mac = new(fixture.MacOnlyEncrypted);
        foreach ((string _, string type, string plaintext) in fixture.Leaves)
        {
            if (!fixture.MacOnlyEncrypted || type != "unencrypted")
            {
                mac.Append(Encoding.UTF8.GetBytes(plaintext));
            }
        }

        Assert.Equal(fixture.MacPlaintext, mac.FinishHex());
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void The_stored_MAC_decrypts_under_the_lastmodified_AAD(string name)
    {
        SopsFixture fixture = SopsFixture.Load(name);
        using DataKey key = fixture.DataKey();
        using ValueCipher cipher = new(key);
        MacField.Verify(cipher, fixture.Mac, fixture.LastModified, fixture.MacPlaintext, stash: null);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_encrypted_value_decrypts_with_its_path_as_AAD(string name)
    {
        SopsFixture fixture = SopsFixture.Load(name);
        using DataKey key = fixture.DataKey();
        using ValueCipher cipher = new(key);
        List<(string Aad, string Type, string Plaintext)> encrypted = [.. fixture.Leaves.Where(l => l.Type != "unencrypted")];
        Assert.Equal(encrypted.Count, fixture.EncryptedValues.Count);
        for (int i = 0; i < encrypted.Count; i++)
        {
            Assert.True(EncryptedValue.TryParse(fixture.EncryptedValues[i], out EncryptedValue? value, out _));
            byte[]? plaintext = cipher.Decrypt(value!, Encoding.UTF8.GetBytes(encrypted[i].Aad));
            Assert.NotNull(plaintext);
            Assert.Equal(encrypted[i].Plaintext, Encoding.UTF8.GetString(plaintext));
            Assert.Equal(encrypted[i].Type, value!.Type.ToWireName());
        }

        List<(string Aad, string Plaintext)> comments = [.. fixture.Comments];
        Assert.Equal(comments.Count, fixture.EncryptedComments.Count);
        for (int i = 0; i < comments.Count; i++)
        {
            Assert.True(EncryptedValue.TryParse(fixture.EncryptedComments[i], out EncryptedValue? value, out _));
            Assert.Equal(comments[i].Plaintext, Encoding.UTF8.GetString(cipher.Decrypt(value!, Encoding.UTF8.GetBytes(comments[i].Aad))!));
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void The_engine_decrypts_the_whole_tree_and_the_MAC_verifies(string name)
    {
        SopsFixture fixture = SopsFixture.Load(name);
        using DecryptedDocument decrypted = SopsDocument.Decrypt(fixture.Tree(encrypted: true), fixture.Metadata(), fixture.DataKey(), DecryptOptions.Default);

        TreeAssert.Equal(fixture.Tree(encrypted: false), decrypted.Tree);
        Assert.Empty(decrypted.Warnings);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Reencrypting_a_fixture_reproduces_every_ciphertext_and_the_MAC(string name)
    {
        SopsFixture fixture = SopsFixture.Load(name);
        using DecryptedDocument decrypted = SopsDocument.Decrypt(fixture.Tree(encrypted: true), fixture.Metadata(), fixture.DataKey(), DecryptOptions.Default);

        // updatekeys keeps lastmodified: with the stash, the MAC text comes back identical too.
        EncryptedDocument again = SopsDocument.Seal(
            decrypted.Tree, fixture.DataKey(), new([], 0), fixture.Rule, fixture.MacOnlyEncrypted, decrypted.Stash, TimeProvider.System, fixture.LastModified);

        TreeAssert.Equal(fixture.Tree(encrypted: true), again.Tree);
        Assert.Equal(fixture.Mac, again.Metadata.Mac);
    }

    [Fact]
    public void The_tampered_fixture_fails_with_ValueDecryption_at_the_username_path()
    {
        // sops-secrets-operator/negative-01-tampered-value.yaml: same data key as fixture 00;
        // one base64 character of stringData.username was altered (fixtures README).
        string text = File.ReadAllText(Path.Combine(Crypt.Tests.SharedPaths.SopsFixtures, "sops-secrets-operator", "negative-01-tampered-value.yaml"));
        string[] enc = [.. System.Text.RegularExpressions.Regex.Matches(text, @"ENC\[AES256_GCM,[^\]]*\]").Select(m => m.Value)];
        Tree.TreeDocument tree = new(new Tree.TreeMap()
            .Add("apiVersion", Tree.TreeScalar.String("isindir.github.com/v1alpha3"))
            .Add("spec", new Tree.TreeMap().Add("secretTemplates", new Tree.TreeList([
                new Tree.TreeMap()
                    .Add("name", Tree.TreeScalar.String(enc[0]))
                    .Add("labels", new Tree.TreeMap().Add("jenkins.io/credentials-type", Tree.TreeScalar.String(enc[1])))
                    .Add("annotations", new Tree.TreeMap().Add("jenkins.io/credentials-description", Tree.TreeScalar.String(enc[2])))
                    .Add("stringData", new Tree.TreeMap().Add("username", Tree.TreeScalar.String(enc[3])).Add("password", Tree.TreeScalar.String(enc[4]))),
            ]))));
        SopsFixture reference = SopsFixture.Load("sops-secrets-operator/00-test-secrets.yaml");
        Crypt.Formats.Metadata.SopsMetadata metadata = reference.Metadata() with { LastModified = "2022-10-31T19:17:27Z", Mac = enc[5] };

        Crypto.Errors.ValueDecryptionException error = Assert.Throws<Crypto.Errors.ValueDecryptionException>(
            () => SopsDocument.Decrypt(tree, metadata, reference.DataKey(), DecryptOptions.Default));
        Assert.Equal("spec:secretTemplates:stringData:username", error.KeyPath);
    }
}

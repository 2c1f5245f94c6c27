using System.Text;
using System.Text.Json;
using Crypt.Crypto.Age;
using Crypt.Crypto.Errors;
using Crypt.Crypto.KeySources;
using Crypt.Formats.Metadata;
using Crypt.Formats.Tree;
using Crypt.Tests;

namespace Crypt.Formats.Tests.Fixtures;

/// <summary>
/// Every file real SOPS wrote (shared/fixtures/sops) decrypts with Crypt to its expected
/// plaintext: values, types, key order, comments; the MAC verifies. Age files are opened with
/// their published identity; the PGP ones with the data key from their expected JSON.
/// </summary>
public sealed class SopsFixtureDecryptionTests
{
    public static TheoryData<SopsFixture> Fixtures() => [.. SopsFixture.All()];

    public static TheoryData<SopsFixture> AgeFixtures() => [.. SopsFixture.All().Where(f => f.IdentityPath is not null)];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Decrypts_to_the_expected_documents_with_the_mac_verified(SopsFixture fixture)
    {
        using DecryptedDocument document = await DecryptAsync(fixture);

        JsonElement[] expected = [.. fixture.Expected.GetProperty("documents").EnumerateArray()];
        Assert.Equal(expected.Length, document.Tree.Branches.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            ExpectedTree.AssertMatches(expected[i], document.Tree.Branches[i]);
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Decrypted_comments_match_the_expected_texts_in_order(SopsFixture fixture)
    {
        using DecryptedDocument document = await DecryptAsync(fixture);
        string[] expected = fixture.Expected.TryGetProperty("comments", out JsonElement comments)
            ? [.. comments.EnumerateArray().Select(c => c.GetProperty("plaintext").GetString()!)]
            : [];
        Assert.Equal(expected, Comments(document.Tree).ToArray());
    }

    [Theory]
    [MemberData(nameof(AgeFixtures))]
    public async Task Age_fixtures_open_with_their_published_identity(SopsFixture fixture)
    {
        using KeyRing keys = AgeKeys(fixture);
        byte[] content = File.ReadAllBytes(fixture.EncryptedPath);
        using DecryptedDocument document = await SopsDocument.DecryptAsync(content, fixture.Format, keys, DecryptOptions.Default, CancellationToken.None);
        Assert.NotEmpty(document.Tree.Branches);
    }

    [Fact]
    public async Task The_tampered_fixture_fails_authentication_and_reveals_no_plaintext()
    {
        string folder = Path.Combine(SharedPaths.SopsFixtures, "sops-secrets-operator");
        byte[] content = File.ReadAllBytes(Path.Combine(folder, "negative-01-tampered-value.yaml"));
        using KeyRing keys = new([new AgeIdentityUnwrapper(AgeKeyParser.ParseIdentityFile(File.ReadAllText(Path.Combine(folder, "key-file.txt"))))]);

        ValueDecryptionException error = await Assert.ThrowsAsync<ValueDecryptionException>(
            () => SopsDocument.DecryptAsync(content, Stores.DocumentFormat.Yaml, keys, DecryptOptions.Default, CancellationToken.None));

        Assert.Contains("spec:secretTemplates:stringData:username:", error.Message, StringComparison.Ordinal);
        string raw = File.ReadAllText(Path.Combine(folder, "negative-01-raw-test-secrets.yaml"));
        foreach (string line in raw.Split('\n').Where(l => l.Contains("username", StringComparison.Ordinal)))
        {
            string value = line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            Assert.DoesNotContain(value, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_changed_clear_value_fails_the_mac()
    {
        string path = Path.Combine(SharedPaths.SopsFixtures, "sops-secrets-operator", "00-test-secrets.yaml");
        string text = File.ReadAllText(path);
        Assert.Contains("kind: SopsSecret", text, StringComparison.Ordinal);
        byte[] tampered = Encoding.UTF8.GetBytes(text.Replace("kind: SopsSecret", "kind: SopsSecreT", StringComparison.Ordinal));
        SopsFixture fixture = SopsFixture.All().Single(f => f.EncryptedPath == path);
        using KeyRing keys = AgeKeys(fixture);

        await Assert.ThrowsAsync<MacMismatchException>(
            () => SopsDocument.DecryptAsync(tampered, fixture.Format, keys, DecryptOptions.Default, CancellationToken.None));
        using DecryptedDocument ignored = await SopsDocument.DecryptAsync(tampered, fixture.Format, keys, DecryptOptions.Default with { IgnoreMac = true }, CancellationToken.None);
        Assert.NotEmpty(ignored.Tree.Branches);
    }

    private static async Task<DecryptedDocument> DecryptAsync(SopsFixture fixture)
    {
        byte[] content = File.ReadAllBytes(fixture.EncryptedPath);
        (TreeDocument tree, SopsMetadata metadata) = SopsDocument.ParseEncrypted(content, fixture.Format);
        using KeyRing keys = new(metadata.KeyGroups.SelectMany(g => g).Select(e => e.Type).Distinct().Select(t => new KnownDataKey(t, fixture.DataKey)));
        return await SopsDocument.DecryptAsync(tree, metadata, keys, DecryptOptions.Default, CancellationToken.None);
    }

    private static KeyRing AgeKeys(SopsFixture fixture) =>
        new([new AgeIdentityUnwrapper(AgeKeyParser.ParseIdentityFile(File.ReadAllText(fixture.IdentityPath!)))]);

    private static IEnumerable<string> Comments(TreeDocument tree) =>
        tree.Branches.SelectMany(b => Comments((TreeNode)b));

    private static IEnumerable<string> Comments(TreeNode node) => node switch
    {
        TreeComment comment => [comment.Text],
        TreeMap map => map.Items.SelectMany(i => Comments(i.Value)),
        TreeList list => list.Items.SelectMany(Comments),
        _ => [],
    };

    /// <summary>Stands in for a key type whose private key is not public (PGP): returns the fixture's data key.</summary>
    private sealed class KnownDataKey(string type, byte[] dataKey) : IKeyUnwrapper
    {
        public string Type => type;

        public bool IsRemote => false;

        public Task<byte[]> UnwrapAsync(MasterKeyEntry entry, CancellationToken cancellationToken) => Task.FromResult(dataKey.ToArray());
    }
}

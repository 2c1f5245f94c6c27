#if CRYPT_STORES
// NOTE FOR THE LEAD: compiled only with CRYPT_STORES, like src/Formats/SopsDocument.Files.cs;
// delete the #if/#endif once the stores and MetadataCodec are merged. Full-file fixture tests:
// every fixture parsed by its store, metadata extracted, decrypted with data_key_hex, MAC checked.
using Crypt.Formats.Stores;
using Crypt.Formats.Tree;
using Crypt.Tests;

namespace Crypt.Formats.Tests.Encryption;

public sealed class StoreFixtureTests
{
    public static TheoryData<string> Fixtures => SopsFixture.Names;

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_fixture_file_decrypts_through_its_store_and_the_MAC_verifies(string name)
    {
        SopsFixture fixture = SopsFixture.Load(name);
        DocumentFormat format = DocumentFormats.FromPath(name);
        byte[] bytes = File.ReadAllBytes(Path.Combine(SharedPaths.SopsFixtures, name));
        TreeDocument tree = DocumentStores.For(format).ParseEncrypted(bytes);
        Metadata.SopsMetadata metadata = Metadata.MetadataCodec.Extract(tree, format)!;

        using DecryptedDocument decrypted = SopsDocument.Decrypt(tree, metadata, fixture.DataKey(), DecryptOptions.Default);

        List<LeafSlot> expected = [.. LeafSlot.Of(fixture.Tree(encrypted: false)).Where(s => s.Node is TreeScalar)];
        List<LeafSlot> actual = [.. LeafSlot.Of(decrypted.Tree).Where(s => s.Node is TreeScalar)];
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Aad, actual[i].Aad);
            TreeAssert.Equal(expected[i].Node, actual[i].Node, expected[i].Aad);
        }
    }
}
#endif

using System.Security.Cryptography;
using System.Text;
using Crypt.Crypto.Keys;
using Crypt.Crypto.KeySources;
using Crypt.Crypto.Values;
using Crypt.Formats.Binary;
using Crypt.Formats.Metadata;
using Crypt.Formats.Stores;
using Crypt.Formats.Tests.Encryption;
using Crypt.Formats.Tree;
using CsCheck;

namespace Crypt.Formats.Tests.Binary;

public sealed class BinaryStoreTests
{
    private readonly BinaryStore _store = new();

    [Fact]
    public void The_whole_file_is_one_string_under_data_and_is_written_back_raw()
    {
        byte[] content = Encoding.UTF8.GetBytes("\ufeffline one\r\nline two\n\n");
        TreeDocument document = _store.ParsePlain(content);
        TreeMapItem item = Assert.Single(document.Branches[0].Items);
        Assert.Equal("data", item.Key);
        Assert.Equal(content, _store.EmitPlain(document, EmitOptions.Default));
    }

    [Fact]
    public void The_encrypted_form_is_json()
    {
        var root = new TreeMap().Add("data", TreeScalar.String("ENC[x]")).Add("sops", new TreeMap().Add("version", TreeScalar.String("3.13.2")));
        byte[] json = _store.EmitEncrypted(new TreeDocument(root), EmitOptions.Default);
        Assert.Equal("{\n\t\"data\": \"ENC[x]\",\n\t\"sops\": {\n\t\t\"version\": \"3.13.2\"\n\t}\n}\n", Encoding.UTF8.GetString(json));
        Assert.Equal(2, _store.ParseEncrypted(json).Branches[0].Items.Count);
    }

    [Fact]
    public void Emitting_without_a_string_data_item_is_an_error()
    {
        Assert.Throws<UnrepresentableOutputException>(() => _store.EmitPlain(new TreeDocument(new TreeMap()), EmitOptions.Default));
        Assert.Throws<UnrepresentableOutputException>(() => _store.EmitPlain(new TreeDocument(new TreeMap().Add("data", TreeScalar.Integer(1))), EmitOptions.Default));
        Assert.Throws<UnrepresentableOutputException>(() => _store.EmitValue(TreeScalar.String("x"), EmitOptions.Default));
    }

    [Fact]
    public void Content_that_is_not_utf8_is_kept_byte_for_byte()
    {
        byte[] content = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0xFF, 0xC0, 0x80];
        Assert.Equal(content, _store.EmitPlain(_store.ParsePlain(content), EmitOptions.Default));
    }

    [Fact]
    public void The_registry_returns_the_json_dotenv_and_binary_stores()
    {
        Assert.Equal(DocumentFormat.Json, DocumentStores.For(DocumentFormat.Json).Format);
        Assert.Equal(DocumentFormat.Dotenv, DocumentStores.For(DocumentFormat.Dotenv).Format);
        Assert.Equal(DocumentFormat.Binary, DocumentStores.For(DocumentFormat.Binary).Format);
    }

    [Fact]
    public void Any_bytes_survive_encrypt_emit_parse_decrypt_exactly() =>
        Gen.Byte.Array[0, 3000].Sample(content =>
        {
            using DataKey key = TestKeys.Fixed();
            EncryptedDocument encrypted = Seal(content, key);
            byte[] file = SopsDocument.Emit(encrypted, DocumentFormat.Binary, EmitOptions.Default);
            TreeDocument tree = DocumentStores.For(DocumentFormat.Binary).ParseEncrypted(file);
            tree.Branches[0].Items.RemoveAll(i => i.Key == "sops"); // no key groups in this test: the metadata is taken as sealed
            using DecryptedDocument decrypted = SopsDocument.Decrypt(tree, encrypted.Metadata, key.Clone(), DecryptOptions.Default);
            Assert.Equal(content, decrypted.EmitPlain(DocumentFormat.Binary, EmitOptions.Default));
        });

    [Fact]
    public void The_mac_is_the_sha512_of_the_raw_bytes_as_sops_hashes_a_go_string()
    {
        byte[] content = [0x00, 0xFF, 0xFE, 0x80, (byte)'a', 0xC3];
        using DataKey key = TestKeys.Fixed();
        EncryptedDocument encrypted = Seal(content, key);

        using ValueCipher cipher = new(key);
        Assert.True(EncryptedValue.TryParse(encrypted.Metadata.Mac, out EncryptedValue? mac, out _));
        byte[]? hex = cipher.Decrypt(mac!, Encoding.UTF8.GetBytes(encrypted.Metadata.LastModified));
        Assert.Equal(Convert.ToHexString(SHA512.HashData(content)), Encoding.ASCII.GetString(hex!));
    }

    private static EncryptedDocument Seal(byte[] content, DataKey key) =>
        SopsDocument.Seal(SopsDocument.ParsePlain(content, DocumentFormat.Binary), key, new WrappedKeyGroups([], 0), EncryptionRule.Default, false, null, new FixedClock(TestKeys.Now), null);
}

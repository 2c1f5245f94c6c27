using System.Text;
using Crypt.Crypto.Errors;
using Crypt.Formats.Binary;
using Crypt.Formats.Stores;
using Crypt.Formats.Tree;

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
        Assert.Throws<CryptFormatException>(() => _store.EmitPlain(new TreeDocument(new TreeMap()), EmitOptions.Default));
        Assert.Throws<CryptFormatException>(() => _store.EmitPlain(new TreeDocument(new TreeMap().Add("data", TreeScalar.Integer(1))), EmitOptions.Default));
        Assert.Throws<CryptFormatException>(() => _store.EmitValue(TreeScalar.String("x"), EmitOptions.Default));
    }

    [Fact]
    public void Content_that_is_not_utf8_is_refused_rather_than_altered() =>
        Assert.Throws<CryptFormatException>(() => _store.ParsePlain(new byte[] { 0x89, 0x50, 0x4E, 0x47 }));

    [Fact]
    public void The_registry_returns_the_json_dotenv_and_binary_stores()
    {
        Assert.Equal(DocumentFormat.Json, DocumentStores.For(DocumentFormat.Json).Format);
        Assert.Equal(DocumentFormat.Dotenv, DocumentStores.For(DocumentFormat.Dotenv).Format);
        Assert.Equal(DocumentFormat.Binary, DocumentStores.For(DocumentFormat.Binary).Format);
    }
}

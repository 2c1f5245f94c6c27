using Crypt.Crypto.Values;
using Crypt.Formats;
using Crypt.Formats.Metadata;
using Crypt.Formats.Stores;
using Crypt.Formats.Tree;

namespace Crypt.Bench;

/// <summary>
/// One encrypted file (crypt's own output) and both sides of the decrypt comparison. The data
/// key is handed over directly (the library's path after key recovery), so key unwrapping is
/// not measured.
/// </summary>
internal sealed class DecryptWorkload : IFloorWorkload
{
    private readonly EncryptWorkload _source;
    private readonly DocumentFormat _format;
    private readonly IDocumentStore _store;
    private readonly (EncryptedValue Value, byte[] Aad)[] _values;
    private readonly TreeDocument _plainTree;
    private readonly byte[] _scratch;
    private readonly MemoryStream _output = new();

    public DecryptWorkload(DocumentFormat format, int leaves)
    {
        _format = format;
        _store = DocumentStores.For(format);
        _source = new EncryptWorkload(format, leaves);
        _plainTree = _store.ParsePlain(_source.Plaintext);

        // Same values, same AADs, same order as crypt decrypts them, parsed once here.
        TreeDocument encrypted = _store.ParseEncrypted(Encrypted);
        _ = MetadataCodec.Extract(encrypted, format);
        List<LeafValue> leavesOf = LeafValues.Of(encrypted);
        _values = [.. leavesOf.Select(v => (Parse(v.Plaintext), v.Aad))];
        _scratch = new byte[_values.Max(v => v.Value.Data.Length)];
    }

    public byte[] Encrypted => _source.Encrypted;

    public int ValueCount => _values.Length;

    /// <summary>crypt: parse, take out the metadata, decrypt every value, MAC check, emit.</summary>
    public long Crypt()
    {
        // As crypt decrypt runs it: the parsed tree is decrypted in place (ownsTree), no IV stash.
        (TreeDocument tree, SopsMetadata metadata) = SopsDocument.ParseEncrypted(Encrypted, _format);
        using DecryptedDocument document = SopsDocument.Decrypt(tree, metadata, _source.DataKey.Clone(), new DecryptOptions { KeepIvs = false }, ownsTree: true);
        _output.SetLength(0);
        SopsDocument.EmitPlain(document.Tree, _format, EmitOptions.Default, _output);
        return _output.Length;
    }

    /// <summary>The floor: parse, GCM-open the same values, emit the plaintext tree.</summary>
    public long Floor()
    {
        TreeDocument tree = _store.ParseEncrypted(Encrypted);
        using ValueCipher cipher = new(_source.DataKey);
        foreach ((EncryptedValue value, byte[] aad) in _values)
        {
            if (!cipher.TryDecrypt(value, aad, _scratch))
            {
                throw new InvalidOperationException("benchmark input does not authenticate");
            }
        }

        GC.KeepAlive(tree);
        _output.SetLength(0);
        _store.EmitPlain(_plainTree, EmitOptions.Default, _output);
        return _output.Length;
    }

    public void Dispose() => _source.Dispose();

    private static EncryptedValue Parse(byte[] text) =>
        EncryptedValue.TryParse(System.Text.Encoding.UTF8.GetString(text), out EncryptedValue? value, out _)
            ? value!
            : throw new InvalidOperationException("benchmark input has a value that is not ENC[...]");
}

using Crypt.Crypto.Age;
using Crypt.Crypto.Keys;
using Crypt.Crypto.KeySources;
using Crypt.Crypto.Values;
using Crypt.Formats;
using Crypt.Formats.Metadata;
using Crypt.Formats.Stores;
using Crypt.Formats.Tree;

namespace Crypt.Bench;

/// <summary>
/// One plaintext file and everything both sides of the encrypt comparison need. The data key
/// is wrapped once here for a fixed in-memory age recipient, so neither side measures key
/// wrapping; crypt's side is the facade's own path (parse, seal, attach metadata, emit).
/// </summary>
internal sealed class EncryptWorkload : IFloorWorkload
{
    private readonly DocumentFormat _format;
    private readonly IDocumentStore _store;
    private readonly DataKey _dataKey = DataKey.Generate();
    private readonly WrappedKeyGroups _wrapped;
    private readonly LeafValue[] _values;
    private readonly TreeDocument _encryptedWithMetadata;
    private readonly MemoryStream _output = new();

    public EncryptWorkload(DocumentFormat format, int leaves)
    {
        _format = format;
        _store = DocumentStores.For(format);
        Plaintext = DocumentGenerator.Generate(format, leaves);
        using X25519Identity identity = X25519Identity.Generate();
        IReadOnlyList<IReadOnlyList<IKeyRecipient>> groups = [[new AgeRecipient(identity.Recipient.ToString())]];
        _wrapped = DataKeyProtection.WrapAsync(_dataKey, groups, 0, CancellationToken.None).GetAwaiter().GetResult();
        _values = [.. LeafValues.Of(_store.ParsePlain(Plaintext))];

        EncryptedDocument encrypted = Seal(_store.ParsePlain(Plaintext));
        _encryptedWithMetadata = encrypted.Tree.Clone();
        MetadataCodec.Attach(_encryptedWithMetadata, encrypted.Metadata, format);
        Encrypted = SopsDocument.Emit(encrypted, format, EmitOptions.Default);
    }

    public byte[] Plaintext { get; }

    /// <summary>What crypt wrote for <see cref="Plaintext"/> (the decrypt benchmarks' input).</summary>
    public byte[] Encrypted { get; }

    public DataKey DataKey => _dataKey;

    public int ValueCount => _values.Length;

    /// <summary>crypt: parse, encrypt every selected value, MAC, metadata, emit.</summary>
    public long Crypt()
    {
        // As crypt encrypt runs it: the parsed tree is encrypted in place (ownsTree).
        TreeDocument tree = SopsDocument.ParsePlain(Plaintext, _format);
        SopsDocument.EnsureEncryptable(tree, _format);
        _output.SetLength(0);
        SopsDocument.Emit(Seal(tree, ownsTree: true), _format, EmitOptions.Default, _output);
        return _output.Length;
    }

    /// <summary>The floor: parse, GCM over the same values, emit the encrypted tree.</summary>
    public long Floor()
    {
        TreeDocument tree = _store.ParsePlain(Plaintext);
        using ValueCipher cipher = new(_dataKey);
        EncryptedValue? last = null;
        foreach (LeafValue value in _values)
        {
            last = cipher.Encrypt(value.Plaintext, value.Aad, value.Type);
        }

        GC.KeepAlive(tree);
        GC.KeepAlive(last);
        _output.SetLength(0);
        _store.EmitEncrypted(_encryptedWithMetadata, EmitOptions.Default, _output);
        return _output.Length;
    }

    public void Dispose() => _dataKey.Dispose();

    private EncryptedDocument Seal(TreeDocument tree, bool ownsTree = false) =>
        SopsDocument.Seal(tree, _dataKey, _wrapped, EncryptionRule.Default, macOnlyEncrypted: false, stash: null, TimeProvider.System, keepLastModified: null, ownsTree);
}

using Crypt.Crypto.Keys;
using Crypt.Crypto.KeySources;
using Crypt.Formats.Encryption;
using Crypt.Formats.Metadata;
using Crypt.Formats.Stores;
using Crypt.Formats.Tree;

namespace Crypt.Formats;

/// <summary>
/// A decrypted SOPS document that remembers its data key and the IVs of its values, so it can
/// be written back with unchanged values keeping their exact ciphertext (SOPS's stash, FORMAT.md
/// §2.5): only edited lines change in a diff. Dispose wipes the key.
/// </summary>
public sealed partial class DecryptedDocument : IDisposable
{
    private readonly DataKey _dataKey;
    private readonly IvStash _stash;
    private readonly TimeProvider _clock;

    internal DecryptedDocument(TreeDocument tree, SopsMetadata metadata, IReadOnlyList<string> warnings, DataKey dataKey, IvStash stash, TimeProvider clock)
    {
        Tree = tree;
        Metadata = metadata;
        Warnings = warnings;
        _dataKey = dataKey;
        _stash = stash;
        _clock = clock;
    }

    /// <summary>The plaintext tree (without the <c>sops</c> block).</summary>
    public TreeDocument Tree { get; }

    /// <summary>The metadata the file had.</summary>
    public SopsMetadata Metadata { get; }

    /// <summary>Non-fatal findings, e.g. comments that did not decrypt and were kept as they are.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The IVs recorded while decrypting (empty unless <see cref="DecryptOptions.KeepIvs"/>).</summary>
    internal IvStash Stash => _stash;

    /// <summary>Writes the plaintext in <paramref name="format"/>.</summary>
    public byte[] EmitPlain(DocumentFormat format, EmitOptions options) =>
        SopsDocument.EmitPlain(Tree, format, options);

    /// <summary>
    /// Encrypts <paramref name="edited"/> with the same data key, keys and rule: unchanged values
    /// keep their ciphertext; <c>lastmodified</c> and the MAC are new (SOPS's edit and set).
    /// </summary>
    public EncryptedDocument Reencrypt(TreeDocument edited)
    {
        ArgumentNullException.ThrowIfNull(edited);
        return SopsDocument.Seal(edited, _dataKey, Wrapped(), Metadata.Rule, Metadata.MacOnlyEncrypted, _stash, _clock, keepLastModified: null);
    }

    /// <summary>
    /// Encrypts <see cref="Tree"/> under a new data key wrapped for <paramref name="keyGroups"/>
    /// (SOPS's rotate). Values keep their IVs, but every ciphertext changes with the key.
    /// </summary>
    public async Task<EncryptedDocument> RotateAsync(
        IReadOnlyList<IReadOnlyList<IKeyRecipient>> keyGroups,
        int shamirThreshold,
        CancellationToken cancellationToken)
    {
        using DataKey fresh = DataKey.Generate();
        WrappedKeyGroups wrapped = await DataKeyProtection.WrapAsync(fresh, keyGroups, shamirThreshold, cancellationToken).ConfigureAwait(false);
        return SopsDocument.Seal(Tree, fresh, wrapped, Metadata.Rule, Metadata.MacOnlyEncrypted, _stash, _clock, keepLastModified: null);
    }

    /// <summary>
    /// Wraps the same data key for <paramref name="keyGroups"/> (SOPS's updatekeys): values,
    /// <c>lastmodified</c> and MAC stay as they were. A threshold of 0 keeps the file's, capped at
    /// the number of groups. The old keys can still open old copies of the file: rotate to cut them off.
    /// </summary>
    public async Task<EncryptedDocument> UpdateKeysAsync(
        IReadOnlyList<IReadOnlyList<IKeyRecipient>> keyGroups,
        int shamirThreshold,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyGroups);
        int threshold = shamirThreshold > 0 ? shamirThreshold : Metadata.ShamirThreshold;
        if (keyGroups.Count >= 2 && threshold > keyGroups.Count)
        {
            threshold = keyGroups.Count;
        }

        WrappedKeyGroups wrapped = await DataKeyProtection.WrapAsync(_dataKey, keyGroups, threshold, cancellationToken).ConfigureAwait(false);
        return SopsDocument.Seal(Tree, _dataKey, wrapped, Metadata.Rule, Metadata.MacOnlyEncrypted, _stash, _clock, Metadata.LastModified);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _dataKey.Dispose();
        _stash.Dispose();
    }

    private WrappedKeyGroups Wrapped() => new(Metadata.KeyGroups, Metadata.ShamirThreshold);
}

using Crypt.Crypto.Errors;
using Crypt.Crypto.Keys;
using Crypt.Crypto.KeySources;
using Crypt.Crypto.Values;
using Crypt.Formats.Encryption;
using Crypt.Formats.GoCompat;
using Crypt.Formats.Metadata;
using Crypt.Formats.Tree;

namespace Crypt.Formats;

/// <summary>
/// Encrypts and decrypts whole SOPS documents (FORMAT.md §1–4, §7): the entry point for the
/// CLI and for library hosts. This part works on trees; the bytes-level overloads parse and emit
/// through the stores and <c>MetadataCodec</c>.
/// </summary>
public static partial class SopsDocument
{
    /// <summary>The SOPS version Crypt writes into <c>version</c> (the behaviour it emulates).</summary>
    public const string WriterVersion = "3.13.2";

    /// <summary>
    /// Encrypts a copy of <paramref name="plaintext"/> under a new data key wrapped for
    /// <see cref="EncryptOptions.KeyGroups"/>.
    /// </summary>
    /// <exception cref="FileAlreadyEncryptedException">A document has a top-level <c>sops</c> key.</exception>
    /// <exception cref="EmptyDocumentException">There is no document.</exception>
    /// <exception cref="Crypto.Errors.KeyWrapException">A master key could not wrap the data key.</exception>
    public static Task<EncryptedDocument> EncryptAsync(TreeDocument plaintext, EncryptOptions options, CancellationToken cancellationToken) =>
        EncryptAsync(plaintext, options, format: null, ownsTree: false, cancellationToken);

    /// <summary>
    /// Wraps a new data key for <see cref="EncryptOptions.KeyGroups"/> now and returns an open
    /// document over a copy of <paramref name="plaintext"/>; <see cref="DecryptedDocument.Reencrypt(TreeDocument)"/>
    /// seals the final content with that key later. For a new file edited interactively: every key
    /// source is called before the editor opens, so a failing KMS never throws away what the user
    /// typed (sops's editExample, cmd/sops/edit.go, wraps before editing too).
    /// </summary>
    /// <exception cref="Crypto.Errors.KeyWrapException">A master key could not wrap the data key.</exception>
    public static async Task<DecryptedDocument> CreateAsync(TreeDocument plaintext, EncryptOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        ArgumentNullException.ThrowIfNull(options);
        DataKey dataKey = DataKey.Generate();
        try
        {
            WrappedKeyGroups wrapped = await DataKeyProtection.WrapAsync(
                dataKey, options.KeyGroups, options.ShamirThreshold, cancellationToken).ConfigureAwait(false);
            SopsMetadata metadata = new()
            {
                KeyGroups = wrapped.Groups,
                ShamirThreshold = wrapped.ShamirThreshold,
                LastModified = string.Empty,
                Mac = string.Empty,
                Rule = options.Rule,
                MacOnlyEncrypted = options.MacOnlyEncrypted,
                Version = WriterVersion,
            };
            return new DecryptedDocument(plaintext.Clone(), metadata, [], dataKey, new IvStash(), options.Clock);
        }
        catch (Exception e)
        {
            dataKey.Dispose();
            (e as KeyWrapException)?.ForNewFile();
            throw;
        }
    }

    /// <summary>
    /// Recovers the data key with <paramref name="keys"/>, decrypts a copy of
    /// <paramref name="encrypted"/> (the tree without its <c>sops</c> block) and checks the MAC.
    /// </summary>
    /// <exception cref="Crypto.Errors.NoMatchingKeyException">No key could recover the data key.</exception>
    /// <exception cref="Crypto.Errors.ValueDecryptionException">A value does not decrypt.</exception>
    /// <exception cref="Crypto.Errors.MacMismatchException">The MAC is missing or does not match.</exception>
    public static Task<DecryptedDocument> DecryptAsync(
        TreeDocument encrypted,
        SopsMetadata metadata,
        KeyRing keys,
        DecryptOptions options,
        CancellationToken cancellationToken) =>
        DecryptAsync(encrypted, metadata, keys, options, ownsTree: false, cancellationToken);

    /// <summary>As the public overload; with <paramref name="ownsTree"/> the tree is decrypted in place instead of copied.</summary>
    internal static async Task<DecryptedDocument> DecryptAsync(
        TreeDocument encrypted,
        SopsMetadata metadata,
        KeyRing keys,
        DecryptOptions options,
        bool ownsTree,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(encrypted);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(options);
        DataKey dataKey = await DataKeyProtection.UnwrapAsync(
            metadata.KeyGroups, metadata.ShamirThreshold, keys, options.DecryptionOrder, cancellationToken).ConfigureAwait(false);
        return Decrypt(encrypted, metadata, dataKey, options, ownsTree);
    }

    /// <summary>Decrypts with a data key already recovered (taken over by the result).</summary>
    internal static DecryptedDocument Decrypt(TreeDocument encrypted, SopsMetadata metadata, DataKey dataKey, DecryptOptions options, bool ownsTree = false)
    {
        IvStash stash = new();
        try
        {
            // A tree the caller gave us stays encrypted; one we parsed ourselves is reused (a
            // deep copy of a large file costs as much memory as the file's whole tree).
            TreeDocument tree = ownsTree ? encrypted : encrypted.Clone();
            using ValueCipher cipher = new(dataKey);
            using TreeDecryptor decryptor = new(cipher, metadata.Rule, metadata.MacOnlyEncrypted, options.KeepIvs ? stash : null);
            string computedMac = decryptor.Decrypt(tree);
            if (!options.IgnoreMac)
            {
                MacField.Verify(cipher, metadata.Mac, metadata.LastModified, computedMac, options.KeepIvs ? stash : null);
            }

            return new DecryptedDocument(tree, metadata, [.. decryptor.Warnings], dataKey, stash, options.Clock);
        }
        catch
        {
            stash.Dispose();
            dataKey.Dispose();
            throw;
        }
    }

    internal static async Task<EncryptedDocument> EncryptAsync(
        TreeDocument plaintext,
        EncryptOptions options,
        Stores.DocumentFormat? format,
        bool ownsTree,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        ArgumentNullException.ThrowIfNull(options);
        EnsureEncryptable(plaintext, format);
        using DataKey dataKey = DataKey.Generate();
        WrappedKeyGroups wrapped = await DataKeyProtection.WrapAsync(
            dataKey, options.KeyGroups, options.ShamirThreshold, cancellationToken).ConfigureAwait(false);
        return Seal(plaintext, dataKey, wrapped, options.Rule, options.MacOnlyEncrypted, stash: null, options.Clock, keepLastModified: null, ownsTree);
    }

    /// <summary>
    /// Encrypts a copy of <paramref name="plaintext"/> with <paramref name="dataKey"/> and builds
    /// the metadata. <paramref name="keepLastModified"/> (with its sealed MAC) is reused when given.
    /// </summary>
    internal static EncryptedDocument Seal(
        TreeDocument plaintext,
        DataKey dataKey,
        WrappedKeyGroups wrapped,
        EncryptionRule rule,
        bool macOnlyEncrypted,
        IvStash? stash,
        TimeProvider clock,
        string? keepLastModified,
        bool ownsTree = false)
    {
        TreeDocument tree = ownsTree ? plaintext : plaintext.Clone();
        using ValueCipher cipher = new(dataKey);
        using TreeEncryptor encryptor = new(cipher, rule, macOnlyEncrypted, stash);
        string mac = encryptor.Encrypt(tree);

        // SOPS takes the time after hashing, to the second, in UTC.
        string lastModified = keepLastModified ?? GoTime.FormatLastModified(clock.GetUtcNow());
        SopsMetadata metadata = new()
        {
            KeyGroups = wrapped.Groups,
            ShamirThreshold = wrapped.ShamirThreshold,
            LastModified = lastModified,
            Mac = MacField.Seal(cipher, mac, lastModified, stash),
            Rule = rule,
            MacOnlyEncrypted = macOnlyEncrypted,
            Version = WriterVersion,
        };
        IReadOnlyList<string> warnings = macOnlyEncrypted
            ? ["mac_only_encrypted is set: values left unencrypted are not protected by the MAC and can be changed unnoticed"]
            : [];
        return new EncryptedDocument(tree, metadata, warnings);
    }

    /// <exception cref="FileAlreadyEncryptedException">A document has a <c>sops</c> key (dotenv: a <c>sops_</c> key).</exception>
    /// <exception cref="EmptyDocumentException">There is no document.</exception>
    internal static void EnsureEncryptable(TreeDocument plaintext, Stores.DocumentFormat? format)
    {
        if (plaintext.Branches.Count == 0)
        {
            throw new EmptyDocumentException();
        }

        foreach (TreeMap branch in plaintext.Branches)
        {
            foreach (TreeMapItem item in branch.Items)
            {
                if (item.Key == "sops"
                    || (format == Stores.DocumentFormat.Dotenv && item.Key is not null && item.Key.StartsWith("sops_", StringComparison.Ordinal)))
                {
                    throw new FileAlreadyEncryptedException(item.Key);
                }
            }
        }
    }
}

using Crypt.Config;
using Crypt.Crypto.Errors;
using Crypt.Crypto.KeySources;
using Crypt.Errors;
using Crypt.Files;
using Crypt.Formats;
using Crypt.Formats.Metadata;
using Crypt.Formats.Stores;
using Crypt.Formats.Tree;

namespace Crypt;

/// <summary>
/// Decrypts, encrypts and edits SOPS files from a .NET host, with the keys and creation rules
/// the <c>crypt</c> CLI uses (<see cref="SopsKeyOptions"/>; <c>.sopsrc</c>/<c>.sops.yaml</c>).
/// Plaintext stays in memory: nothing here writes it to disk. Failures are
/// <see cref="CryptException"/> subclasses naming the file and key path, never a value.
/// </summary>
public static class SopsFile
{
    /// <summary>
    /// Reads and decrypts the file at <paramref name="path"/>; its format comes from its name as in
    /// the CLI (<c>.yaml</c>/<c>.yml</c>, <c>.json</c>, <c>.env</c>, <c>.ini</c>, else binary)
    /// unless <paramref name="format"/> is given. The caller disposes the result.
    /// </summary>
    /// <param name="path">The encrypted file.</param>
    /// <param name="keys">Where keys come from; null discovers them as the CLI does.</param>
    /// <param name="format">The format, or null to take it from the file name.</param>
    /// <param name="cancellationToken">Cancels key source calls.</param>
    /// <returns>The decrypted document: its tree, metadata and data key (for <see cref="DecryptedDocument.Reencrypt(TreeDocument, DocumentFormat, EmitOptions)"/>).</returns>
    /// <exception cref="CryptException">The file does not parse, no key opens it, or the MAC does not match.</exception>
    public static async Task<DecryptedDocument> DecryptAsync(string path, SopsKeyOptions? keys = null, DocumentFormat? format = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] content = await ReadAsync(path, cancellationToken).ConfigureAwait(false);
        try
        {
            return await DecryptAsync(content, format ?? DocumentFormats.FromPath(path), keys, cancellationToken).ConfigureAwait(false);
        }
        catch (CryptException e)
        {
            throw e.WithFile(path);
        }
    }

    /// <summary>Decrypts an encrypted document held in memory. The caller disposes the result.</summary>
    /// <param name="content">The encrypted file's bytes.</param>
    /// <param name="format">Its format.</param>
    /// <param name="keys">Where keys come from; null discovers them as the CLI does.</param>
    /// <param name="cancellationToken">Cancels key source calls.</param>
    /// <returns>The decrypted document.</returns>
    /// <exception cref="CryptException">The document does not parse, no key opens it, or the MAC does not match.</exception>
    public static async Task<DecryptedDocument> DecryptAsync(ReadOnlyMemory<byte> content, DocumentFormat format, SopsKeyOptions? keys = null, CancellationToken cancellationToken = default)
    {
        using KeyRing ring = (keys ?? new SopsKeyOptions()).CreateKeyRing();
        return await SopsDocument.DecryptAsync(content, format, ring, DecryptOptions.Default, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Encrypts <paramref name="plaintext"/> for the creation rule that matches
    /// <paramref name="path"/> in the <c>.sopsrc</c> or <c>.sops.yaml</c> found from the file's
    /// folder upwards (or the file <c>SOPS_CONFIG</c> names), as <c>crypt encrypt</c> does.
    /// Returns the encrypted file's bytes; writing them is the caller's choice.
    /// </summary>
    /// <param name="path">The file the result is for: it picks the creation rule and, unless <paramref name="format"/> is given, the format.</param>
    /// <param name="plaintext">The plaintext document.</param>
    /// <param name="keys">Environment and key options (the recipients come from the rule).</param>
    /// <param name="format">The format, or null to take it from the file name.</param>
    /// <param name="cancellationToken">Cancels key source calls.</param>
    /// <returns>The encrypted document, in the same format.</returns>
    /// <exception cref="ConfigException">No config or no rule matches, or the config is invalid.</exception>
    /// <exception cref="CryptException">The plaintext does not parse or a key cannot wrap the data key.</exception>
    public static async Task<byte[]> EncryptAsync(string path, ReadOnlyMemory<byte> plaintext, SopsKeyOptions? keys = null, DocumentFormat? format = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        keys ??= new SopsKeyOptions();
        DocumentFormat chosen = format ?? DocumentFormats.FromPath(path);
        string folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? Directory.GetCurrentDirectory();
        string configPath = ConfigLoader.Find(keys.Environment("SOPS_CONFIG"), folder)
            ?? throw new ConfigException("no .sopsrc or .sops.yaml found in its folder or above, so no creation rule says which keys to encrypt for", path);
        CryptConfig config = ConfigLoader.Load(configPath);
        CreationRule rule = config.Match(path)
            ?? throw new ConfigException($"no creation rule in {configPath} matches this file", path);
        try
        {
            EncryptOptions options = new()
            {
                KeyGroups = await keys.CreateServices().RecipientsAsync(rule.KeyGroups, cancellationToken).ConfigureAwait(false),
                ShamirThreshold = rule.ShamirThreshold,
                Rule = rule.Rule ?? EncryptionRule.Default,
                MacOnlyEncrypted = rule.MacOnlyEncrypted,
            };
            EncryptedDocument encrypted = await SopsDocument.EncryptAsync(plaintext, chosen, options, cancellationToken).ConfigureAwait(false);
            return SopsDocument.Emit(encrypted, chosen, new EmitOptions(Indent(config, chosen)));
        }
        catch (CryptException e)
        {
            throw e.WithFile(path);
        }
    }

    /// <summary>
    /// Decrypts the file at <paramref name="path"/>, lets <paramref name="edit"/> change its tree,
    /// and writes it back encrypted with the same data key and keys (as <c>crypt edit</c>/<c>set</c>:
    /// unchanged values keep their ciphertext; <c>lastmodified</c> and the MAC are new). The new
    /// content replaces the file atomically, as the CLI writes (<c>Files/AtomicFile</c>: an unnamed
    /// file in the same folder, flushed, named and renamed over the target, the folder flushed).
    /// </summary>
    /// <param name="path">The encrypted file.</param>
    /// <param name="edit">Changes the decrypted tree in place.</param>
    /// <param name="keys">Where keys come from; null discovers them as the CLI does.</param>
    /// <param name="cancellationToken">Cancels key source calls.</param>
    /// <returns>A task that completes when the file is written.</returns>
    /// <exception cref="CryptException">The file does not decrypt.</exception>
    public static async Task EditAsync(string path, Action<TreeDocument> edit, SopsKeyOptions? keys = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edit);
        DocumentFormat format = DocumentFormats.FromPath(path);
        using DecryptedDocument document = await DecryptAsync(path, keys, format, cancellationToken).ConfigureAwait(false);
        edit(document.Tree);
        byte[] encrypted = document.Reencrypt(document.Tree, format, EmitOptions.Default);
        AtomicFile.Write(path, encrypted, sensitive: false);
    }

    /// <summary>
    /// Decrypts the file at <paramref name="path"/> and returns one scalar value, addressed as
    /// <c>--extract</c> addresses it (<c>["db"]["password"]</c>, <c>["hosts"][0]</c>).
    /// </summary>
    /// <param name="path">The encrypted file.</param>
    /// <param name="treePath">The value's path in <c>--extract</c> syntax.</param>
    /// <param name="keys">Where keys come from; null discovers them as the CLI does.</param>
    /// <param name="cancellationToken">Cancels key source calls.</param>
    /// <returns>The value as text (numbers and booleans as written by sops), or null when the path is absent or names a map or list.</returns>
    /// <exception cref="CryptException">The file does not decrypt or the path does not parse.</exception>
    public static async Task<string?> ReadValueAsync(string path, string treePath, SopsKeyOptions? keys = null, CancellationToken cancellationToken = default)
    {
        TreePath parsed = TreePath.Parse(treePath);
        using DecryptedDocument document = await DecryptAsync(path, keys, null, cancellationToken).ConfigureAwait(false);
        return document.Tree.Branches.Count > 0 && parsed.Find(document.Tree.Branches[0]) is TreeScalar scalar
            ? ScalarText.Of(scalar)
            : null;
    }

    private static int? Indent(CryptConfig config, DocumentFormat format) => format switch
    {
        DocumentFormat.Yaml => config.YamlIndent,
        DocumentFormat.Json or DocumentFormat.Binary => config.JsonIndent,
        _ => null,
    };

    private static async Task<byte[]> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CryptFormatException($"cannot read the file: {e.Message}", path, innerException: e);
        }
    }
}

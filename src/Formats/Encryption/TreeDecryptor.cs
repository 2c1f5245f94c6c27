using System.Security.Cryptography;
using Crypt.Crypto.Errors;
using Crypt.Crypto.Values;
using Crypt.Formats.Metadata;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Encryption;

/// <summary>
/// SOPS's <c>Tree.Decrypt</c> (FORMAT.md §3.4, §4): the same walk and selection as encryption,
/// evaluated on the encrypted tree. A selected value must be an <c>ENC[...]</c> string that
/// authenticates under its path; a comment that does not decrypt is kept as it is, with a
/// warning. Hashes the decrypted leaves for the MAC and records IVs in the stash.
/// </summary>
internal sealed class TreeDecryptor : IDisposable
{
    private readonly ValueCipher _cipher;
    private readonly EncryptionSelector _selector;
    private readonly bool _macOnlyEncrypted;
    private readonly IvStash? _stash;
    private readonly AadPath _aad = new();
    private readonly List<string> _warnings = [];
    private byte[] _scratch = new byte[256];
    private SopsMac? _mac;

    public TreeDecryptor(ValueCipher cipher, EncryptionRule rule, bool macOnlyEncrypted, IvStash? stash)
    {
        _cipher = cipher;
        _selector = new EncryptionSelector(rule);
        _macOnlyEncrypted = macOnlyEncrypted;
        _stash = stash;
    }

    /// <summary>Non-fatal findings (comments kept verbatim), without any value.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>Decrypts <paramref name="document"/> in place; returns the MAC recomputed over the plaintext.</summary>
    /// <exception cref="ValueDecryptionException">A selected value is not a string, does not parse or does not authenticate.</exception>
    public string Decrypt(TreeDocument document)
    {
        using SopsMac mac = new(_macOnlyEncrypted);
        _mac = mac;
        foreach (TreeMap branch in document.Branches)
        {
            _aad.Reset();
            _selector.Reset();
            WalkMap(branch);
        }

        _mac = null;
        return mac.FinishHex();
    }

    public void Dispose() => CryptographicOperations.ZeroMemory(_scratch);

    private void WalkMap(TreeMap map)
    {
        _selector.EnterLevel();
        List<TreeMapItem> items = map.Items;
        for (int i = 0; i < items.Count; i++)
        {
            TreeMapItem item = items[i];
            if (item.Value is TreeComment comment)
            {
                _selector.AddComment(comment.Text);
                DecryptComment(comment);
                continue;
            }

            string key = item.Key ?? throw new ArgumentException("a map item without a key must be a comment", nameof(map));
            _aad.Push(key);
            _selector.PushKey(key);
            TreeNode? replacement = WalkValue(item.Value);
            if (replacement is not null)
            {
                items[i] = new TreeMapItem(key, replacement);
            }

            _selector.PopKey();
            _aad.Pop();
            _selector.ClearLevel();
        }

        _selector.LeaveLevel();
    }

    private void WalkList(TreeList list)
    {
        _selector.EnterLevel();
        List<TreeNode> items = list.Items;
        for (int i = 0; i < items.Count; i++)
        {
            if (items[i] is TreeComment comment)
            {
                _selector.AddComment(comment.Text);
                DecryptComment(comment);
                continue;
            }

            TreeNode? replacement = WalkValue(items[i]);
            if (replacement is not null)
            {
                items[i] = replacement;
            }

            _selector.ClearLevel();
        }

        _selector.LeaveLevel();
    }

    private TreeScalar? WalkValue(TreeNode node)
    {
        switch (node)
        {
            case TreeMap map:
                WalkMap(map);
                return null;
            case TreeList list:
                WalkList(list);
                return null;
            case TreeScalar scalar:
                return DecryptLeaf(scalar);
            default:
                return null;
        }
    }

    private TreeScalar? DecryptLeaf(TreeScalar scalar)
    {
        if (scalar.Kind == ScalarKind.Null)
        {
            return null;
        }

        bool selected = _selector.ShouldEncrypt(isComment: false);
        TreeScalar plain = scalar;
        if (selected)
        {
            if (scalar.Kind != ScalarKind.String)
            {
                throw new ValueDecryptionException(_aad.KeyPath, $"expected an encrypted value (a string), found a {scalar.Kind.ToString().ToLowerInvariant()}");
            }

            if (scalar.Text.Length > 0)
            {
                plain = Open(scalar.Text);
            }
        }

        if (!_macOnlyEncrypted || selected)
        {
            int length = ValueCodec.Encode(plain, ref _scratch, out _);
            _mac!.Append(_scratch.AsSpan(0, length));
            CryptographicOperations.ZeroMemory(_scratch.AsSpan(0, length));
        }

        return ReferenceEquals(plain, scalar) ? null : plain;
    }

    private TreeScalar Open(string text)
    {
        if (!EncryptedValue.TryParse(text, out EncryptedValue? value, out string? error))
        {
            throw new ValueDecryptionException(_aad.KeyPath, error!);
        }

        byte[] plaintext = _cipher.Decrypt(value!, _aad.Current)
            ?? throw new ValueDecryptionException(_aad.KeyPath, "message authentication failed (wrong data key, or the value was changed or moved)");
        try
        {
            if (!ValueCodec.TryDecode(value!.Type, plaintext, out TreeScalar? scalar, out error))
            {
                throw new ValueDecryptionException(_aad.KeyPath, error!);
            }

            _stash?.Record(_aad.Current, value.Type, plaintext, value.Iv);
            return scalar!;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private void DecryptComment(TreeComment comment)
    {
        if (comment.Text.Length == 0 || !_selector.ShouldEncrypt(isComment: true))
        {
            return;
        }

        if (EncryptedValue.TryParse(comment.Text, out EncryptedValue? value, out _) && value!.Type is SopsValueType.Comment or SopsValueType.Str)
        {
            // YAML parsers disagree on which map a comment belongs to: retry the ancestors' paths.
            for (int depth = _aad.Depth; depth >= 0; depth--)
            {
                ReadOnlySpan<byte> aad = _aad.Ancestor(depth);
                byte[]? plaintext = _cipher.Decrypt(value, aad);
                if (plaintext is not null)
                {
                    comment.Text = System.Text.Encoding.UTF8.GetString(plaintext);
                    _stash?.Record(aad, value.Type, plaintext, value.Iv);
                    CryptographicOperations.ZeroMemory(plaintext);
                    return;
                }
            }
        }

        string where = _aad.Depth == 0 ? "at the top level" : $"under {_aad.KeyPath}";
        _warnings.Add($"a comment {where} could not be decrypted and was kept as it is (possibly written unencrypted by an older SOPS)");
    }
}

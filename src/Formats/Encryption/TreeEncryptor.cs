using System.Security.Cryptography;
using Crypt.Crypto.Errors;
using Crypt.Crypto.Values;
using Crypt.Formats.Metadata;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Encryption;

/// <summary>
/// SOPS's <c>Tree.Encrypt</c> (FORMAT.md §3–4): walks every document depth-first in file order,
/// encrypts the selected leaves and comments in place with the path AAD, and hashes the leaves
/// for the MAC. Hot path for very large files: one cipher (cached key schedule), one AAD buffer,
/// one plaintext scratch buffer, no LINQ.
/// </summary>
internal sealed class TreeEncryptor : IDisposable
{
    private readonly ValueCipher _cipher;
    private readonly EncryptionSelector _selector;
    private readonly bool _macOnlyEncrypted;
    private readonly IvStash? _stash;
    private readonly AadPath _aad = new();
    private byte[] _scratch = new byte[256];
    private SopsMac? _mac;

    public TreeEncryptor(ValueCipher cipher, EncryptionRule rule, bool macOnlyEncrypted, IvStash? stash)
    {
        _cipher = cipher;
        _selector = new EncryptionSelector(rule);
        _macOnlyEncrypted = macOnlyEncrypted;
        _stash = stash;
    }

    /// <summary>Encrypts <paramref name="document"/> in place; returns the MAC (uppercase hex).</summary>
    public string Encrypt(TreeDocument document)
    {
        using SopsMac mac = new(_macOnlyEncrypted);
        _mac = mac;
        _stash?.Rewind();
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
                EncryptComment(comment);
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
                EncryptComment(comment);
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
                return EncryptLeaf(scalar);
            default:
                return null;
        }
    }

    private TreeScalar? EncryptLeaf(TreeScalar scalar)
    {
        if (scalar.Kind == ScalarKind.Null)
        {
            return null;
        }

        bool selected = _selector.ShouldEncrypt(isComment: false);
        int length = ValueCodec.Encode(scalar, ref _scratch, out SopsValueType type);
        Span<byte> plaintext = _scratch.AsSpan(0, length);
        try
        {
            if (!_macOnlyEncrypted || selected)
            {
                _mac!.Append(plaintext);
            }

            // Empty strings stay as they are: SOPS never encrypts them.
            return selected && length > 0 ? TreeScalar.String(Seal(plaintext, type)) : null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private void EncryptComment(TreeComment comment)
    {
        if (comment.Text.Length == 0 || !_selector.ShouldEncrypt(isComment: true))
        {
            return;
        }

        byte[] plaintext = System.Text.Encoding.UTF8.GetBytes(comment.Text);
        string sealedText = Seal(plaintext, SopsValueType.Comment);
        CryptographicOperations.ZeroMemory(plaintext);

        // On decrypt the ciphertext itself sits on the comments stack: if it matched the
        // unencrypted pattern, the values after it would be read as clear (SOPS refuses too).
        if (_selector.Mode == EncryptionMode.UnencryptedCommentRegex && _selector.Pattern!.IsMatch(sealedText))
        {
            throw new CryptFormatException(
                "an encrypted comment matches unencrypted_comment_regex; choose a pattern that cannot match ENC[...] text",
                keyPath: _aad.KeyPath);
        }

        comment.Text = sealedText;
    }

    private string Seal(ReadOnlySpan<byte> plaintext, SopsValueType type)
    {
        ReadOnlySpan<byte> aad = _aad.Current;
        byte[]? iv = _stash?.Find(aad, type, plaintext);
        EncryptedValue value = iv is null ? _cipher.Encrypt(plaintext, aad, type) : _cipher.Encrypt(plaintext, aad, type, iv);
        return value.ToString();
    }
}

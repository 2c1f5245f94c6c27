using System.Security.Cryptography;
using Crypt.Crypto.Values;
using Crypt.Formats.Metadata;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Encryption;

/// <summary>
/// The walk SOPS's <c>Tree.Encrypt</c> and <c>Tree.Decrypt</c> share (FORMAT.md §3): every
/// document depth-first in file order, the path AAD and the selection state kept as it goes,
/// each comment and leaf handed to the subclass, which may replace a leaf. The tree is always
/// the walk's own (parsed for it, or a deep copy), so a replaced leaf is rewritten in place
/// through <see cref="LeafRewriter"/>: no new object per leaf for the garbage collector to
/// promote, and no write into the old tree's item lists. Hot path for very large files: one
/// AAD buffer, one plaintext scratch buffer, string values as bytes, no LINQ.
/// </summary>
internal abstract class TreeCipherWalk : IDisposable
{
    private protected TreeCipherWalk(ValueCipher cipher, EncryptionRule rule, bool macOnlyEncrypted, IvStash? stash)
    {
        Cipher = cipher;
        Selector = new EncryptionSelector(rule);
        MacOnlyEncrypted = macOnlyEncrypted;
        Stash = stash;
    }

    private protected ValueCipher Cipher { get; }

    private protected EncryptionSelector Selector { get; }

    private protected bool MacOnlyEncrypted { get; }

    private protected IvStash? Stash { get; }

    private protected AadPath Aad { get; } = new();

    /// <summary>How the walk rewrites leaves, and where it puts the values it writes.</summary>
    private protected LeafRewriter Leaves { get; } = new();

    /// <summary>
    /// How many leaves and comments the walk has reached (the current one included): lets the
    /// IV stash give equal values under one path back their own IVs when one of them is edited.
    /// </summary>
    private protected int Position { get; private set; }

    /// <summary>The key of the map item before the current comment, or null (lists, first item).</summary>
    private protected string? PreviousKey { get; private set; }

    /// <summary>The MAC of the walk under way.</summary>
    private protected SopsMac? Mac { get; private set; }

    /// <summary>Reusable plaintext buffer; wiped after each use and on dispose.</summary>
#pragma warning disable CA1051 // passed by ref to ValueCodec.Encode, which grows it
    private protected byte[] _scratch = new byte[256];
#pragma warning restore CA1051

    public void Dispose() => CryptographicOperations.ZeroMemory(_scratch);

    /// <summary>Walks every document; returns the MAC over the hashed leaves (uppercase hex).</summary>
    private protected string Walk(TreeDocument document)
    {
        using SopsMac mac = new(MacOnlyEncrypted);
        Mac = mac;
        Position = 0;
        foreach (TreeMap branch in document.Branches)
        {
            Aad.Reset();
            Selector.Reset();
            WalkMap(branch);
        }

        Mac = null;
        return mac.FinishHex();
    }

    /// <summary>
    /// Handles a comment (the selection state already includes it). In a list, SOPS's walk
    /// (<c>sops.go walkSlice</c>) stores what the cipher returns, so an encrypted comment
    /// becomes a string item: the return value replaces the comment there; null keeps it.
    /// </summary>
    private protected abstract TreeNode? VisitComment(TreeComment comment, bool inList);

    /// <summary>True for a list item that is an encrypted comment (<c>ENC[...,type:comment]</c>).</summary>
    private protected virtual bool IsSealedComment(TreeScalar item) => false;

    /// <summary>The comment a <see cref="IsSealedComment"/> item decrypts to, at <see cref="Aad"/>.</summary>
    private protected virtual TreeComment OpenSealedComment(TreeScalar item) => throw new NotSupportedException();

    /// <summary>
    /// Handles a leaf at <see cref="Aad"/>, rewriting it through <see cref="Leaves"/>; returns a
    /// replacement for the item when the leaf could not be rewritten (a shared scalar), else null.
    /// </summary>
    private protected abstract TreeScalar? VisitLeaf(TreeScalar scalar);

    private void WalkMap(TreeMap map)
    {
        Selector.EnterLevel();
        List<TreeMapItem> items = map.Items;
        string? previousKey = null;
        for (int i = 0; i < items.Count; i++)
        {
            TreeMapItem item = items[i];
            if (item.Value is TreeComment comment)
            {
                Selector.AddComment(comment.Text);
                Position++;
                PreviousKey = previousKey;
                _ = VisitComment(comment, inList: false);
                PreviousKey = null;
                continue;
            }

            previousKey = item.Key;

            string key = item.Key ?? throw new ArgumentException("a map item without a key must be a comment", nameof(map));
            Aad.Push(key);
            Selector.PushKey(key);
            TreeNode? replacement = WalkValue(item.Value);
            if (replacement is not null)
            {
                items[i] = new TreeMapItem(key, replacement);
            }

            Selector.PopKey();
            Aad.Pop();
            Selector.ClearLevel();
        }

        Selector.LeaveLevel();
    }

    private void WalkList(TreeList list)
    {
        Selector.EnterLevel();
        List<TreeNode> items = list.Items;
        for (int i = 0; i < items.Count; i++)
        {
            if (items[i] is TreeComment comment)
            {
                Selector.AddComment(comment.Text);
                Position++;
                if (VisitComment(comment, inList: true) is { } sealedItem)
                {
                    items[i] = sealedItem;
                }

                continue;
            }

            // What an encrypted list comment was written as: a comment again once decrypted,
            // on the comments stack as when it was encrypted (so the comment-regex modes agree,
            // unlike sops 3.13.x, getsops/sops#2281) and, like every comment, out of the MAC.
            if (items[i] is TreeScalar leaf && IsSealedComment(leaf))
            {
                Position++;
                TreeComment opened = OpenSealedComment(leaf);
                Selector.AddComment(opened.Text);
                items[i] = opened;
                continue;
            }

            TreeNode? replacement = WalkValue(items[i]);
            if (replacement is not null)
            {
                items[i] = replacement;
            }

            Selector.ClearLevel();
        }

        Selector.LeaveLevel();
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
                Position++;
                return VisitLeaf(scalar);
            default:
                return null;
        }
    }
}

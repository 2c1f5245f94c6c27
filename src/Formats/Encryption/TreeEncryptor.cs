using System.Security.Cryptography;
using Crypt.Crypto.Errors;
using Crypt.Crypto.Values;
using Crypt.Formats.Metadata;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Encryption;

/// <summary>
/// SOPS's <c>Tree.Encrypt</c> (FORMAT.md §3–4): walks every document depth-first in file order,
/// encrypts the selected leaves and comments in place with the path AAD, and hashes the leaves
/// for the MAC. Hot path for very large files: one cipher (cached key schedule); the walk is TreeCipherWalk's.
/// </summary>
internal sealed class TreeEncryptor : TreeCipherWalk
{
    public TreeEncryptor(ValueCipher cipher, EncryptionRule rule, bool macOnlyEncrypted, IvStash? stash)
        : base(cipher, rule, macOnlyEncrypted, stash)
    {
    }

    /// <summary>Encrypts <paramref name="document"/> in place; returns the MAC (uppercase hex).</summary>
    public string Encrypt(TreeDocument document)
    {
        Stash?.Rewind();
        return Walk(document);
    }

    private protected override TreeScalar? VisitLeaf(TreeScalar scalar)
    {
        if (scalar.Kind == ScalarKind.Null)
        {
            return null;
        }

        bool selected = Selector.ShouldEncrypt(isComment: false);
        int length = ValueCodec.Encode(scalar, ref _scratch, out SopsValueType type);
        Span<byte> plaintext = _scratch.AsSpan(0, length);
        try
        {
            if (!MacOnlyEncrypted || selected)
            {
                Mac!.Append(plaintext);
            }

            // Empty strings stay as they are: SOPS never encrypts them.
            if (!selected || length == 0)
            {
                return null;
            }

            ReadOnlySpan<byte> aad = Aad.Current;
            byte[]? iv = Stash?.Find(aad, type, plaintext, Position);
            if (iv is { Length: > byte.MaxValue })
            {
                // An IV too long for SealedText's header (only a stashed one can be): keep the text.
                Utf8Slice text = Text.Add(System.Text.Encoding.ASCII.GetBytes(Cipher.EncryptToText(plaintext, aad, type, iv)));
                return scalar.OverwriteWithUtf8(text) ? null : TreeScalar.Utf8String(text);
            }

            // The value is kept as its parts; its ENC[...] text is written when it is emitted.
            // A plaintext reader left room for them after the value: written there, the leaf
            // needs no new reference (see LeafRoom); otherwise they go into the walk's arena.
            int ivLength = iv?.Length ?? ValueCipher.IvSize;
            int size = SealedText.Size(plaintext.Length, ivLength);
            Span<byte> target = scalar.OwnRoom(size);
            bool inOwnRoom = !target.IsEmpty;
            Utf8Slice reserved = default;
            if (!inOwnRoom)
            {
                target = Text.Reserve(size, out reserved);
            }

            Cipher.EncryptToParts(plaintext, aad, iv, SealedText.Parts(target));
            SealedText.WriteHeader(target, type, ivLength);
            if (inOwnRoom)
            {
                scalar.MarkOwnSealed(size);
                return null;
            }

            Utf8Slice stored = Text.Commit(reserved, size);
            return scalar.OverwriteWithSealed(stored) ? null : TreeScalar.Sealed(stored);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private protected override TreeNode? VisitComment(TreeComment comment, bool inList)
    {
        if (comment.Text.Length == 0 || !Selector.ShouldEncrypt(isComment: true))
        {
            return null;
        }

        byte[] plaintext = System.Text.Encoding.UTF8.GetBytes(comment.Text);
        string sealedText = Seal(plaintext, SopsValueType.Comment);
        CryptographicOperations.ZeroMemory(plaintext);

        // On decrypt the ciphertext itself sits on the comments stack: if it matched the
        // unencrypted pattern, the values after it would be read as clear (SOPS refuses too).
        if (Selector.Mode == EncryptionMode.UnencryptedCommentRegex && Selector.Pattern!.IsMatch(sealedText))
        {
            throw new CryptFormatException(
                "an encrypted comment matches unencrypted_comment_regex; choose a pattern that cannot match ENC[...] text",
                keyPath: Aad.KeyPath);
        }

        // sops.go walkSlice keeps the cipher's string in the list: the comment becomes an
        // item "- ENC[...,type:comment]", left out of the MAC (sops <= 3.13.1 and >= 3.13.3).
        if (inList)
        {
            return TreeScalar.String(sealedText);
        }

        comment.Text = sealedText;
        return null;
    }

    private string Seal(ReadOnlySpan<byte> plaintext, SopsValueType type)
    {
        ReadOnlySpan<byte> aad = Aad.Current;
        return Cipher.EncryptToText(plaintext, aad, type, Stash?.Find(aad, type, plaintext, Position));
    }
}

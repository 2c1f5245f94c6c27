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

        // A string held as bytes is encrypted from the leaf itself (a 100 MB value is not
        // copied to a scratch buffer first); anything else is encoded into the scratch buffer.
        ReadOnlySpan<byte> plaintext = default;
        SopsValueType type = SopsValueType.Str;
        bool scratch = scalar.Kind != ScalarKind.String || !scalar.TryGetStringBytes(out plaintext);
        if (scratch)
        {
            int length = ValueCodec.Encode(scalar, ref _scratch, out type); // may grow _scratch
            plaintext = _scratch.AsSpan(0, length);
        }

        try
        {
            if (!MacOnlyEncrypted || selected)
            {
                Mac!.Append(plaintext);
            }

            // Empty strings stay as they are: SOPS never encrypts them.
            if (!selected || plaintext.IsEmpty)
            {
                return null;
            }

            ReadOnlySpan<byte> aad = Aad.Current;
            byte[]? iv = Stash?.Find(aad, type, plaintext, Position);
            if (iv is { Length: > byte.MaxValue })
            {
                // An IV too long for SealedChunk's header (only a stashed one can be): keep the text.
                return Leaves.SealAsText(scalar, System.Text.Encoding.ASCII.GetBytes(Cipher.EncryptToText(plaintext, aad, type, iv)));
            }

            // The value is kept as its parts; its ENC[...] text is written when it is emitted.
            // A plaintext reader left room for them after the value: written there (the
            // ciphertext over the plaintext itself), the leaf needs no new reference (see
            // RoomChunk); otherwise they go into the walk's chunks.
            int ivLength = iv?.Length ?? ValueCipher.IvSize;
            Span<byte> target = Leaves.ReserveParts(scalar, SealedChunk.Size(plaintext.Length, ivLength), out Utf8Slice slice, out bool inPlace);
            Cipher.EncryptToParts(plaintext, aad, iv, SealedChunk.Parts(target));
            SealedChunk.WriteHeader(target, type, ivLength);
            return Leaves.Seal(scalar, slice, inPlace);
        }
        finally
        {
            if (scratch)
            {
                CryptographicOperations.ZeroMemory(_scratch.AsSpan(0, plaintext.Length));
            }
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

        LeafRewriter.Replace(comment, sealedText, comment.Inline);
        return null;
    }

    private string Seal(ReadOnlySpan<byte> plaintext, SopsValueType type)
    {
        ReadOnlySpan<byte> aad = Aad.Current;
        return Cipher.EncryptToText(plaintext, aad, type, Stash?.Find(aad, type, plaintext, Position));
    }
}

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
internal sealed class TreeDecryptor : TreeCipherWalk
{
    private readonly List<string> _warnings = [];
    private byte[] _parts = new byte[256];
    private byte[] _plaintext = new byte[256]; // wiped after each value

    public TreeDecryptor(ValueCipher cipher, EncryptionRule rule, bool macOnlyEncrypted, IvStash? stash)
        : base(cipher, rule, macOnlyEncrypted, stash)
    {
    }

    /// <summary>Non-fatal findings (comments kept verbatim), without any value.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>Decrypts <paramref name="document"/> in place; returns the MAC recomputed over the plaintext.</summary>
    /// <exception cref="ValueDecryptionException">A selected value is not a string, does not parse or does not authenticate.</exception>
    public string Decrypt(TreeDocument document) => Walk(document);

    private protected override TreeScalar? VisitLeaf(TreeScalar scalar)
    {
        if (scalar.Kind == ScalarKind.Null)
        {
            return null;
        }

        bool selected = Selector.ShouldEncrypt(isComment: false);
        TreeScalar plain = scalar; // Open may rewrite the scalar itself and return it
        if (selected)
        {
            if (scalar.Kind != ScalarKind.String)
            {
                throw new ValueDecryptionException(Aad.KeyPath, $"expected an encrypted value (a string), found a {scalar.Kind.ToString().ToLowerInvariant()}");
            }

            if (!scalar.IsEmptyText)
            {
                plain = Open(scalar);
            }
        }

        if ((!MacOnlyEncrypted || selected) && plain.IsString && plain.TryGetStringBytes(out ReadOnlySpan<byte> utf8))
        {
            Mac!.Append(utf8); // a string's MAC bytes are its bytes (UTF-8, or a binary file's raw bytes)
        }
        else if (!MacOnlyEncrypted || selected)
        {
            int length = ValueCodec.Encode(plain, ref _scratch, out _);
            Mac!.Append(_scratch.AsSpan(0, length));
            CryptographicOperations.ZeroMemory(_scratch.AsSpan(0, length));
        }

        return LeafRewriter.Replace(scalar, plain);
    }

    // Parsed and decrypted in reused buffers: no arrays per value on this path.
    // sops <= 3.13.1 and >= 3.13.3 leave it out of the decrypt MAC as encrypt does
    // (3.13.2 hashed it: getsops/sops#2243, fixed by #2245).
    private protected override bool IsSealedComment(TreeScalar item)
    {
        if (item.Kind != ScalarKind.String || item.IsEmptyText)
        {
            return false;
        }

        if (LeafRewriter.TryGetParts(item, out EncryptedValueLayout layout, out Span<byte> _))
        {
            return layout.Type == SopsValueType.Comment;
        }

        return item.TryGetUtf8(out ReadOnlySpan<byte> utf8)
            ? utf8.StartsWith("ENC["u8) && utf8.EndsWith(",type:comment]"u8)
            : item.Text.StartsWith("ENC[", StringComparison.Ordinal) && item.Text.EndsWith(",type:comment]", StringComparison.Ordinal);
    }

    private protected override TreeComment OpenSealedComment(TreeScalar item) => new(Open(item).Text);

    private TreeScalar Open(TreeScalar encrypted)
    {
        EncryptedValueLayout layout;
        ReadOnlySpan<byte> parts;
        Span<byte> plaintext;
        string? error;
        bool inPlace = false;
        if (LeafRewriter.TryGetParts(encrypted, out layout, out Span<byte> sealedParts))
        {
            // A string is decrypted over its own parts (the ciphertext comes first in them): a
            // 100 MB value needs no second buffer of its size. Other types are short and parse
            // to a scalar of their own: decrypted into the reused buffer.
            parts = sealedParts;
            inPlace = layout.Type == SopsValueType.Str;
            plaintext = inPlace ? sealedParts[..layout.DataLength] : Reuse(ref _plaintext, layout.DataLength);
        }
        else
        {
            if (encrypted.TryGetUtf8(out ReadOnlySpan<byte> utf8))
            {
                SecretBuffer.Ensure(ref _parts, EncryptedValue.DecodedLength(utf8.Length));
                if (!EncryptedValue.TryParse(utf8, _parts, out layout, out error))
                {
                    throw new ValueDecryptionException(Aad.KeyPath, error!);
                }
            }
            else
            {
                string text = encrypted.Text;
                SecretBuffer.Ensure(ref _parts, EncryptedValue.DecodedLength(text.Length));
                if (!EncryptedValue.TryParse(text, _parts, out layout, out error))
                {
                    throw new ValueDecryptionException(Aad.KeyPath, error!);
                }
            }

            parts = _parts;
            plaintext = Reuse(ref _plaintext, layout.DataLength);
        }

        if (!Cipher.TryDecrypt(layout.Data(parts), layout.Iv(parts), layout.Tag(parts), Aad.Current, plaintext))
        {
            throw new ValueDecryptionException(Aad.KeyPath, "message authentication failed (wrong data key, or the value was changed or moved)");
        }

        bool wipe = !inPlace;
        try
        {
            Stash?.Record(Aad.Current, layout.Type, plaintext, layout.Iv(parts).ToArray(), Position);

            // The common case, a string, is written into the ENC scalar itself. A string that
            // is not UTF-8 (a binary file's bytes: sops decrypts "str" to a Go string) is kept raw.
            if (inPlace)
            {
                TreeScalar opened = Leaves.OpenInPlace(encrypted, plaintext, out bool kept);
                wipe = !kept;
                return opened;
            }

            if (layout.Type == SopsValueType.Str)
            {
                return Leaves.OpenString(encrypted, plaintext);
            }

            if (!ValueCodec.TryDecode(layout.Type, plaintext, Leaves.Text, out TreeScalar? scalar, out error))
            {
                throw new ValueDecryptionException(Aad.KeyPath, error!);
            }

            return scalar!;
        }
        finally
        {
            if (wipe)
            {
                CryptographicOperations.ZeroMemory(plaintext);
            }
        }
    }

    private static Span<byte> Reuse(ref byte[] buffer, int length)
    {
        SecretBuffer.Ensure(ref buffer, length);
        return buffer.AsSpan(0, length);
    }

    private bool TryOpenComment(TreeComment comment, EncryptedValue value, string childKey)
    {
        Aad.Push(childKey);
        try
        {
            byte[]? plaintext = Cipher.Decrypt(value, Aad.Current);
            if (plaintext is null)
            {
                return false;
            }

            LeafRewriter.Replace(comment, System.Text.Encoding.UTF8.GetString(plaintext), inline: false);
            Stash?.Record(Aad.Current, value.Type, plaintext, value.Iv, Position);
            CryptographicOperations.ZeroMemory(plaintext);
            return true;
        }
        finally
        {
            Aad.Pop();
        }
    }

    private protected override TreeNode? VisitComment(TreeComment comment, bool inList)
    {
        if (comment.Text.Length == 0 || !Selector.ShouldEncrypt(isComment: true))
        {
            return null;
        }

        if (EncryptedValue.TryParse(comment.Text, out EncryptedValue? value, out _) && value!.Type is SopsValueType.Comment or SopsValueType.Str)
        {
            // YAML parsers disagree on which map a comment belongs to: retry the ancestors' paths.
            for (int depth = Aad.Depth; depth >= 0; depth--)
            {
                ReadOnlySpan<byte> aad = Aad.Ancestor(depth);
                byte[]? plaintext = Cipher.Decrypt(value, aad);
                if (plaintext is not null)
                {
                    // sops's cipher gives back a plain Comment, which walkBranch stores as it
                    // is: a decrypted comment is never inline (aes/cipher.go Decrypt, sops.go).
                    LeafRewriter.Replace(comment, System.Text.Encoding.UTF8.GetString(plaintext), inline: false);
                    Stash?.Record(aad, value.Type, plaintext, value.Iv, Position);
                    CryptographicOperations.ZeroMemory(plaintext);
                    return null;
                }
            }

            // A comment sops wrote inside an empty flow collection ("key: {\n  #ENC[...]\n}")
            // reads back after it, in the enclosing map: try the previous key's path too.
            if (PreviousKey is not null && TryOpenComment(comment, value, PreviousKey))
            {
                return null;
            }
        }

        string where = Aad.Depth == 0 ? "at the top level" : $"under {Aad.KeyPath}";
        _warnings.Add($"a comment {where} could not be decrypted and was kept as it is (possibly written unencrypted by an older SOPS)");
        return null;
    }
}

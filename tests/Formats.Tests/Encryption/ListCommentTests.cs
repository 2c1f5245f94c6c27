using System.Text;
using Crypt.Crypto.Keys;
using Crypt.Crypto.Values;
using Crypt.Formats.Metadata;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Tests.Encryption;

/// <summary>
/// A comment inside a list, as sops.go walkSlice treats it: encrypted, it becomes the string
/// item <c>ENC[...,type:comment]</c>, is left out of the MAC, and turns back into a comment on
/// decrypt (sops &lt;= 3.13.1 and 3.13.3; 3.13.2 hashed it on decrypt, getsops/sops#2243).
/// </summary>
public sealed class ListCommentTests
{
    // {steps: [a, # c, b]}
    private static TreeDocument WithComment() => TestKeys.Doc(new TreeMap()
        .Add("steps", new TreeList([TreeScalar.String("a"), new TreeComment(" c"), TreeScalar.String("b")])));

    private static TreeDocument WithoutComment() => TestKeys.Doc(new TreeMap()
        .Add("steps", new TreeList([TreeScalar.String("a"), TreeScalar.String("b")])));

    private static EncryptedDocument Seal(TreeDocument doc, DataKey key) =>
        SopsDocument.Seal(doc, key, new([], 0), EncryptionRule.Default, false, null, new FixedClock(TestKeys.Now), null);

    [Fact]
    public void An_encrypted_list_comment_becomes_a_string_item_of_type_comment_under_the_list_path()
    {
        using DataKey key = TestKeys.Fixed();
        EncryptedDocument encrypted = Seal(WithComment(), key);

        TreeList steps = (TreeList)encrypted.Tree.Branches[0].Get("steps")!;
        TreeScalar item = Assert.IsType<TreeScalar>(steps.Items[1]);
        Assert.True(EncryptedValue.TryParse(item.Text, out EncryptedValue? value, out _));
        Assert.Equal(SopsValueType.Comment, value!.Type);
        using ValueCipher cipher = new(key);
        Assert.Equal(" c", Encoding.UTF8.GetString(cipher.Decrypt(value, "steps:"u8)!));
    }

    [Fact]
    public void A_list_comment_is_left_out_of_the_MAC_on_encrypt_and_on_decrypt()
    {
        using DataKey key = TestKeys.Fixed();
        EncryptedDocument with = Seal(WithComment(), key);
        EncryptedDocument without = Seal(WithoutComment(), key);
        using ValueCipher cipher = new(key);

        Assert.Equal(MacPlaintext(cipher, without.Metadata), MacPlaintext(cipher, with.Metadata));

        // Decrypt checks the MAC: it must match without the comment item.
        using DecryptedDocument decrypted = SopsDocument.Decrypt(with.Tree, with.Metadata, key.Clone(), DecryptOptions.Default);
        TreeAssert.Equal(WithComment(), decrypted.Tree);
    }

    [Fact]
    public void A_list_item_that_decrypts_to_a_comment_comes_back_as_a_comment_not_an_inline_one()
    {
        using DataKey key = TestKeys.Fixed();
        EncryptedDocument encrypted = Seal(WithComment(), key);
        using DecryptedDocument decrypted = SopsDocument.Decrypt(encrypted.Tree, encrypted.Metadata, key.Clone(), DecryptOptions.Default);

        TreeComment comment = Assert.IsType<TreeComment>(((TreeList)decrypted.Tree.Branches[0].Get("steps")!).Items[1]);
        Assert.Equal(" c", comment.Text);
        Assert.False(comment.Inline);
    }

    [Fact]
    public void A_list_comment_that_selects_the_next_item_under_encrypted_comment_regex_round_trips()
    {
        TreeDocument Original() => TestKeys.Doc(new TreeMap()
            .Add("steps", new TreeList([TreeScalar.String("a"), new TreeComment(" sops:enc"), new TreeComment(" more"), TreeScalar.String("b")])));
        using DataKey key = TestKeys.Fixed();
        EncryptedDocument encrypted = SopsDocument.Seal(Original(), key, new([], 0), new EncryptionRule(EncryptionMode.EncryptedCommentRegex, "sops:enc"), false, null, new FixedClock(TestKeys.Now), null);

        List<LeafSlot> slots = LeafSlot.Of(encrypted.Tree);
        Assert.Equal("C C E E", string.Join(' ', slots.Select(s => s.IsEncrypted ? "E" : "C")));
        using DecryptedDocument decrypted = SopsDocument.Decrypt(encrypted.Tree, encrypted.Metadata, key.Clone(), DecryptOptions.Default);
        TreeAssert.Equal(Original(), decrypted.Tree);
    }

    private static string MacPlaintext(ValueCipher cipher, SopsMetadata metadata)
    {
        Assert.True(EncryptedValue.TryParse(metadata.Mac, out EncryptedValue? mac, out _));
        return Encoding.ASCII.GetString(cipher.Decrypt(mac!, Encoding.UTF8.GetBytes(metadata.LastModified))!);
    }
}

using System.Text;
using Crypt.Crypto.Keys;
using Crypt.Crypto.KeySources;
using Crypt.Crypto.Values;
using Crypt.Formats.Metadata;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Tests.Encryption;

/// <summary>
/// The six selection modes (FORMAT.md §3.3) and the AAD rules (§3.2) on hand-made trees. Each row
/// lists, in walk order, which leaves and comments must come out encrypted ("E") or clear ("C").
/// </summary>
public sealed class SelectionTests
{
    // {# top, a_unencrypted: {b: 1, c: [x, # in list, y]}, secret: s, # marker, d: {e: v}, f: w}
    private static TreeDocument Sample() => TestKeys.Doc(new TreeMap()
        .AddComment(new TreeComment(" top"))
        .Add("a_unencrypted", new TreeMap()
            .Add("b", TreeScalar.Integer(1))
            .Add("c", new TreeList([TreeScalar.String("x"), new TreeComment(" in list"), TreeScalar.String("y")])))
        .Add("secret", TreeScalar.String("s"))
        .AddComment(new TreeComment(" marker"))
        .AddComment(new TreeComment(" after marker"))
        .Add("d", new TreeMap().Add("e", TreeScalar.String("v")))
        .Add("f", TreeScalar.String("w")));

    // Walk order: # top, b, x, # in list, y, secret, # marker, # after marker, e, f
    public static TheoryData<EncryptionMode, string, string> Rows => new()
    {
        { EncryptionMode.UnencryptedSuffix, "_unencrypted", "E C C C C E E E E E" },
        { EncryptionMode.EncryptedSuffix, "et", "C C C C C E C C C C" },
        { EncryptionMode.UnencryptedRegex, "^(a_|d$)", "E C C C C E E E C E" },
        { EncryptionMode.EncryptedRegex, "^[cd]$", "C C E E E C C C E C" },
        { EncryptionMode.UnencryptedCommentRegex, "marker", "E E E E E E C C C E" },
        { EncryptionMode.EncryptedCommentRegex, "^ marker$", "C C C C C C C E E C" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Each_mode_encrypts_exactly_the_selected_leaves(EncryptionMode mode, string pattern, string expected)
    {
        using DataKey key = TestKeys.Fixed();
        EncryptedDocument encrypted = SopsDocument.Seal(Sample(), key, new([], 0), new EncryptionRule(mode, pattern), false, null, new FixedClock(TestKeys.Now), null);

        string actual = string.Join(' ', LeafSlot.Of(encrypted.Tree).Select(s => s.IsEncrypted ? "E" : "C"));
        Assert.Equal(expected, actual);

        using DecryptedDocument decrypted = SopsDocument.Decrypt(encrypted.Tree, encrypted.Metadata, key.Clone(), DecryptOptions.Default);
        TreeAssert.Equal(Sample(), decrypted.Tree);
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Every_encrypted_leaf_and_comment_opens_with_the_path_AAD(EncryptionMode mode, string pattern, string unused)
    {
        _ = unused;
        using DataKey key = TestKeys.Fixed();
        EncryptedDocument encrypted = SopsDocument.Seal(Sample(), key, new([], 0), new EncryptionRule(mode, pattern), false, null, new FixedClock(TestKeys.Now), null);
        using ValueCipher cipher = new(key);
        foreach (LeafSlot slot in LeafSlot.Of(encrypted.Tree).Where(s => s.IsEncrypted))
        {
            Assert.True(EncryptedValue.TryParse(slot.Text!, out EncryptedValue? value, out _));
            Assert.NotNull(cipher.Decrypt(value!, Encoding.UTF8.GetBytes(slot.Aad)));
        }
    }

    [Fact]
    public void AAD_joins_map_keys_skips_list_indices_and_comments_use_their_container()
    {
        TreeDocument doc = TestKeys.Doc(new TreeMap()
            .AddComment(new TreeComment(" root"))
            .Add("spec", new TreeMap()
                .Add("items", new TreeList([new TreeComment(" in list"), new TreeMap().AddComment(new TreeComment(" in map")).Add("token", TreeScalar.String("t"))]))
                .Add("SOME SECRET", TreeScalar.String("x"))));
        using DataKey key = TestKeys.Fixed();
        EncryptedDocument encrypted = SopsDocument.Seal(doc, key, new([], 0), EncryptionRule.Default, false, null, TimeProvider.System, null);

        Assert.Equal([":", "spec:items:", "spec:items:", "spec:items:token:", "spec:SOME SECRET:"], LeafSlot.Of(encrypted.Tree).Select(s => s.Aad));
        using ValueCipher cipher = new(key);
        string[] aads = [":", "spec:items:", "spec:items:", "spec:items:token:", "spec:SOME SECRET:"];
        List<LeafSlot> slots = LeafSlot.Of(encrypted.Tree);
        for (int i = 0; i < slots.Count; i++)
        {
            Assert.True(EncryptedValue.TryParse(slots[i].Text!, out EncryptedValue? value, out _));
            Assert.NotNull(cipher.Decrypt(value!, Encoding.UTF8.GetBytes(aads[i])));
        }
    }

    [Fact]
    public void Each_document_of_a_multi_document_file_starts_from_the_empty_path()
    {
        TreeDocument doc = new([new TreeMap().Add("a", TreeScalar.String("1")), new TreeMap().AddComment(new TreeComment(" c")).Add("a", TreeScalar.String("2"))]);
        using DataKey key = TestKeys.Fixed();
        EncryptedDocument encrypted = SopsDocument.Seal(doc, key, new([], 0), EncryptionRule.Default, false, null, TimeProvider.System, null);
        using ValueCipher cipher = new(key);

        string second = ((TreeScalar)encrypted.Tree.Branches[1].Get("a")!).Text;
        Assert.True(EncryptedValue.TryParse(second, out EncryptedValue? value, out _));
        Assert.Equal("2", Encoding.UTF8.GetString(cipher.Decrypt(value!, "a:"u8)!));
    }

    [Fact]
    public void Empty_strings_and_nulls_are_never_encrypted_nor_hashed()
    {
        TreeDocument doc = TestKeys.Doc(new TreeMap().Add("e", TreeScalar.String("")).Add("n", TreeScalar.Null).AddComment(new TreeComment("")));
        using DataKey key = TestKeys.Fixed();
        EncryptedDocument encrypted = SopsDocument.Seal(doc, key, new([], 0), EncryptionRule.Default, false, null, TimeProvider.System, null);

        TreeAssert.Equal(doc, encrypted.Tree);
        using ValueCipher cipher = new(key);
        Assert.True(EncryptedValue.TryParse(encrypted.Metadata.Mac, out EncryptedValue? mac, out _));
        byte[] aad = Encoding.UTF8.GetBytes(encrypted.Metadata.LastModified);

        // SHA-512 of nothing (fixture rops age_empty_value.yaml).
        Assert.StartsWith("CF83E135", Encoding.ASCII.GetString(cipher.Decrypt(mac!, aad)!), StringComparison.Ordinal);
    }

    [Fact]
    public void An_encrypted_comment_that_matches_unencrypted_comment_regex_is_refused()
    {
        TreeDocument doc = TestKeys.Doc(new TreeMap().AddComment(new TreeComment(" hello")).Add("a", TreeScalar.String("b")));
        using DataKey key = TestKeys.Fixed();
        Assert.Throws<Crypto.Errors.CryptFormatException>(() => SopsDocument.Seal(
            doc, key, new([], 0), new EncryptionRule(EncryptionMode.UnencryptedCommentRegex, "ENC"), false, null, TimeProvider.System, null));
    }

    [Fact]
    public void An_invalid_regex_is_a_format_error_naming_the_option() =>
        Assert.Contains("encrypted_regex", Assert.Throws<Crypto.Errors.CryptFormatException>(() => SopsDocument.Seal(
            Sample(), TestKeys.Fixed(), new([], 0), new EncryptionRule(EncryptionMode.EncryptedRegex, "(unclosed"), false, null, TimeProvider.System, null)).Message, StringComparison.Ordinal);

    [Fact]
    public void Go_named_groups_are_accepted() =>
        Assert.NotNull(SopsDocument.Seal(Sample(), TestKeys.Fixed(), new WrappedKeyGroups([], 0), new EncryptionRule(EncryptionMode.EncryptedRegex, "^(?P<k>sec)"), false, null, TimeProvider.System, null));
}

using System.Text;
using Crypt.Crypto.Values;
using Crypt.Formats.Encryption;
using Crypt.Formats.Tree;
using CsCheck;

namespace Crypt.Formats.Tests.Encryption;

public sealed class SealedChunkTests
{
    private const string Canonical = "ENC[AES256_GCM,data:Va/yn8aIMldbjczVIyBgkRrSo6fo+Dbj,iv:Vwo0MgyProNgNz1AjUJ1KLuEDbZwhSzVWRebJrUlw/Y=,tag:5PFX8ehffhAns47hI9E0fw==,type:str]";

    [Theory]
    [InlineData(Canonical, true)]
    [InlineData("ENC[AES256_GCM,data:,iv:Vwo0MgyProNgNz1AjUJ1KLuEDbZwhSzVWRebJrUlw/Y=,tag:5PFX8ehffhAns47hI9E0fw==,type:str]", true)]
    [InlineData("ENC[AES256_GCM,data:Ah==,iv:7mZlIiottanvOoufMaIRtOYNmq0yr3E0HBbChYkB7sc=,tag:FSHs1hYNQEkBAFCRYbcEUw==,type:int]", false)] // unused bits set
    [InlineData("ENC[AES256_GCM,data:Ag==,iv:7mZlIiottanvOoufMaIRtOYNmq0yr3E0HBbChYkB7sc=,tag:FSHs1hYNQEkBAFCRYbcEUw==,type:INT]", false)]
    [InlineData("ENC[AES256_GCM,data:Ag==,iv:7mZl IiottanvOoufMaIRtOYNmq0yr3E0HBbChYkB7sc=,tag:FSHs1hYNQEkBAFCRYbcEUw==,type:int]", false)]
    [InlineData("ENC[AES256_GCM,data:Ag==]", false)]
    [InlineData("plain text", false)]
    public void A_value_is_kept_as_parts_only_when_its_text_can_be_rebuilt_exactly(string text, bool asParts)
    {
        TreeScalar scalar = new EncryptedLeaves().String(Encoding.UTF8.GetBytes(text), ScalarStyle.DoubleQuoted);

        Assert.Equal(asParts, LeafRewriter.TryGetParts(scalar, out _, out _));
        Assert.Equal(text, scalar.Text);
        Assert.Equal(ScalarStyle.DoubleQuoted, scalar.Style);
        Assert.True(scalar.ValueEquals(TreeScalar.String(text)));
        var clone = (TreeScalar)scalar.Clone();
        Assert.Equal(text, clone.Text);
        Assert.Equal(asParts, LeafRewriter.TryGetParts(clone, out _, out _));
    }

    [Fact]
    public void The_parts_are_the_ones_the_text_parses_to()
    {
        TreeScalar scalar = new EncryptedLeaves().String(Encoding.UTF8.GetBytes(Canonical), ScalarStyle.Any);
        Assert.True(LeafRewriter.TryGetParts(scalar, out EncryptedValueLayout layout, out Span<byte> parts));
        Assert.True(EncryptedValue.TryParse(Canonical, out EncryptedValue? expected, out _));

        Assert.Equal(expected!.Type, layout.Type);
        Assert.Equal(expected.Data, layout.Data(parts).ToArray());
        Assert.Equal(expected.Iv, layout.Iv(parts).ToArray());
        Assert.Equal(expected.Tag, layout.Tag(parts).ToArray());
    }

    [Fact]
    public void Any_text_reads_back_exactly_whether_or_not_it_is_kept_as_parts()
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=,:[] é";
        Gen.Select(Gen.Int[0, Canonical.Length - 1], Gen.Int[0, Alphabet.Length - 1], Gen.Int[0, 2]).Array[0, 3].Sample(edits =>
        {
            var text = new StringBuilder(Canonical);
            foreach ((int at, int c, int kind) in edits)
            {
                int i = Math.Min(at, text.Length - 1);
                _ = kind switch
                {
                    0 => text.Remove(i, 1),
                    1 => text.Insert(i, Alphabet[c]),
                    _ => text.Replace(text[i], Alphabet[c], i, 1),
                };
            }

            string value = text.ToString();
            // A factory per sample: CsCheck runs samples on several threads, and an arena belongs to one reader.
            Assert.Equal(value, new EncryptedLeaves().String(Encoding.UTF8.GetBytes(value), ScalarStyle.Any).Text);
        }, iter: 20_000);
    }

    // The plaintext readers leave room after each leaf; the encryptor writes the parts there.
    [Theory]
    [InlineData(Stores.DocumentFormat.Json, "{\"s\": \"secret\", \"n\": 42, \"f\": 1.5, \"b\": true, \"u\": \"ü\", \"e\": \"\"}")]
    [InlineData(Stores.DocumentFormat.Yaml, "s: secret\nn: 42\nf: 1.5\nb: true\nu: ü\ne: ''\nt: 2024-01-01T00:00:00Z\n")]
    public void Leaves_of_a_parsed_plaintext_are_encrypted_in_their_own_bytes_and_decrypt_back(Stores.DocumentFormat format, string text)
    {
        TreeDocument plain = SopsDocument.ParsePlain(Encoding.UTF8.GetBytes(text), format);
        List<TreeScalar> leaves = [.. plain.Branches[0].Items.Select(i => (TreeScalar)i.Value)];
        TreeDocument expected = SopsDocument.ParsePlain(Encoding.UTF8.GetBytes(text), format);
        using Crypto.Keys.DataKey key = TestKeys.Fixed();

        EncryptedDocument encrypted = SopsDocument.Seal(plain, key, new([], 0), Crypt.Formats.Metadata.EncryptionRule.Default, false, null, TimeProvider.System, null, ownsTree: true);

        // The same scalar objects now hold the parts (the empty string is never encrypted).
        List<TreeScalar> after = [.. encrypted.Tree.Branches[0].Items.Select(i => (TreeScalar)i.Value)];
        Assert.Equal(leaves.Count, after.Count);
        for (int i = 0; i < leaves.Count; i++)
        {
            Assert.Same(leaves[i], after[i]);
            Assert.Equal(!leaves[i].IsEmptyText || leaves[i].Kind != Tree.ScalarKind.String, leaves[i].Text.StartsWith("ENC[AES256_GCM,", StringComparison.Ordinal));
        }

        byte[] file = SopsDocument.Emit(encrypted, format, Stores.EmitOptions.Default);
        TreeDocument tree = Stores.DocumentStores.For(format).ParseEncrypted(file);
        tree.Branches[0].Items.RemoveAll(item => item.Key == "sops"); // no key groups here: the metadata is taken as written
        using DecryptedDocument decrypted = SopsDocument.Decrypt(tree, encrypted.Metadata, key.Clone(), DecryptOptions.Default, ownsTree: true);
        TreeAssert.Equal(expected, decrypted.Tree);
    }

    [Fact]
    public void A_decrypted_string_is_written_over_its_own_parts_and_a_copy_is_left_alone()
    {
        TreeScalar sealedLeaf = new EncryptedLeaves().String(Encoding.UTF8.GetBytes(Canonical), ScalarStyle.Plain);
        var copy = (TreeScalar)sealedLeaf.Clone();
        Assert.True(sealedLeaf.TryGetSlice(out Utf8Slice before));

        TreeScalar opened = new LeafRewriter().OpenString(sealedLeaf, "short"u8);

        Assert.Same(sealedLeaf, opened);
        Assert.True(opened.TryGetSlice(out Utf8Slice after));
        Assert.Same(before.Buffer, after.Buffer);
        Assert.Equal(before.Offset, after.Offset);
        Assert.True(opened.TryGetUtf8(out ReadOnlySpan<byte> utf8));
        Assert.Equal("short"u8.ToArray(), utf8.ToArray());
        Assert.Equal(Canonical, copy.Text);
        Assert.False(LeafRewriter.TryGetParts(opened, out _, out _));
    }

    [Fact]
    public void Bytes_that_are_not_UTF8_decrypt_to_a_byte_string()
    {
        TreeScalar sealedLeaf = new EncryptedLeaves().String(Encoding.UTF8.GetBytes(Canonical), ScalarStyle.Plain);
        byte[] raw = [0xFF, 0x00, 0xC3];

        TreeScalar opened = new LeafRewriter().OpenString(sealedLeaf, raw);

        Assert.False(opened.TryGetUtf8(out _));
        Assert.True(opened.TryGetStringBytes(out ReadOnlySpan<byte> bytes));
        Assert.Equal(raw, bytes.ToArray());
    }

    [Fact]
    public void A_string_too_long_for_the_leaf_goes_to_the_walks_own_storage()
    {
        TreeScalar leaf = TreeScalar.Utf8String(new Utf8Arena().Add("ab"u8));
        TreeScalar opened = new LeafRewriter().OpenString(leaf, "much longer"u8);

        Assert.Same(leaf, opened);
        Assert.Equal("much longer", opened.Text);
    }

    [Fact]
    public void Plaintext_leaves_that_are_not_strings_get_room_and_keep_their_value()
    {
        PlaintextLeaves leaves = new();
        TreeScalar number = leaves.Leaf(TreeScalar.Integer(-42));
        TreeScalar flag = leaves.Leaf(TreeScalar.Boolean(true));

        Assert.Equal(-42, number.Int);
        Assert.True(flag.Bool);
        Assert.NotSame(TreeScalar.Boolean(true), flag); // a leaf of its own, so it can be rewritten in place
        Assert.True(number.TryGetSlice(out Utf8Slice spare));
        Assert.IsType<RoomChunk>(spare.Chunk);
        Assert.Same(TreeScalar.Null, leaves.Leaf(TreeScalar.Null));
        Assert.Equal(-42, ((TreeScalar)number.Clone()).Int);
    }
}

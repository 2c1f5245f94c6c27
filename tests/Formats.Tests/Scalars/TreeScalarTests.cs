using System.Text;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Tests.Scalars;

public sealed class TreeScalarTests
{
    [Theory]
    [InlineData("")]
    [InlineData("plain ascii")]
    [InlineData("héllo wörld ✓ 🔑")]
    public void A_UTF8_backed_string_reads_and_compares_as_the_same_string(string text)
    {
        Utf8Arena arena = new();
        TreeScalar utf8 = TreeScalar.Utf8String(arena.Add(Encoding.UTF8.GetBytes(text)), ScalarStyle.DoubleQuoted);
        TreeScalar plain = TreeScalar.String(text);

        Assert.Equal(text, utf8.Text);
        Assert.Equal(ScalarStyle.DoubleQuoted, utf8.Style);
        Assert.Equal(text.Length == 0, utf8.IsEmptyText);
        Assert.True(utf8.ValueEquals(plain));
        Assert.True(plain.ValueEquals(utf8));
        Assert.True(utf8.ValueEquals(TreeScalar.Utf8String(arena.Add(Encoding.UTF8.GetBytes(text)))));
        Assert.False(utf8.ValueEquals(TreeScalar.String(text + "x")));
        Assert.True(utf8.TryGetUtf8(out ReadOnlySpan<byte> bytes));
        Assert.Equal(Encoding.UTF8.GetBytes(text), bytes.ToArray());
        Assert.False(plain.TryGetUtf8(out _));
    }

    [Fact]
    public void Clone_is_a_new_object_so_rewriting_the_copy_leaves_the_original_alone()
    {
        TreeScalar original = TreeScalar.String("secret", ScalarStyle.SingleQuoted);
        var copy = (TreeScalar)original.Clone();

        Assert.NotSame(original, copy);
        Assert.True(copy.Rewrite(TreeScalar.Integer(7)));
        Assert.Equal(7, copy.Int);
        Assert.Equal(ScalarKind.String, original.Kind);
        Assert.Equal("secret", original.Text);
        Assert.Equal(ScalarStyle.SingleQuoted, original.Style);
    }

    [Fact]
    public void Clones_of_a_slice_backed_string_share_no_bytes_with_it()
    {
        TreeScalar original = TreeScalar.Utf8String(new Utf8Arena().Add("long text"u8), ScalarStyle.Plain);
        var clone = (TreeScalar)original.Clone();
        TreeScalar styled = original.WithStyle(ScalarStyle.DoubleQuoted);

        Assert.True(clone.TryGetSlice(out Utf8Slice cloneBytes));
        Assert.True(styled.TryGetSlice(out Utf8Slice styledBytes));
        "short"u8.CopyTo(cloneBytes.Span);
        "other"u8.CopyTo(styledBytes.Span);

        Assert.Equal("long text", original.Text);
        Assert.Equal(ScalarStyle.DoubleQuoted, styled.Style);
        Assert.Equal("shorttext", clone.Text);
        Assert.Equal("othertext", styled.Text);
    }

    [Fact]
    public void Rewriting_takes_kind_value_and_style()
    {
        TreeScalar scalar = TreeScalar.String("before", ScalarStyle.DoubleQuoted);
        Assert.True(scalar.Rewrite(TreeScalar.FloatingPoint(double.NaN)));
        Assert.Equal(ScalarKind.Float, scalar.Kind);
        Assert.True(double.IsNaN(scalar.Float));
        Assert.Equal(ScalarStyle.Any, scalar.Style);
        Assert.True(scalar.Rewrite(new Utf8Arena().Add("back"u8)));
        Assert.Equal("back", scalar.Text);
        Assert.True(scalar.TryGetUtf8(out _));
    }

    [Fact]
    public void The_shared_singletons_refuse_to_be_rewritten_and_clone_to_themselves()
    {
        foreach (TreeScalar shared in new[] { TreeScalar.Null, TreeScalar.Boolean(true), TreeScalar.Boolean(false) })
        {
            Assert.False(shared.Rewrite(TreeScalar.String("x")));
            Assert.False(shared.Rewrite(new Utf8Arena().Add("x"u8)));
            Assert.Same(shared, shared.Clone());
        }

        Assert.Equal(ScalarKind.Null, TreeScalar.Null.Kind);
        Assert.True(TreeScalar.Boolean(true).Bool);
        Assert.False(TreeScalar.Boolean(false).Bool);
    }

    [Fact]
    public void A_byte_string_keeps_bytes_that_are_not_UTF8_and_compares_by_them()
    {
        byte[] bytes = [0x61, 0xFF, 0xFE, 0x62];
        TreeScalar raw = TreeScalar.ByteString(bytes);

        Assert.False(raw.TryGetUtf8(out _));
        Assert.True(raw.TryGetStringBytes(out ReadOnlySpan<byte> held));
        Assert.Equal(bytes, held.ToArray());
        Assert.Equal("a\uFFFD\uFFFDb", raw.Text);
        Assert.True(raw.ValueEquals(TreeScalar.ByteString(bytes)));
        Assert.False(raw.ValueEquals(TreeScalar.ByteString([0x61, 0xFF, 0xFD, 0x62])));
        Assert.True(TreeScalar.ByteString("ok"u8).TryGetUtf8(out _));
    }

    // The tree is immutable to callers: no public setter on a node that holds a value.
    [Theory]
    [InlineData(typeof(TreeScalar))]
    [InlineData(typeof(TreeComment))]
    public void Values_and_comments_have_no_public_setters(Type type)
    {
        Assert.All(type.GetProperties(), p => Assert.False(p.SetMethod?.IsPublic ?? false, $"{type.Name}.{p.Name} has a public setter"));
    }

    [Fact]
    public void The_arena_keeps_every_slice_intact_across_chunks()
    {
        Utf8Arena arena = new();
        List<(Utf8Slice Slice, byte[] Expected)> written = [];
        var random = new Random(4);
        for (int i = 0; i < 3000; i++)
        {
            // Mostly small values, now and then one larger than a whole chunk.
            byte[] value = new byte[i % 500 == 0 ? 300_000 : random.Next(0, 200)];
            random.NextBytes(value);
            written.Add((arena.Add(value), value));
        }

        Span<byte> reserved = arena.Reserve(100, out Utf8Slice slice);
        "abc"u8.CopyTo(reserved);
        Utf8Slice committed = arena.Commit(slice, 3);
        Utf8Slice next = arena.Add("d"u8);

        foreach ((Utf8Slice s, byte[] expected) in written)
        {
            Assert.Equal(expected, s.Buffer.AsSpan(s.Offset, s.Length).ToArray());
        }

        Assert.Equal("abc"u8.ToArray(), committed.Buffer.AsSpan(committed.Offset, committed.Length).ToArray());
        Assert.Equal(committed.Offset + 3, next.Offset);
    }
}

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
        Assert.True(copy.OverwriteWith(TreeScalar.Integer(7)));
        Assert.Equal(7, copy.Int);
        Assert.Equal(ScalarKind.String, original.Kind);
        Assert.Equal("secret", original.Text);
        Assert.Equal(ScalarStyle.SingleQuoted, original.Style);
    }

    [Fact]
    public void Rewriting_a_copy_in_its_own_bytes_leaves_the_original_and_its_other_copies_alone()
    {
        TreeScalar original = TreeScalar.Utf8String(new Utf8Arena().Add("ENC[long text]"u8), ScalarStyle.Plain);
        var clone = (TreeScalar)original.Clone();
        TreeScalar styled = original.WithStyle(ScalarStyle.DoubleQuoted);

        Assert.True(clone.OverwriteOwnUtf8("short"u8));
        Assert.True(styled.OverwriteOwnUtf8("other"u8));
        Assert.False(clone.OverwriteOwnUtf8("longer than the text it replaces"u8));

        Assert.Equal("short", clone.Text);
        Assert.Equal("other", styled.Text);
        Assert.Equal("ENC[long text]", original.Text);
        Assert.False(TreeScalar.String("not UTF-8 backed").OverwriteOwnUtf8("x"u8));
    }

    [Fact]
    public void Overwriting_takes_kind_value_and_style()
    {
        TreeScalar scalar = TreeScalar.String("ENC[...]", ScalarStyle.DoubleQuoted);
        Assert.True(scalar.OverwriteWith(TreeScalar.FloatingPoint(double.NaN)));
        Assert.Equal(ScalarKind.Float, scalar.Kind);
        Assert.True(double.IsNaN(scalar.Float));
        Assert.Equal(ScalarStyle.Any, scalar.Style);
        Assert.True(scalar.OverwriteWith(TreeScalar.Utf8String(new Utf8Arena().Add("back"u8))));
        Assert.Equal("back", scalar.Text);
    }

    [Fact]
    public void The_shared_singletons_refuse_to_be_overwritten_and_clone_to_themselves()
    {
        foreach (TreeScalar shared in new[] { TreeScalar.Null, TreeScalar.Boolean(true), TreeScalar.Boolean(false) })
        {
            Assert.False(shared.OverwriteWith(TreeScalar.String("x")));
            Assert.Same(shared, shared.Clone());
        }

        Assert.Equal(ScalarKind.Null, TreeScalar.Null.Kind);
        Assert.True(TreeScalar.Boolean(true).Bool);
        Assert.False(TreeScalar.Boolean(false).Bool);
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

using Crypt.Formats.Stores;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Tests;

/// <summary>The stores write to a stream; tests compare bytes.</summary>
internal static class StoreEmitExtensions
{
    public static byte[] EmitPlain(this IDocumentStore store, TreeDocument document, EmitOptions options) =>
        Collect(output => store.EmitPlain(document, options, output));

    public static byte[] EmitEncrypted(this IDocumentStore store, TreeDocument document, EmitOptions options) =>
        Collect(output => store.EmitEncrypted(document, options, output));

    public static byte[] EmitValue(this IDocumentStore store, TreeNode value, EmitOptions options) =>
        Collect(output => store.EmitValue(value, options, output));

    private static byte[] Collect(Action<Stream> emit)
    {
        using MemoryStream buffer = new();
        emit(buffer);
        return buffer.ToArray();
    }
}

namespace Crypt.Formats.Stores;

/// <summary>The store for each format.</summary>
internal static class DocumentStores
{
    public static IDocumentStore For(DocumentFormat format) => format switch
    {
        // Each store registers here as it lands.
        DocumentFormat.Json => new Crypt.Formats.Json.JsonStore(),
        DocumentFormat.Dotenv => new Crypt.Formats.Dotenv.DotenvStore(),
        DocumentFormat.Binary => new Crypt.Formats.Binary.BinaryStore(),
        _ => throw new NotSupportedException($"no store for {format} yet"),
    };
}

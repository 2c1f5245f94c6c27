namespace Crypt.Formats.Stores;

/// <summary>The store for each format.</summary>
internal static class DocumentStores
{
    public static IDocumentStore For(DocumentFormat format) => format switch
    {
        // Each store registers here as it lands.
        DocumentFormat.Yaml => new Yaml.YamlStore(),
        _ => throw new NotSupportedException($"no store for {format} yet"),
    };
}

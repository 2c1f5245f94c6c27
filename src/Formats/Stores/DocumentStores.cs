using Crypt.Formats.Binary;
using Crypt.Formats.Dotenv;
using Crypt.Formats.Ini;
using Crypt.Formats.Json;
using Crypt.Formats.Yaml;

namespace Crypt.Formats.Stores;

/// <summary>The store for each format.</summary>
internal static class DocumentStores
{
    public static IDocumentStore For(DocumentFormat format) => format switch
    {
        DocumentFormat.Yaml => new YamlStore(),
        DocumentFormat.Json => new JsonStore(),
        DocumentFormat.Dotenv => new DotenvStore(),
        DocumentFormat.Ini => new IniStore(),
        DocumentFormat.Binary => new BinaryStore(),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };
}

namespace Crypt.Formats.Stores;

/// <summary>Format names and detection by file name, as SOPS's <c>formats.FormatForPath</c> (<c>cmd/sops/formats/formats.go</c>).</summary>
public static class DocumentFormats
{
    /// <summary>The format for <paramref name="path"/> by its extension; anything unknown is binary.</summary>
    public static DocumentFormat FromPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string name = Path.GetFileName(path);
        if (name.EndsWith(".yaml", StringComparison.Ordinal) || name.EndsWith(".yml", StringComparison.Ordinal))
        {
            return DocumentFormat.Yaml;
        }

        if (name.EndsWith(".json", StringComparison.Ordinal))
        {
            return DocumentFormat.Json;
        }

        // SOPS matches the suffix, so both "x.env" and a bare ".env" are dotenv.
        if (name.EndsWith(".env", StringComparison.Ordinal))
        {
            return DocumentFormat.Dotenv;
        }

        return name.EndsWith(".ini", StringComparison.Ordinal) ? DocumentFormat.Ini : DocumentFormat.Binary;
    }

    /// <summary>Parses a <c>--input-type</c>/<c>--output-type</c> name; false when unknown.</summary>
    public static bool TryParse(string? name, out DocumentFormat format)
    {
        switch (name)
        {
            case "yaml": format = DocumentFormat.Yaml; return true;
            case "json": format = DocumentFormat.Json; return true;
            case "dotenv": format = DocumentFormat.Dotenv; return true;
            case "ini": format = DocumentFormat.Ini; return true;
            case "binary": format = DocumentFormat.Binary; return true;
            default: format = default; return false;
        }
    }
}

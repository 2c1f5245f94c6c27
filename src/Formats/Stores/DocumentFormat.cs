namespace Crypt.Formats.Stores;

/// <summary>The file formats Crypt reads and writes (SOPS §8).</summary>
public enum DocumentFormat
{
    /// <summary>YAML (<c>.yaml</c>, <c>.yml</c>).</summary>
    Yaml,

    /// <summary>JSON (<c>.json</c>).</summary>
    Json,

    /// <summary>dotenv (<c>.env</c>).</summary>
    Dotenv,

    /// <summary>INI (<c>.ini</c>): sections of string values.</summary>
    Ini,

    /// <summary>Any other file: the whole content is one value, stored encrypted as JSON.</summary>
    Binary,
}

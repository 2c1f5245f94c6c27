namespace Crypt.Config;

/// <summary>A loaded <c>.sopsrc</c>/<c>.sops.yaml</c>: creation rules and store settings.</summary>
internal sealed record CryptConfig
{
    /// <summary>The file it was read from.</summary>
    public required string Path { get; init; }

    /// <summary>The creation rules in order; the first that matches wins.</summary>
    public required IReadOnlyList<CreationRule> CreationRules { get; init; }

    /// <summary><c>stores.yaml.indent</c>, null when unset.</summary>
    public int? YamlIndent { get; init; }

    /// <summary><c>stores.json.indent</c>, null when unset.</summary>
    public int? JsonIndent { get; init; }

    /// <summary>The first rule matching <paramref name="filePath"/> (made relative to the config's folder), or null.</summary>
    public CreationRule? Match(string filePath)
    {
        // sops strips the config folder prefix from the absolute path; files outside it keep
        // their absolute path.
        string configDir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path)) ?? "/";
        string full = System.IO.Path.GetFullPath(filePath);
        string prefix = configDir.EndsWith('/') ? configDir : configDir + "/";
        string relative = full.StartsWith(prefix, StringComparison.Ordinal) ? full[prefix.Length..] : full;
        foreach (CreationRule rule in CreationRules)
        {
            if (rule.PathRegex is null || rule.PathRegex.IsMatch(relative))
            {
                return rule;
            }
        }

        return null;
    }
}

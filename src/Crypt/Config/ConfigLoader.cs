using System.Globalization;
using System.Text.RegularExpressions;
using Crypt.Crypto.Aws.Kms;
using Crypt.Crypto.Azure.KeyVault;
using Crypt.Crypto.Errors;
using Crypt.Crypto.Pgp;
using Crypt.Errors;
using Crypt.Formats.Metadata;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Crypt.Config;

/// <summary>
/// Finds and reads the creation-rules file. Same schema as sops's <c>.sops.yaml</c> (FORMAT.md
/// §9); Crypt looks for <c>.sopsrc</c> first and falls back to <c>.sops.yaml</c>, walking up
/// from the working folder. <c>--config</c> or <c>SOPS_CONFIG</c> name a file directly.
/// </summary>
internal static class ConfigLoader
{
    private const int MaxParents = 100;

    /// <summary>The config path to use, or null when none is found.</summary>
    public static string? Find(string? explicitPath, string workingDirectory)
    {
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return File.Exists(explicitPath)
                ? explicitPath
                : throw new ConfigException("config file not found", explicitPath);
        }

        foreach (string name in new[] { ".sopsrc", ".sops.yaml" })
        {
            string? dir = Path.GetFullPath(workingDirectory);
            for (int i = 0; dir is not null && i <= MaxParents; i++)
            {
                string candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }

                dir = Path.GetDirectoryName(dir);
            }
        }

        return null;
    }

    /// <summary>Reads and validates a config file.</summary>
    public static CryptConfig Load(string path)
    {
        YamlStream yaml = [];
        try
        {
            string text = File.ReadAllText(path);
            CheckDepth(path, text);
            yaml.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw Error(path, e.Start, $"not valid YAML: {e.InnerException?.Message ?? e.Message}");
        }
        catch (Exception e) when (e.Source == "YamlDotNet")
        {
            // YamlDotNet throws more than YamlException on malformed input (InvalidOperationException
            // on an unclosed flow collection, ArgumentException on a key-less `:` line in a nested
            // map; both found by the config fuzz, tests/Cli.Tests/Hardening/ParserFuzzTests.cs):
            // whatever the reader itself throws, the file is not YAML it can read.
            throw new ConfigException("not valid YAML: the YAML reader cannot build its structure", path, innerException: e);
        }
        catch (IOException e)
        {
            throw new ConfigException($"cannot read config: {e.Message}", path, innerException: e);
        }

        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            return new CryptConfig { Path = path, CreationRules = [] };
        }

        RejectUnknownFields(path, root, s_topFields, "the config file");
        List<CreationRule> rules = [];
        if (Child(root, "creation_rules") is YamlSequenceNode ruleNodes)
        {
            foreach (YamlNode node in ruleNodes)
            {
                rules.Add(ReadRule(path, node as YamlMappingNode ?? throw Error(path, node.Start, "each creation rule must be a mapping")));
            }
        }

        return new CryptConfig
        {
            Path = path,
            CreationRules = rules,
            YamlIndent = Indent(path, root, "yaml"),
            JsonIndent = Indent(path, root, "json"),
        };
    }

    // The fields sops's config.go knows (creationRule, keyGroup, configFile); go-yaml ignores
    // any other, so a typo such as `agee:` there surfaces later as "no key groups". Crypt names it.
    private static readonly string[] s_ruleFields =
    [
        "path_regex", "kms", "aws_profile", "age", "pgp", "gcp_kms", "hckms", "azure_keyvault", "hc_vault_transit_uri",
        "key_groups", "shamir_threshold", "unencrypted_suffix", "encrypted_suffix", "unencrypted_regex", "encrypted_regex",
        "unencrypted_comment_regex", "encrypted_comment_regex", "mac_only_encrypted",
    ];

    private static readonly string[] s_groupFields = ["merge", "kms", "gcp_kms", "hckms", "azure_keyvault", "hc_vault", "age", "pgp"];

    private static readonly string[] s_topFields = ["creation_rules", "destination_rules", "stores"];

    private static void RejectUnknownFields(string path, YamlMappingNode map, string[] known, string where)
    {
        foreach ((YamlNode key, _) in map.Children)
        {
            if (key is YamlScalarNode { Value: { } name } && !known.Contains(name))
            {
                string? near = known.FirstOrDefault(k => EditDistance.Of(k, name) <= 2);
                string hint = near is null ? $"known fields: {string.Join(", ", known)}" : $"did you mean '{near}'?";
                throw Error(path, key.Start, $"unknown field '{name}' in {where}; {hint}");
            }
        }
    }

    private static CreationRule ReadRule(string path, YamlMappingNode rule)
    {
        RejectUnknownFields(path, rule, s_ruleFields, "a creation rule");
        Regex? pathRegex = null;
        if (Scalar(rule, "path_regex") is { } pattern)
        {
            try
            {
                pathRegex = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                throw Error(path, Child(rule, "path_regex")!.Start, $"path_regex is not a valid pattern: {e.Message}");
            }
        }

        IReadOnlyList<IReadOnlyList<KeySpec>> groups = Child(rule, "key_groups") is YamlSequenceNode groupNodes
            ? groupNodes.Select(g => ReadGroup(path, g)).ToList()
            : [ReadFlatKeys(path, rule)];

        return new CreationRule
        {
            PathRegex = pathRegex,
            KeyGroups = groups.Where(g => g.Count > 0).ToList(),
            ShamirThreshold = Int(path, rule, "shamir_threshold") ?? 0,
            Rule = ReadEncryptionRule(path, rule),
            MacOnlyEncrypted = Bool(path, rule, "mac_only_encrypted") ?? false,
        };
    }

    private static List<KeySpec> ReadFlatKeys(string path, YamlMappingNode rule)
    {
        List<KeySpec> keys = [];
        string? profile = Scalar(rule, "aws_profile");
        keys.AddRange(StringList(rule, "age").Select(r => new AgeKeySpec(r)));
        keys.AddRange(StringList(rule, "pgp").SelectMany(PgpRecipient.ParseList).Select(f => new PgpKeySpec(f)));
        keys.AddRange(StringList(rule, "kms").Select(k => new KmsKeySpec(Key(path, rule, () => KmsKeyParser.ParseOne(k, context: null, profile)))));
        keys.AddRange(StringList(rule, "azure_keyvault").Select(u => new AzureKeySpec(Key(path, rule, () => AzureKeyVaultKeyReference.Parse(u)))));
        foreach (string type in new[] { "gcp_kms", "hc_vault_transit_uri", "hckms" })
        {
            keys.AddRange(StringList(rule, type).Select(k => new UnsupportedKeySpec(type, k)));
        }

        return keys;
    }

    private static List<KeySpec> ReadGroup(string path, YamlNode node)
    {
        if (node is not YamlMappingNode group)
        {
            throw Error(path, node.Start, "each key group must be a mapping");
        }

        RejectUnknownFields(path, group, s_groupFields, "a key group");
        List<KeySpec> keys = [];
        if (Child(group, "merge") is YamlSequenceNode merged)
        {
            foreach (YamlNode inner in merged)
            {
                keys.AddRange(ReadGroup(path, inner));
            }
        }

        keys.AddRange(StringList(group, "age").Select(r => new AgeKeySpec(r)));

        // sops config.go keyGroup.PGP is a list of fingerprints, each used whole (spaces removed).
        if (Child(group, "pgp") is YamlScalarNode { Value.Length: > 0 } scalarPgp)
        {
            throw Error(path, scalarPgp.Start, "pgp in a key group is a list of fingerprints (- FINGERPRINT), as in sops");
        }

        if (Child(group, "pgp") is YamlSequenceNode pgp)
        {
            foreach (YamlNode entry in pgp)
            {
                if (entry is not YamlScalarNode { Value: { } fingerprint })
                {
                    throw Error(path, entry.Start, "a key_groups pgp entry must be a fingerprint");
                }

                keys.Add(new PgpKeySpec(PgpRecipient.Normalize(fingerprint)));
            }
        }

        if (Child(group, "kms") is YamlSequenceNode kms)
        {
            foreach (YamlNode entry in kms)
            {
                if (entry is not YamlMappingNode map || Scalar(map, "arn") is not { } arn)
                {
                    throw Error(path, entry.Start, "a key_groups kms entry needs an arn");
                }

                List<KeyValuePair<string, string>> context = Child(map, "context") is YamlMappingNode ctx
                    ? ctx.Children.Select(p => new KeyValuePair<string, string>(((YamlScalarNode)p.Key).Value ?? string.Empty, (p.Value as YamlScalarNode)?.Value ?? string.Empty)).ToList()
                    : [];
                keys.Add(new KmsKeySpec(Key(path, map, () => new KmsKeyReference(arn, Scalar(map, "role"), context, Scalar(map, "aws_profile")))));
            }
        }

        if (Child(group, "azure_keyvault") is YamlSequenceNode azure)
        {
            foreach (YamlNode entry in azure)
            {
                if (entry is not YamlMappingNode map || Scalar(map, "vaultUrl") is not { } vault || Scalar(map, "key") is not { } name)
                {
                    throw Error(path, entry.Start, "a key_groups azure_keyvault entry needs vaultUrl and key");
                }

                keys.Add(new AzureKeySpec(Key(path, map, () => AzureKeyVaultKeyReference.FromKeyGroup(vault, name, Scalar(map, "version")))));
            }
        }

        foreach (string type in new[] { "gcp_kms", "hc_vault", "hckms" })
        {
            if (Child(group, type) is YamlSequenceNode others && others.Children.Count > 0)
            {
                keys.Add(new UnsupportedKeySpec(type, type));
            }
        }

        return keys;
    }

    /// <summary>Runs a key parser, turning its error into a config error at <paramref name="node"/>.</summary>
    private static T Key<T>(string path, YamlNode node, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (MalformedKeyException e)
        {
            // A key in a creation rule is part of the config: a malformed one is a config error
            // at its place in the file (exit 5), not a key given on the command line (111).
            throw Error(path, node.Start, e.Message);
        }
    }

    private static EncryptionRule? ReadEncryptionRule(string path, YamlMappingNode rule)
    {
        List<EncryptionRule> found = [];
        foreach (EncryptionMode mode in Enum.GetValues<EncryptionMode>())
        {
            EncryptionRule probe = new(mode, string.Empty);
            if (Scalar(rule, probe.FieldName) is { Length: > 0 } value)
            {
                found.Add(probe with { Value = value });
            }
        }

        return found.Count switch
        {
            0 => null,
            1 => found[0],
            _ => throw Error(path, rule.Start, "a creation rule may set only one of unencrypted_suffix, encrypted_suffix, unencrypted_regex, encrypted_regex, unencrypted_comment_regex, encrypted_comment_regex"),
        };
    }

    private static int? Indent(string path, YamlMappingNode root, string store) =>
        Child(root, "stores") is YamlMappingNode stores && Child(stores, store) is YamlMappingNode settings
            ? Int(path, settings, "indent")
            : null;

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? value) ? value : null;

    private static string? Scalar(YamlMappingNode map, string key) => (Child(map, key) as YamlScalarNode)?.Value;

    private static int? Int(string path, YamlMappingNode map, string key)
    {
        if (Scalar(map, key) is not { } text)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw Error(path, Child(map, key)!.Start, $"{key} must be an integer");
    }

    private static bool? Bool(string path, YamlMappingNode map, string key) => Scalar(map, key) switch
    {
        null => null,
        "true" or "True" or "TRUE" => true,
        "false" or "False" or "FALSE" => false,
        _ => throw Error(path, Child(map, key)!.Start, $"{key} must be true or false"),
    };

    /// <summary>A comma-separated string or a list of (comma-separated) strings, trimmed, empties dropped.</summary>
    private static IEnumerable<string> StringList(YamlMappingNode map, string key)
    {
        IEnumerable<string?> raw = Child(map, key) switch
        {
            YamlScalarNode scalar => [scalar.Value],
            YamlSequenceNode sequence => sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value),
            _ => [],
        };
        return raw.SelectMany(s => (s ?? string.Empty).Split(',')).Select(s => s.Trim()).Where(s => s.Length > 0);
    }

    /// <summary>The deepest nesting a config may have; a real one is about six levels deep.</summary>
    internal const int MaxDepth = 64;

    /// <summary>
    /// YamlDotNet builds its node tree recursively (YamlNode.ParseNode), so a config nested a few
    /// thousand levels deep overflowed the stack and killed the process with a stack trace.
    /// The event stream is flat: walk it first and refuse past <see cref="MaxDepth"/>.
    /// </summary>
    private static void CheckDepth(string path, string text)
    {
        Parser parser = new(new StringReader(text));
        int depth = 0;
        while (parser.MoveNext())
        {
            if (parser.Current is SequenceStart or MappingStart)
            {
                if (++depth > MaxDepth)
                {
                    throw Error(path, parser.Current.Start, $"nests deeper than {MaxDepth} levels (the limit for a config)");
                }
            }
            else if (parser.Current is SequenceEnd or MappingEnd)
            {
                depth--;
            }
        }
    }

    private static ConfigException Error(string path, Mark mark, string message) =>
        new(message, path, mark.Line, mark.Column);
}

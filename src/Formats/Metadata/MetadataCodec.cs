using Crypt.Crypto.Errors;
using Crypt.Formats.Stores;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Metadata;

/// <summary>
/// Takes the <c>sops</c> metadata out of a parsed document and puts it back, per format
/// (sops <c>stores.ExtractMetadata</c>/<c>SerializeMetadata</c>, FORMAT.md §5.3–5.4). YAML, JSON
/// and binary carry a nested <c>sops</c> map as the last key of every document; dotenv carries
/// flattened <c>sops_*</c> items; INI a last <c>[sops]</c> section of flattened keys. Reading accepts every historical layout; writing produces the
/// sops 3.13 sorted layout.
/// </summary>
internal static class MetadataCodec
{
    /// <summary>The metadata key of nested formats.</summary>
    public const string MetadataKey = "sops";

    /// <summary>The prefix of dotenv's flattened metadata keys.</summary>
    public const string FlatPrefix = "sops_";

    /// <summary>
    /// Removes the metadata from <paramref name="document"/> and returns it; null when there is
    /// none (the caller reports <c>sops metadata not found</c>). Nested formats: the first
    /// document's <c>sops</c> must be a single map; <c>sops</c> keys in later documents are
    /// removed and ignored. An empty <c>sops</c> map counts as none, as it does in sops.
    /// Malformed metadata throws <see cref="CryptFormatException"/>.
    /// </summary>
    public static SopsMetadata? Extract(TreeDocument document, DocumentFormat format)
    {
        ArgumentNullException.ThrowIfNull(document);
        TreeMap? tree = format switch
        {
            DocumentFormat.Dotenv => ExtractFlat(document),
            DocumentFormat.Ini => UnflattenSection(ExtractNested(document)),
            _ => ExtractNested(document),
        };
        return tree is null || tree.Items.All(i => i.IsComment) ? null : MetadataReader.Read(tree);
    }

    /// <summary>
    /// Appends <paramref name="metadata"/> in the 3.13 sorted layout: as the last key
    /// <c>sops</c> of every document, or for dotenv as <c>sops_…</c> items after the data.
    /// Throws <see cref="CryptFormatException"/> when the data already uses the reserved key or
    /// prefix (sops refuses such files).
    /// </summary>
    public static void Attach(TreeDocument document, SopsMetadata metadata, DocumentFormat format)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(metadata);
        ThrowIfReservedKeyUsed(document, format);
        TreeMap tree = MetadataWriter.Build(metadata);
        if (format == DocumentFormat.Dotenv)
        {
            if (document.Branches.Count > 0)
            {
                document.Branches[0].Items.AddRange(MetadataFlattening.Flatten(tree, FlatPrefix));
            }

            return;
        }

        if (format == DocumentFormat.Ini)
        {
            if (document.Branches.Count > 0)
            {
                document.Branches[0].Add(MetadataKey, FlattenSection(tree));
            }

            return;
        }

        foreach (TreeMap branch in document.Branches)
        {
            branch.Add(MetadataKey, tree.Clone());
        }
    }

    /// <summary>
    /// <c>filestatus</c>'s test: metadata was found and has a version and a MAC.
    /// </summary>
    public static bool IsEncrypted(SopsMetadata? metadata) =>
        metadata is not null && metadata.Version.Length > 0 && metadata.Mac.Length > 0;

    /// <summary>
    /// True when a plaintext document already holds the metadata key (<c>sops</c>, or for
    /// dotenv any key starting <c>sops_</c>): sops refuses to encrypt it (exit 203).
    /// </summary>
    public static bool HasMetadataKey(TreeDocument document, DocumentFormat format)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.Branches.Any(b => b.Items.Any(i => IsReserved(i.Key, format)));
    }

    private static void ThrowIfReservedKeyUsed(TreeDocument document, DocumentFormat format)
    {
        foreach (TreeMap branch in document.Branches)
        {
            foreach (TreeMapItem item in branch.Items)
            {
                if (IsReserved(item.Key, format))
                {
                    string reason = format == DocumentFormat.Dotenv
                        ? $"the data uses the prefix '{FlatPrefix}', which is reserved for SOPS metadata"
                        : $"the data uses the key '{MetadataKey}', which is reserved for SOPS metadata";
                    throw new CryptFormatException(reason, keyPath: item.Key);
                }
            }
        }
    }

    private static bool IsReserved(string? key, DocumentFormat format) =>
        key is not null && (format == DocumentFormat.Dotenv ? key.StartsWith(FlatPrefix, StringComparison.Ordinal) : key == MetadataKey);

    private static TreeMap? ExtractNested(TreeDocument document)
    {
        TreeMap? found = null;
        for (int b = 0; b < document.Branches.Count; b++)
        {
            List<TreeMapItem> items = document.Branches[b].Items;
            for (int i = 0; i < items.Count; i++)
            {
                if (items[i].Key != MetadataKey)
                {
                    continue;
                }

                if (b == 0)
                {
                    if (found is not null)
                    {
                        throw new CryptFormatException($"Found duplicate {MetadataKey} entry", keyPath: MetadataKey);
                    }

                    found = items[i].Value as TreeMap
                        ?? throw new CryptFormatException($"Found {MetadataKey} entry that is not a mapping", keyPath: MetadataKey);
                }

                items.RemoveAt(i);
                i--;
            }
        }

        return found;
    }

    // INI (sops MetadataFlattenBelowTop with EscapeNewlines, stores/metadata.go): the [sops]
    // section holds the flattened keys without prefix, a newline in a string written as a
    // backslash and 'n'. sops 3.13.0 and 3.13.1 wrote real newlines (in triple-quoted values);
    // both read the same.
    private static TreeMap FlattenSection(TreeMap metadata)
    {
        List<TreeMapItem> items = MetadataFlattening.Flatten(metadata, string.Empty);
        for (int i = 0; i < items.Count; i++)
        {
            if (items[i].Value is TreeScalar { IsString: true } scalar && scalar.Text.Contains('\n', StringComparison.Ordinal))
            {
                items[i] = items[i] with { Value = TreeScalar.String(scalar.Text.Replace("\n", "\\n", StringComparison.Ordinal)) };
            }
        }

        return new TreeMap(items);
    }

    private static TreeMap? UnflattenSection(TreeMap? section)
    {
        if (section is null)
        {
            return null;
        }

        var flat = new List<(string, TreeNode)>();
        foreach (TreeMapItem item in section.Items)
        {
            if (item.IsComment)
            {
                continue;
            }

            TreeNode value = item.Value is TreeScalar { IsString: true } scalar && scalar.Text.Contains("\\n", StringComparison.Ordinal)
                ? TreeScalar.String(scalar.Text.Replace("\\n", "\n", StringComparison.Ordinal))
                : item.Value;
            flat.Add((item.Key!, value));
        }

        return flat.Count == 0 ? null : MetadataFlattening.Unflatten(flat, FlatPrefix);
    }

    private static TreeMap? ExtractFlat(TreeDocument document)
    {
        if (document.Branches.Count == 0)
        {
            return null;
        }

        var flat = new List<(string, TreeNode)>();
        document.Branches[0].Items.RemoveAll(item =>
        {
            if (item.Key is null || !item.Key.StartsWith(FlatPrefix, StringComparison.Ordinal))
            {
                return false;
            }

            flat.Add((item.Key[FlatPrefix.Length..], item.Value));
            return true;
        });

        return flat.Count == 0 ? null : MetadataFlattening.Unflatten(flat, FlatPrefix);
    }
}

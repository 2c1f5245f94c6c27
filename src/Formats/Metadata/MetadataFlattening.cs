using System.Globalization;
using Crypt.Crypto.Errors;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Metadata;

/// <summary>
/// sops's metadata flattening for dotenv (<c>stores/flatten.go</c>, FORMAT.md §5.4): a path of
/// map steps <c>__map_&lt;key&gt;</c> and list steps <c>__list_&lt;index&gt;</c> after a prefix.
/// Unflattening sorts map keys, needs lists dense from 0, and refuses a path used twice or
/// used both as a value and as a container.
/// </summary>
internal static class MetadataFlattening
{
    private const string MapSeparator = "__map_";
    private const string ListSeparator = "__list_";

    // The deepest real layout is sops_key_groups__list_N__map_kms__list_N__map_context__map_K.
    private const int MaxSteps = 16;

    /// <summary>The leaves of <paramref name="map"/> as <c>prefix + path</c> items, in tree order.</summary>
    public static List<TreeMapItem> Flatten(TreeMap map, string prefix)
    {
        var result = new List<TreeMapItem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        FlattenMap(map, prefix, result, seen);
        return result;
    }

    /// <summary>The tree of <c>(path, value)</c> items whose prefix was already removed.</summary>
    public static TreeMap Unflatten(IEnumerable<(string Path, TreeNode Value)> items, string pathPrefix)
    {
        var root = new Node();
        foreach ((string path, TreeNode value) in items)
        {
            Node node = root;
            List<Step> steps = Tokenize(path);
            if (steps.Count > MaxSteps)
            {
                throw new CryptFormatException("metadata key nests too deeply", keyPath: pathPrefix + path);
            }

            foreach (Step step in steps)
            {
                node = step.IsList
                    ? GetOrAdd(node.Indices ??= [], step.Index)
                    : GetOrAdd(node.Subkeys ??= new Dictionary<string, Node>(StringComparer.Ordinal), step.Key!);
            }

            if (node.Value is not null)
            {
                throw new CryptFormatException("duplicate metadata value", keyPath: pathPrefix + path);
            }

            node.Value = value;
        }

        return (TreeMap)Convert(root, pathPrefix.TrimEnd('_'));
    }

    private static void FlattenValue(TreeNode value, string key, List<TreeMapItem> result, HashSet<string> seen)
    {
        switch (value)
        {
            case TreeMap map:
                FlattenMap(map, key + MapSeparator, result, seen);
                break;
            case TreeList list:
                int i = 0;
                foreach (TreeNode item in list.Items)
                {
                    if (item is not TreeComment)
                    {
                        FlattenValue(item, key + ListSeparator + i.ToString(CultureInfo.InvariantCulture), result, seen);
                        i++;
                    }
                }

                break;
            default:
                if (!seen.Add(key))
                {
                    throw new CryptFormatException("key collision while flattening metadata", keyPath: key);
                }

                result.Add(new TreeMapItem(key, value));
                break;
        }
    }

    private static void FlattenMap(TreeMap map, string prefix, List<TreeMapItem> result, HashSet<string> seen)
    {
        foreach (TreeMapItem item in map.Items)
        {
            if (!item.IsComment)
            {
                FlattenValue(item.Value, prefix + item.Key, result, seen);
            }
        }
    }

    // Mirrors sops's tokenizer: the text before the first separator is a map key; an index that
    // does not parse counts as 0, as Go's ignored Atoi error makes it.
    private static List<Step> Tokenize(string path)
    {
        var steps = new List<Step>();
        int tokenStart = 0;
        int skip = 0;
        bool isList = false;
        int i = 0;
        while (true)
        {
            bool atMap = i < path.Length && string.CompareOrdinal(path, i, MapSeparator, 0, MapSeparator.Length) == 0;
            bool atList = !atMap && i < path.Length && string.CompareOrdinal(path, i, ListSeparator, 0, ListSeparator.Length) == 0;
            if (atMap || atList || i >= path.Length)
            {
                string text = path[(tokenStart + skip)..i];
                steps.Add(isList ? new Step(null, int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int index) ? index : 0) : new Step(text, 0));
                if (i >= path.Length)
                {
                    return steps;
                }

                tokenStart = i;
                isList = atList;
                skip = atList ? ListSeparator.Length : MapSeparator.Length;
                i += skip;
            }
            else
            {
                i++;
            }
        }
    }

    private static TreeNode Convert(Node node, string path)
    {
        int kinds = (node.Value is null ? 0 : 1) + (node.Subkeys is null ? 0 : 1) + (node.Indices is null ? 0 : 1);
        if (kinds > 1)
        {
            throw new CryptFormatException("metadata type mismatch: a path is both a value and a container", keyPath: path);
        }

        if (node.Value is not null)
        {
            return node.Value;
        }

        if (node.Indices is not null)
        {
            int count = node.Indices.Count;
            if (node.Indices.Keys.Min() != 0 || node.Indices.Keys.Max() != count - 1)
            {
                throw new CryptFormatException("incomplete metadata list: indices must run from 0 without gaps", keyPath: path);
            }

            var list = new TreeList();
            for (int i = 0; i < count; i++)
            {
                list.Items.Add(Convert(node.Indices[i], string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]")));
            }

            return list;
        }

        var map = new TreeMap();
        foreach (string key in (node.Subkeys?.Keys ?? Enumerable.Empty<string>()).Order(StringComparer.Ordinal))
        {
            map.Add(key, Convert(node.Subkeys![key], path + ":" + key));
        }

        return map;
    }

    private static Node GetOrAdd<TKey>(Dictionary<TKey, Node> children, TKey key)
        where TKey : notnull
    {
        if (!children.TryGetValue(key, out Node? child))
        {
            child = new Node();
            children[key] = child;
        }

        return child;
    }

    private readonly record struct Step(string? Key, int Index)
    {
        public bool IsList => Key is null;
    }

    private sealed class Node
    {
        public TreeNode? Value { get; set; }

        public Dictionary<string, Node>? Subkeys { get; set; }

        public Dictionary<int, Node>? Indices { get; set; }
    }
}

using Crypt.Crypto.Errors;
using Crypt.Formats.Stores;
using Crypt.Formats.Tree;
using Microsoft.Extensions.Configuration;

namespace Crypt.Extensions.Configuration;

/// <summary>
/// Flattens a decrypted tree into configuration keys as Microsoft's JSON provider flattens JSON
/// (dotnet/runtime Microsoft.Extensions.Configuration.Json JsonConfigurationFileParser): nested
/// keys joined with <c>:</c>, list items by index (<c>Hosts:0</c>), an empty map or list as a key
/// with a null value. INI sections are the first level. A dotenv key's <c>__</c> is a <c>:</c>,
/// as the environment-variables provider reads <c>Db__Password</c>.
/// </summary>
internal static class ConfigurationKeys
{
    public static Dictionary<string, string?> Flatten(TreeDocument tree, DocumentFormat format, string? prefix, string file)
    {
        if (tree.Branches.Count > 1)
        {
            throw new CryptFormatException($"holds {tree.Branches.Count} YAML documents; configuration reads a file with one", file);
        }

        Dictionary<string, string?> data = new(StringComparer.OrdinalIgnoreCase);
        if (tree.Branches.Count == 1)
        {
            VisitMap(tree.Branches[0], string.IsNullOrEmpty(prefix) ? null : prefix, format, data);
        }

        return data;
    }

    private static void Visit(TreeNode node, string path, DocumentFormat format, Dictionary<string, string?> data)
    {
        switch (node)
        {
            case TreeMap map:
                VisitMap(map, path, format, data);
                break;
            case TreeList list:
                if (list.Items.Count == 0)
                {
                    data[path] = null;
                }

                for (int i = 0; i < list.Items.Count; i++)
                {
                    Visit(list.Items[i], ConfigurationPath.Combine(path, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), format, data);
                }

                break;
            case TreeScalar scalar:
                data[path] = ScalarText.Of(scalar);
                break;
            default:
                // Comments are not configuration.
                break;
        }
    }

    private static void VisitMap(TreeMap map, string? path, DocumentFormat format, Dictionary<string, string?> data)
    {
        bool empty = true;
        foreach (TreeMapItem item in map.Items)
        {
            if (item.IsComment)
            {
                continue;
            }

            empty = false;
            string key = format == DocumentFormat.Dotenv ? item.Key!.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal) : item.Key!;
            Visit(item.Value, path is null ? key : ConfigurationPath.Combine(path, key), format, data);
        }

        if (empty && path is not null)
        {
            data[path] = null;
        }
    }
}

using Crypt.Crypto.KeySources;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Metadata;

/// <summary>
/// Builds the <c>sops</c> map in the layout sops ≥ 3.13 writes (FORMAT.md §5.1–5.2): every map's
/// keys sorted by ordinal order, at every level. One key group is written as flat lists (empty
/// ones omitted); two or more as <c>key_groups</c>, where each group always has <c>age</c> and
/// <c>hc_vault</c> (possibly <c>[]</c>: those fields lack <c>omitempty</c> in sops's
/// <c>keygroup</c> struct) and the other types only when non-empty. Strings are string
/// scalars, <c>shamir_threshold</c> an int, <c>mac_only_encrypted</c> a bool.
/// </summary>
internal static class MetadataWriter
{
    public static TreeMap Build(SopsMetadata metadata)
    {
        var root = new SortedDictionary<string, TreeNode>(StringComparer.Ordinal);
        if (metadata.KeyGroups.Count == 1)
        {
            AddTypeLists(root, metadata.KeyGroups[0], alwaysWritten: []);
        }
        else if (metadata.KeyGroups.Count > 1)
        {
            var groups = new TreeList();
            foreach (IReadOnlyList<MasterKeyEntry> group in metadata.KeyGroups)
            {
                var map = new SortedDictionary<string, TreeNode>(StringComparer.Ordinal);
                AddTypeLists(map, group, alwaysWritten: [AgeKeyEntry.TypeName, "hc_vault"]);
                groups.Items.Add(ToMap(map));
            }

            root["key_groups"] = groups;
        }

        if (metadata.ShamirThreshold != 0)
        {
            root["shamir_threshold"] = TreeScalar.Integer(metadata.ShamirThreshold);
        }

        root["lastmodified"] = TreeScalar.String(metadata.LastModified);
        root["mac"] = TreeScalar.String(metadata.Mac);
        if (metadata.Rule.Value.Length > 0)
        {
            root[metadata.Rule.FieldName] = TreeScalar.String(metadata.Rule.Value);
        }

        if (metadata.MacOnlyEncrypted)
        {
            root["mac_only_encrypted"] = TreeScalar.Boolean(true);
        }

        root["version"] = TreeScalar.String(metadata.Version);
        return ToMap(root);
    }

    private static void AddTypeLists(SortedDictionary<string, TreeNode> target, IReadOnlyList<MasterKeyEntry> group, string[] alwaysWritten)
    {
        foreach (string type in alwaysWritten)
        {
            target[type] = new TreeList();
        }

        foreach (MasterKeyEntry entry in group)
        {
            if (!target.TryGetValue(entry.Type, out TreeNode? list))
            {
                list = new TreeList();
                target[entry.Type] = list;
            }

            ((TreeList)list).Items.Add(EntryMap(entry));
        }
    }

    private static TreeMap EntryMap(MasterKeyEntry entry)
    {
        var map = new SortedDictionary<string, TreeNode>(StringComparer.Ordinal);
        switch (entry)
        {
            case AgeKeyEntry age:
                map["recipient"] = TreeScalar.String(age.Recipient);
                map["enc"] = TreeScalar.String(age.Enc);
                break;
            case KmsKeyEntry kms:
                map["arn"] = TreeScalar.String(kms.Arn);
                if (!string.IsNullOrEmpty(kms.Role))
                {
                    map["role"] = TreeScalar.String(kms.Role);
                }

                if (kms.Context.Count > 0)
                {
                    var context = new SortedDictionary<string, TreeNode>(StringComparer.Ordinal);
                    foreach (KeyValuePair<string, string> pair in kms.Context)
                    {
                        context[pair.Key] = TreeScalar.String(pair.Value);
                    }

                    map["context"] = ToMap(context);
                }

                map["created_at"] = TreeScalar.String(kms.CreatedAt);
                map["enc"] = TreeScalar.String(kms.Enc);
                map["aws_profile"] = TreeScalar.String(kms.AwsProfile);
                break;
            case AzureKeyVaultEntry azure:
                map["vault_url"] = TreeScalar.String(azure.VaultUrl);
                map["name"] = TreeScalar.String(azure.Name);
                map["version"] = TreeScalar.String(azure.Version);
                map["created_at"] = TreeScalar.String(azure.CreatedAt);
                map["enc"] = TreeScalar.String(azure.Enc);
                break;
            case PgpKeyEntry pgp:
                map["created_at"] = TreeScalar.String(pgp.CreatedAt);
                map["enc"] = TreeScalar.String(pgp.Enc);
                map["fp"] = TreeScalar.String(pgp.Fingerprint);
                break;
            case OpaqueKeyEntry opaque:
                // Known types get exactly sops's struct fields; an unknown type keeps its own.
                IReadOnlyList<string>? known = KeyEntryFields.OpaqueFields(opaque.TypeName);
                foreach (string field in known ?? [])
                {
                    map[field] = TreeScalar.String(string.Empty);
                }

                foreach (KeyValuePair<string, string> field in opaque.Fields)
                {
                    if (known is null || known.Contains(field.Key))
                    {
                        map[field.Key] = TreeScalar.String(field.Value);
                    }
                }

                break;
            default:
                throw new ArgumentException($"unknown key entry type {entry.GetType().Name}", nameof(entry));
        }

        return ToMap(map);
    }

    private static TreeMap ToMap(SortedDictionary<string, TreeNode> items) =>
        new(items.Select(p => new TreeMapItem(p.Key, p.Value)).ToList());
}

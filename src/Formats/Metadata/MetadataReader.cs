using System.Globalization;
using Crypt.Crypto.Errors;
using Crypt.Crypto.KeySources;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Metadata;

/// <summary>
/// Turns a <c>sops</c> map into <see cref="SopsMetadata"/> the way sops does
/// (<c>treeBranchToMetadata</c> + <c>metadata.ToInternal</c>, FORMAT.md §5.1–5.2): field order
/// and <c>null</c>/<c>[]</c> lists do not matter, values are weakly typed, unknown fields are
/// ignored. Flat key lists win over <c>key_groups</c>; <c>lastmodified</c> and every
/// <c>created_at</c> must be RFC 3339; at most one encryption rule, none meaning the default.
/// </summary>
internal static class MetadataReader
{
    private const string Root = "sops";

    public static SopsMetadata Read(TreeMap sops)
    {
        string lastModified = WeakValue.ToText(WeakValue.Field(sops, "lastmodified"), Root + ":lastmodified");
        if (!Rfc3339.IsValid(lastModified))
        {
            throw new CryptFormatException("lastmodified is not an RFC 3339 time", keyPath: Root + ":lastmodified");
        }

        long threshold = WeakValue.ToInteger(WeakValue.Field(sops, "shamir_threshold"), Root + ":shamir_threshold");
        if (threshold is < int.MinValue or > int.MaxValue)
        {
            throw new CryptFormatException("shamir_threshold is out of range", keyPath: Root + ":shamir_threshold");
        }

        return new SopsMetadata
        {
            KeyGroups = ReadGroups(sops),
            ShamirThreshold = (int)threshold,
            LastModified = lastModified,
            Mac = WeakValue.ToText(WeakValue.Field(sops, "mac"), Root + ":mac"),
            Rule = ReadRule(sops),
            MacOnlyEncrypted = WeakValue.ToBoolean(WeakValue.Field(sops, "mac_only_encrypted"), Root + ":mac_only_encrypted"),
            Version = WeakValue.ToText(WeakValue.Field(sops, "version"), Root + ":version"),
        };
    }

    private static List<IReadOnlyList<MasterKeyEntry>> ReadGroups(TreeMap sops)
    {
        // sops takes the flat lists when any is non-empty, and only otherwise key_groups.
        List<MasterKeyEntry> flat = ReadGroup(sops, Root);
        if (flat.Count > 0)
        {
            return [flat];
        }

        IReadOnlyList<TreeNode> groups = WeakValue.ToList(WeakValue.Field(sops, "key_groups"), Root + ":key_groups");
        if (groups.Count == 0)
        {
            throw new CryptFormatException("No keys found in file", keyPath: Root);
        }

        var result = new List<IReadOnlyList<MasterKeyEntry>>(groups.Count);
        for (int i = 0; i < groups.Count; i++)
        {
            string path = Indexed(Root + ":key_groups", i);
            result.Add(ReadGroup(WeakValue.ToMap(groups[i], path), path));
        }

        return result;
    }

    private static List<MasterKeyEntry> ReadGroup(TreeMap group, string path)
    {
        var entries = new List<MasterKeyEntry>();
        foreach (string type in KeyEntryFields.GroupReadOrder)
        {
            string listPath = path + ":" + type;
            IReadOnlyList<TreeNode> list = WeakValue.ToList(WeakValue.Field(group, type), listPath);
            for (int i = 0; i < list.Count; i++)
            {
                string entryPath = Indexed(listPath, i);
                entries.Add(ReadEntry(type, WeakValue.ToMap(list[i], entryPath), entryPath));
            }
        }

        return entries;
    }

    private static MasterKeyEntry ReadEntry(string type, TreeMap entry, string path)
    {
        string Text(string field) => WeakValue.ToText(WeakValue.Field(entry, field), path + ":" + field);

        if (type != AgeKeyEntry.TypeName && !Rfc3339.IsValid(Text("created_at")))
        {
            throw new CryptFormatException("created_at is not an RFC 3339 time", keyPath: path + ":created_at");
        }

        switch (type)
        {
            case AgeKeyEntry.TypeName:
                return new AgeKeyEntry(Text("recipient"), Text("enc"));
            case KmsKeyEntry.TypeName:
                string role = Text("role");
                return new KmsKeyEntry(
                    Text("arn"),
                    role.Length == 0 ? null : role,
                    ReadContext(WeakValue.Field(entry, "context"), path + ":context"),
                    Text("aws_profile"),
                    Text("created_at"),
                    Text("enc"));
            case AzureKeyVaultEntry.TypeName:
                return new AzureKeyVaultEntry(Text("vault_url"), Text("name"), Text("version"), Text("created_at"), Text("enc"));
            case PgpKeyEntry.TypeName:
                return new PgpKeyEntry(Text("fp"), Text("created_at"), Text("enc"));
            default:
                IReadOnlyList<string> fields = KeyEntryFields.OpaqueFields(type)!;
                return new OpaqueKeyEntry(type, fields.Select(f => KeyValuePair.Create(f, Text(f))).ToList());
        }
    }

    // The encryption context in file order; a repeated key keeps its first place and last value,
    // as decoding into sops's Go map would leave one value per key.
    private static List<KeyValuePair<string, string>> ReadContext(TreeNode? node, string path)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (TreeMapItem item in WeakValue.ToMap(node, path).Items)
        {
            if (item.Key is null)
            {
                continue;
            }

            var pair = KeyValuePair.Create(item.Key, WeakValue.ToText(item.Value, path + ":" + item.Key));
            int existing = pairs.FindIndex(p => p.Key == item.Key);
            if (existing >= 0)
            {
                pairs[existing] = pair;
            }
            else
            {
                pairs.Add(pair);
            }
        }

        return pairs;
    }

    private static EncryptionRule ReadRule(TreeMap sops)
    {
        EncryptionRule? rule = null;
        foreach (EncryptionMode mode in Enum.GetValues<EncryptionMode>())
        {
            var candidate = new EncryptionRule(mode, string.Empty);
            string value = WeakValue.ToText(WeakValue.Field(sops, candidate.FieldName), Root + ":" + candidate.FieldName);
            if (value.Length == 0)
            {
                continue;
            }

            if (rule is not null)
            {
                throw new CryptFormatException(
                    "Cannot use more than one of encrypted_suffix, unencrypted_suffix, encrypted_regex, unencrypted_regex, encrypted_comment_regex, or unencrypted_comment_regex in the same file",
                    keyPath: Root);
            }

            rule = candidate with { Value = value };
        }

        return rule ?? EncryptionRule.Default;
    }

    private static string Indexed(string path, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");
}

using Crypt.Formats.Tree;

namespace Crypt.Formats.Tests.Encryption;

/// <summary>
/// Every scalar and comment of a tree with its AAD (map keys joined by ":" plus ":"), and a
/// way to replace it: lets tests tamper with, swap or inspect individual values.
/// </summary>
internal sealed record LeafSlot(string Aad, TreeNode Node, Action<TreeNode> Replace)
{
    public string? Text => Node switch
    {
        TreeScalar { Kind: ScalarKind.String } s => s.Text,
        TreeComment c => c.Text,
        _ => null,
    };

    public bool IsEncrypted => Text?.StartsWith("ENC[AES256_GCM,", StringComparison.Ordinal) == true;

    public static List<LeafSlot> Of(TreeDocument document)
    {
        List<LeafSlot> slots = [];
        foreach (TreeMap branch in document.Branches)
        {
            Walk(branch, "", slots);
        }

        return slots;
    }

    private static void Walk(TreeNode node, string path, List<LeafSlot> slots)
    {
        string aad = path.Length == 0 ? ":" : path;
        switch (node)
        {
            case TreeMap map:
                for (int i = 0; i < map.Items.Count; i++)
                {
                    int index = i;
                    TreeMapItem item = map.Items[i];
                    if (item.Value is TreeComment comment)
                    {
                        slots.Add(new LeafSlot(aad, comment, n => map.Items[index] = new TreeMapItem(null, n)));
                    }
                    else if (item.Value is TreeScalar scalar)
                    {
                        slots.Add(new LeafSlot(path + item.Key + ":", scalar, n => map.Items[index] = new TreeMapItem(item.Key, n)));
                    }
                    else
                    {
                        Walk(item.Value, path + item.Key + ":", slots);
                    }
                }

                break;
            case TreeList list:
                for (int i = 0; i < list.Items.Count; i++)
                {
                    int index = i;
                    if (list.Items[i] is TreeComment or TreeScalar)
                    {
                        slots.Add(new LeafSlot(aad, list.Items[i], n => list.Items[index] = n));
                    }
                    else
                    {
                        Walk(list.Items[i], path, slots);
                    }
                }

                break;
        }
    }
}

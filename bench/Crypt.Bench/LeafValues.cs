using System.Text;
using Crypt.Crypto.Values;
using Crypt.Formats.Encryption;
using Crypt.Formats.Tree;

namespace Crypt.Bench;

/// <summary>One value crypt encrypts: its canonical bytes, its AAD (key path) and its type.</summary>
internal sealed record LeafValue(byte[] Plaintext, byte[] Aad, SopsValueType Type);

/// <summary>
/// Lists what the floor encrypts: every value crypt encrypts under the default rule (non-null
/// scalars, non-empty comments), with the same bytes and AAD, so the floor does exactly the
/// same GCM work without the tree walk, selection, MAC or metadata.
/// </summary>
internal static class LeafValues
{
    public static List<LeafValue> Of(TreeDocument plaintext)
    {
        List<LeafValue> values = [];
        foreach (TreeMap branch in plaintext.Branches)
        {
            Walk(branch, new AadPath(), values);
        }

        return values;
    }

    private static void Walk(TreeNode node, AadPath path, List<LeafValue> values)
    {
        switch (node)
        {
            case TreeMap map:
                foreach (TreeMapItem item in map.Items)
                {
                    if (item.Key is null)
                    {
                        Walk(item.Value, path, values);
                        continue;
                    }

                    path.Push(item.Key);
                    Walk(item.Value, path, values);
                    path.Pop();
                }

                break;
            case TreeList list:
                foreach (TreeNode child in list.Items)
                {
                    Walk(child, path, values);
                }

                break;
            case TreeComment comment when comment.Text.Length > 0:
                values.Add(new LeafValue(Encoding.UTF8.GetBytes(comment.Text), path.Current.ToArray(), SopsValueType.Comment));
                break;
            case TreeScalar scalar when scalar.Kind != ScalarKind.Null:
                byte[] scratch = new byte[64];
                int length = ValueCodec.Encode(scalar, ref scratch, out SopsValueType type);
                if (length > 0)
                {
                    values.Add(new LeafValue(scratch.AsSpan(0, length).ToArray(), path.Current.ToArray(), type));
                }

                break;
        }
    }
}

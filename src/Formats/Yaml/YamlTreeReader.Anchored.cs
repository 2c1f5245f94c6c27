using Crypt.Formats.Tree;

namespace Crypt.Formats.Yaml;

internal sealed partial class YamlTreeReader
{
    /// <summary>
    /// An anchored node as sops reads it through an alias (<c>nodeToTreeValue(node.Alias, false)</c>):
    /// a collection with its own head, line and foot comments inside, whatever its place was.
    /// </summary>
    private sealed class Anchored(TreeNode node, long size)
    {
        public TreeNode Node { get; } = node;

        /// <summary>Nodes it stands for, for the alias-ratio guard.</summary>
        public long Size { get; } = size;

        public string? Head { get; init; }

        public string? Line { get; init; }

        public string? Foot { get; set; }

        /// <summary>Own comments put at the start of <see cref="Node"/> (a mapping value's head and line).</summary>
        public int OwnLeading { get; set; }

        /// <summary>Own comments put at the end of <see cref="Node"/> (a mapping value's foot).</summary>
        public int OwnTrailing { get; set; }

        public TreeNode Expand()
        {
            switch (Node)
            {
                case TreeMap map:
                    TreeMap copy = new(new List<TreeMapItem>(map.Items.Count));
                    AddComments(copy, Head, inline: false);
                    AddComments(copy, Line, inline: false);
                    for (int i = OwnLeading; i < map.Items.Count - OwnTrailing; i++)
                    {
                        copy.Items.Add(new TreeMapItem(map.Items[i].Key, map.Items[i].Value.Clone()));
                    }

                    AddComments(copy, Foot, inline: false);
                    return copy;
                case TreeList list:
                    TreeList items = new(new List<TreeNode>(list.Items.Count));
                    AddComments(items, Head, inline: false);
                    AddComments(items, Line, inline: false);
                    for (int i = OwnLeading; i < list.Items.Count - OwnTrailing; i++)
                    {
                        items.Items.Add(list.Items[i].Clone());
                    }

                    AddComments(items, Foot, inline: false);
                    return items;
                default:
                    return Node.Clone();
            }
        }
    }
}

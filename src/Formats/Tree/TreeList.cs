namespace Crypt.Formats.Tree;

/// <summary>An ordered list; items may include <see cref="TreeComment"/>s.</summary>
public sealed class TreeList : TreeNode
{
    /// <summary>An empty list.</summary>
    public TreeList()
    {
        Items = [];
    }

    /// <summary>A list holding <paramref name="items"/> (the list is taken, not copied).</summary>
    public TreeList(List<TreeNode> items)
    {
        Items = items;
    }

    /// <summary>The items in order.</summary>
    public List<TreeNode> Items { get; }

    /// <inheritdoc />
    public override TreeNode Clone() => new TreeList(Items.ConvertAll(i => i.Clone()));
}

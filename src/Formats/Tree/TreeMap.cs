namespace Crypt.Formats.Tree;

/// <summary>An ordered map. Items keep file order; comment items have a null key.</summary>
public sealed class TreeMap : TreeNode
{
    /// <summary>An empty map.</summary>
    public TreeMap()
    {
        Items = [];
    }

    /// <summary>A map holding <paramref name="items"/> (the list is taken, not copied).</summary>
    public TreeMap(List<TreeMapItem> items)
    {
        Items = items;
    }

    /// <summary>The items in order.</summary>
    public List<TreeMapItem> Items { get; }

    /// <summary>The value of the first item named <paramref name="key"/>, or null.</summary>
    public TreeNode? Get(string key)
    {
        foreach (TreeMapItem item in Items)
        {
            if (item.Key == key)
            {
                return item.Value;
            }
        }

        return null;
    }

    /// <summary>Adds a key/value item at the end.</summary>
    public TreeMap Add(string key, TreeNode value)
    {
        Items.Add(new TreeMapItem(key, value));
        return this;
    }

    /// <summary>Adds a comment item at the end.</summary>
    public TreeMap AddComment(TreeComment comment)
    {
        Items.Add(new TreeMapItem(null, comment));
        return this;
    }

    /// <inheritdoc />
    public override TreeNode Clone() =>
        new TreeMap(Items.ConvertAll(i => new TreeMapItem(i.Key, i.Value.Clone())));
}

/// <summary>One item of a <see cref="TreeMap"/>: a key and its value, or (key null) a comment.</summary>
public readonly record struct TreeMapItem(string? Key, TreeNode Value)
{
    /// <summary>True for a comment item.</summary>
    public bool IsComment => Key is null;
}

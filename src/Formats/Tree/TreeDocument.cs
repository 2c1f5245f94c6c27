namespace Crypt.Formats.Tree;

/// <summary>
/// A whole file: one or more top-level maps (YAML multi-document; every other format has one).
/// </summary>
public sealed class TreeDocument
{
    /// <summary>A document of the given branches (the list is taken, not copied).</summary>
    public TreeDocument(List<TreeMap> branches)
    {
        Branches = branches;
    }

    /// <summary>A document of a single map.</summary>
    public TreeDocument(TreeMap root)
        : this([root])
    {
    }

    /// <summary>The top-level maps, in file order.</summary>
    public List<TreeMap> Branches { get; }

    /// <summary>The layout of the file this document was read from, and the one it is written in.</summary>
    public TextLayout Layout { get; set; }

    /// <summary>A deep copy.</summary>
    public TreeDocument Clone() => new(Branches.ConvertAll(b => (TreeMap)b.Clone())) { Layout = Layout };
}

namespace Crypt.Formats.Tree;

/// <summary>
/// A node of the format-agnostic document tree (SOPS's TreeBranch model, §1): ordered maps,
/// lists, typed scalars and comments. Every store parses into it and emits from it.
/// </summary>
public abstract class TreeNode
{
    private protected TreeNode()
    {
    }

    /// <summary>A deep copy.</summary>
    public abstract TreeNode Clone();
}

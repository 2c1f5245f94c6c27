namespace Crypt.Formats.Tree;

/// <summary>
/// A comment line kept in the tree. <see cref="Text"/> is everything after the <c>#</c>
/// (leading space kept, as SOPS does). Inline comments (<c>key: value # text</c>) are stored
/// before the item they follow, with <see cref="Inline"/> set. Immutable to callers; the
/// library's own walks rewrite the comments of a tree they own (<see cref="Rewrite"/>).
/// </summary>
public sealed class TreeComment : TreeNode
{
    /// <summary>A comment with the given text.</summary>
    public TreeComment(string text, bool inline = false)
    {
        Text = text;
        Inline = inline;
    }

    /// <summary>The text after <c>#</c>.</summary>
    public string Text { get; private set; }

    /// <summary>True when the comment sits at the end of the following item's line.</summary>
    public bool Inline { get; private set; }

    /// <summary>Makes this comment hold <paramref name="text"/>: for a walk over a tree it owns.</summary>
    internal void Rewrite(string text, bool inline)
    {
        Text = text;
        Inline = inline;
    }

    /// <inheritdoc />
    public override TreeNode Clone() => new TreeComment(Text, Inline);
}

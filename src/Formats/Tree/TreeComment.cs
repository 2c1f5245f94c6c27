namespace Crypt.Formats.Tree;

/// <summary>
/// A comment line kept in the tree. <see cref="Text"/> is everything after the <c>#</c>
/// (leading space kept, as SOPS does). Inline comments (<c>key: value # text</c>) are stored
/// before the item they follow, with <see cref="Inline"/> set.
/// </summary>
public sealed class TreeComment : TreeNode
{
    /// <summary>A comment with the given text.</summary>
    public TreeComment(string text, bool inline = false)
    {
        Text = text;
        Inline = inline;
    }

    /// <summary>The text after <c>#</c>; for an encrypted file, the <c>ENC[...]</c> string.</summary>
    public string Text { get; set; }

    /// <summary>True when the comment sits at the end of the following item's line.</summary>
    public bool Inline { get; set; }

    /// <inheritdoc />
    public override TreeNode Clone() => new TreeComment(Text, Inline);
}

namespace Crypt.Cli.Tests.Corpus;

/// <summary>
/// A comment as a reader sees it: its text (without the marker, trailing blanks trimmed), its
/// nesting level (how many enclosing mapping levels are at or left of its column; 0 for formats
/// without nesting) and whether it ended a content line.
/// </summary>
internal sealed record CommentLine(string Text, int Level, bool Inline)
{
    public override string ToString() => Inline ? $"(inline) #{Text}" : $"(level {Level}) #{Text}";
}

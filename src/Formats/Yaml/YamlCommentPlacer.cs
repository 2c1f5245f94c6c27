using Crypt.Formats.Tree;

namespace Crypt.Formats.Yaml;

/// <summary>
/// Puts YAML comments where go-yaml v3 + SOPS put them, which decides each comment's AAD
/// (FORMAT.md §3.2, §8.1). go-yaml's scanner rules, restated on lines and columns:
/// <list type="bullet">
/// <item>A line comment (after content on the same line) trails a scalar value or list item: it
/// is stored as an inline comment just before that item. After a bare <c>key:</c> it is an
/// ordinary comment before the item.</item>
/// <item>A run of comment lines right after content (no blank line between) and followed by a
/// blank line or the end is a <em>foot</em>: it stays with the block it is indented into — the
/// innermost open block whose indent is at most the comment's column — unless it directly
/// follows a bare <c>key:</c> at the same or deeper indent (then it heads the nested block).</item>
/// <item>Every other comment is a <em>head</em> of the next node: before the next key or item,
/// or at the start of the next block when indented at least as deep as that block.</item>
/// <item>Comments left at the end of a document go to the end of its top-level map.</item>
/// </list>
/// </summary>
internal sealed class YamlCommentPlacer
{
    private readonly List<YamlTreeReader.Frame> _stack;
    private readonly List<Pending> _pending = [];
    private List<TreeComment>? _forNewCollection;
    private long _lastContentLine;
    private bool _lastWasKey;
    private object? _lastItems;
    private int _lastIndex = -1;
    private long _lastItemLine;
    private TreeMap? _lastRoot;

    public YamlCommentPlacer(List<YamlTreeReader.Frame> stack)
    {
        _stack = stack;
    }

    public void OnComment(string text, bool inline, long line, long column)
    {
        if (inline)
        {
            if (_lastItems is not null && _lastItemLine == line && _lastIndex >= 0)
            {
                Insert(_lastItems, _lastIndex, new TreeComment(text, inline: true));
                _lastIndex++;
                return;
            }

            // After a bare "key:" go-yaml keeps it as the key's line comment, which sops puts
            // before the item as an ordinary comment.
            if (_lastWasKey && _stack.Count > 0 && _stack[^1].Node is TreeMap keyMap)
            {
                keyMap.AddComment(new TreeComment(text));
                return;
            }

            _pending.Add(new Pending(text, line, column - 1, ForceHead: true));
            return;
        }

        _pending.Add(new Pending(text, line, column - 1, ForceHead: false));
    }

    public void OnDocumentStart()
    {
        _lastContentLine = 0;
        _lastWasKey = false;
        _lastItems = null;
    }

    /// <summary>The next key, value or item starts at <paramref name="line"/>.</summary>
    public void BeforeContent(long line, long column, bool startsCollection)
    {
        _lastItems = null;
        if (_pending.Count == 0)
        {
            return;
        }

        PlaceFeet(line, minColumn: long.MinValue);
        if (_pending.Count == 0)
        {
            return;
        }

        // Heads: into the block that starts here if indented into it, else before this node.
        if (startsCollection && _stack.Count > 0 && _pending[0].Column < column - 1)
        {
            AppendTo(_stack[^1].Node, _pending);
        }
        else if (startsCollection)
        {
            _forNewCollection = [.. _pending.Select(p => new TreeComment(p.Text))];
        }
        else if (_stack.Count > 0)
        {
            AppendTo(_stack[^1].Node, _pending);
        }

        _pending.Clear();
    }

    public void OnCollectionStarted()
    {
        _lastWasKey = false;
        if (_forNewCollection is null)
        {
            return;
        }

        TreeNode node = _stack[^1].Node;
        foreach (TreeComment c in _forNewCollection)
        {
            Add(node, c);
        }

        _forNewCollection = null;
    }

    /// <summary>The innermost block ends; the next content (or the end) is at <paramref name="nextLine"/>.</summary>
    public void BeforeCollectionEnd(long nextLine)
    {
        _lastItems = null;
        YamlTreeReader.Frame frame = _stack[^1];
        if (_stack.Count == 1)
        {
            _lastRoot = frame.Node as TreeMap;
        }

        if (_pending.Count > 0)
        {
            PlaceFeet(nextLine, frame.Column);
        }
    }

    public void AfterKey(long endLine)
    {
        _lastContentLine = endLine;
        _lastWasKey = true;
        _lastItems = null;
    }

    public void AfterMapValue(List<TreeMapItem> items, int index, long endLine, bool isScalar) =>
        AfterContent(items, index, endLine, isScalar);

    public void AfterItem(List<TreeNode> items, int index, long endLine, bool isScalar) =>
        AfterContent(items, index, endLine, isScalar);

    public void OnDocumentEnd()
    {
        if (_pending.Count > 0 && _lastRoot is not null)
        {
            AppendTo(_lastRoot, _pending);
        }

        _pending.Clear();
        _forNewCollection = null;
        _lastRoot = null;
    }

    private void AfterContent(object items, int index, long endLine, bool isScalar)
    {
        _lastWasKey = false;
        if (isScalar)
        {
            _lastContentLine = endLine;
            _lastItems = items;
            _lastIndex = index;
            _lastItemLine = endLine;
        }
        else
        {
            _lastItems = null;
        }
    }

    // The first run of comment lines is a foot when it directly follows content and a blank
    // line (or the end) follows it. Feet go to the innermost open block at or left of their
    // column; at a block end only those indented into the ending block are placed.
    private void PlaceFeet(long nextLine, long minColumn)
    {
        int runEnd = 1;
        while (runEnd < _pending.Count && _pending[runEnd].Line == _pending[runEnd - 1].Line + 1 && !_pending[runEnd].ForceHead)
        {
            runEnd++;
        }

        Pending first = _pending[0];
        if (first.ForceHead || first.Line - _lastContentLine > 1)
        {
            return;
        }

        long runLastLine = _pending[runEnd - 1].Line;
        long following = runEnd < _pending.Count ? _pending[runEnd].Line : nextLine;
        bool blankAfter = following - runLastLine > 1;
        long indent = _stack.Count > 0 ? _stack[^1].Column : 0;
        bool dedented = first.Column < indent;
        if (!blankAfter || (_lastWasKey && !dedented) || first.Column < minColumn)
        {
            return;
        }

        TreeNode? target = null;
        for (int i = _stack.Count - 1; i >= 0; i--)
        {
            if (_stack[i].Column <= first.Column || i == 0)
            {
                target = _stack[i].Node;
                break;
            }
        }

        if (target is null)
        {
            return;
        }

        AppendTo(target, _pending.GetRange(0, runEnd));
        _pending.RemoveRange(0, runEnd);
        _lastContentLine = runLastLine;
    }

    private static void AppendTo(TreeNode container, List<Pending> comments)
    {
        foreach (Pending p in comments)
        {
            Add(container, new TreeComment(p.Text));
        }
    }

    private static void Add(TreeNode container, TreeComment comment)
    {
        if (container is TreeMap map)
        {
            map.AddComment(comment);
        }
        else
        {
            ((TreeList)container).Items.Add(comment);
        }
    }

    private static void Insert(object items, int index, TreeComment comment)
    {
        if (items is List<TreeMapItem> mapItems)
        {
            mapItems.Insert(index, new TreeMapItem(null, comment));
        }
        else
        {
            ((List<TreeNode>)items).Insert(index, comment);
        }
    }

    private readonly record struct Pending(string Text, long Line, long Column, bool ForceHead);
}

using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Crypt.Formats.Tree;

/// <summary>
/// A path into a tree in sops's Python-like syntax (<c>--extract</c>, <c>set</c>, <c>unset</c>):
/// <c>["key"][0]['other']</c>. Quoted steps are map keys, bare integers are list indices.
/// </summary>
public sealed class TreePath
{
    private TreePath(IReadOnlyList<object> steps)
    {
        Steps = steps;
    }

    /// <summary>The steps: <see cref="string"/> for a map key, <see cref="int"/> for a list index.</summary>
    public IReadOnlyList<object> Steps { get; }

    /// <summary>Parses a path to read (<c>--extract</c>); throws <see cref="InvalidTreePathException"/> naming the column.</summary>
    public static TreePath Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out TreePath? path, out int column, out string? reason)
            ? path
            : throw new InvalidTreePathException(Problem(text, reason), column);
    }

    /// <summary>
    /// Parses the path of a <c>set</c> or <c>unset</c> (<paramref name="verb"/>); throws
    /// <see cref="InvalidSetException"/> naming the column: sops answers a bad path there with
    /// its set error (cmd/sops/main.go, "Invalid set index format"), not its tree path error.
    /// </summary>
    public static TreePath ParseForChange(string text, string verb)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out TreePath? path, out int column, out string? reason)
            ? path
            : throw new InvalidSetException($"invalid {verb} path (column {column}): {Problem(text, reason)}; write it like '[\"key\"][0]'", column);
    }

    private static bool TryParse(string text, [NotNullWhen(true)] out TreePath? path, out int column, [NotNullWhen(false)] out string? reason)
    {
        path = null;
        List<object> steps = [];
        int i = 0;
        while (i < text.Length)
        {
            if (text[i] != '[')
            {
                return Bad(i, "expected '['", out column, out reason);
            }

            i++;
            if (i < text.Length && text[i] is '"' or '\'')
            {
                char quote = text[i];
                int end = text.IndexOf(quote, i + 1);
                if (end < 0)
                {
                    return Bad(i, "unterminated quoted key", out column, out reason);
                }

                steps.Add(text[(i + 1)..end]);
                i = end + 1;
            }
            else
            {
                int end = text.IndexOf(']', i);
                if (end < 0 || !int.TryParse(text.AsSpan(i, end - i), NumberStyles.None, CultureInfo.InvariantCulture, out int index))
                {
                    return Bad(i, "a step is a quoted key or a list index", out column, out reason);
                }

                steps.Add(index);
                i = end;
            }

            if (i >= text.Length || text[i] != ']')
            {
                return Bad(i, "expected ']'", out column, out reason);
            }

            i++;
        }

        if (steps.Count == 0)
        {
            return Bad(0, "empty path", out column, out reason);
        }

        path = new TreePath(steps);
        column = 0;
        reason = null;
        return true;
    }

    /// <summary>The node at this path in <paramref name="root"/>, or null when a step is missing.</summary>
    public TreeNode? Find(TreeNode root)
    {
        TreeNode? node = root;
        foreach (object step in Steps)
        {
            node = Child(node, step);
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>
    /// Sets the value at this path, creating containers for missing steps (a map, or a list when
    /// the next step is an index) and appending when an index is at or past the end, as sops
    /// does. Returns false when the value was already there.
    /// </summary>
    public bool Set(TreeMap root, TreeNode value)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(value);
        TreeNode node = root;
        for (int s = 0; s < Steps.Count - 1; s++)
        {
            TreeNode? child = Child(node, Steps[s]);
            if (child is not TreeMap and not TreeList)
            {
                child = Steps[s + 1] is int ? new TreeList() : new TreeMap();
                Assign(node, Steps[s], child);
            }

            node = child;
        }

        if (Child(node, Steps[^1]) is TreeScalar old && value is TreeScalar fresh && old.ValueEquals(fresh))
        {
            return false;
        }

        Assign(node, Steps[^1], value);
        return true;
    }

    /// <summary>Removes the item at this path; false when it was not there.</summary>
    public bool Remove(TreeMap root)
    {
        ArgumentNullException.ThrowIfNull(root);
        TreeNode? parent = Steps.Count == 1 ? root : new TreePath(Steps.Take(Steps.Count - 1).ToList()).Find(root);
        switch (parent, Steps[^1])
        {
            case (TreeMap map, string key):
                int at = map.Items.FindIndex(i => i.Key == key);
                if (at < 0)
                {
                    return false;
                }

                map.Items.RemoveAt(at);
                return true;
            case (TreeList list, int index):
                int position = ValuePosition(list, index);
                if (position < 0)
                {
                    return false;
                }

                list.Items.RemoveAt(position);
                return true;
            default:
                return false;
        }
    }

    /// <summary>The path written back in sops syntax.</summary>
    public string Describe() =>
        string.Concat(Steps.Select(s => s is string key ? $"[\"{key}\"]" : $"[{(int)s}]"));

    /// <inheritdoc />
    public override string ToString() => Describe();

    private static TreeNode? Child(TreeNode node, object step) => (node, step) switch
    {
        (TreeMap map, string key) => map.Get(key),
        (TreeList list, int index) => NthValue(list, index),
        _ => null,
    };

    private void Assign(TreeNode node, object step, TreeNode value)
    {
        switch (node, step)
        {
            case (TreeMap map, string key):
                int at = map.Items.FindIndex(i => i.Key == key);
                if (at >= 0)
                {
                    map.Items[at] = new TreeMapItem(key, value);
                }
                else
                {
                    map.Items.Add(new TreeMapItem(key, value));
                }

                break;
            case (TreeList list, int index):
                int position = ValuePosition(list, index);
                if (position >= 0)
                {
                    list.Items[position] = value;
                }
                else
                {
                    // sops.go set(): an index at or past the end appends (no gap is filled).
                    list.Items.Add(value);
                }

                break;
            default:
                throw new InvalidSetException($"cannot set {Describe()}: the path does not match the document's structure");
        }
    }

    private static TreeNode? NthValue(TreeList list, int index)
    {
        int position = ValuePosition(list, index);
        return position >= 0 ? list.Items[position] : null;
    }

    private static int ValuePosition(TreeList list, int index)
    {
        int seen = 0;
        for (int i = 0; i < list.Items.Count; i++)
        {
            if (list.Items[i] is TreeComment)
            {
                continue;
            }

            if (seen++ == index)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool Bad(int index, string problem, out int column, out string reason)
    {
        column = index + 1;
        reason = problem;
        return false;
    }

    private static string Problem(string text, string reason) => $"invalid tree path '{text}': {reason}";
}

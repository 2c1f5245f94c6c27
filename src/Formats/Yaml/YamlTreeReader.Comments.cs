using Crypt.Formats.Tree;
using Crypt.Formats.Yaml.Parsing;

namespace Crypt.Formats.Yaml;

/// <summary>
/// Comment placement of <see cref="YamlTreeReader"/>, event by event. Two steps of sops's read
/// path are folded together here:
/// <list type="number">
/// <item>go-yaml v3.0.4's composer (<c>decode.go parser.mapping</c>): in a block mapping, a key's
/// foot comment belongs to the previous key (dedent); a value's foot moves to its key when the
/// key has none; a tail comment event becomes the key's foot when it has none; the mapping end's
/// foot becomes the last key's. A collection's line and foot comments are its end event's.</item>
/// <item>sops (<c>stores/yaml/store.go</c>): a key's head and line comments, then (scalar or
/// alias value) the value's head and, inline, its line comment, then the item, the value's foot
/// and the key's foot. A mapping value's own head, line and foot go inside it; a list item's
/// own comments go into the list around it; an alias is re-read with its anchor's own comments.</item>
/// </list>
/// A key's foot is held back (<see cref="YamlTreeFrame.KeyFoot"/>) until the next key or the
/// end, the only points where go-yaml may still change it. Where go-yaml overwrites or drops a
/// comment, this reader keeps both, in file order, and notes it when asked.
/// </summary>
internal sealed partial class YamlTreeReader
{
    private void EndCollection(YamlEvent ev)
    {
        YamlTreeFrame frame = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        TreeNode node = frame.Node;

        // go-yaml keeps only the end event's line and foot comments.
        Note(frame.StartLine, "at the start of the collection, before its end event's line comment (go-yaml keeps only that one)");
        Note(frame.StartFoot, "before the end event's foot comment (go-yaml keeps only that one)");
        string? line = Join(frame.StartLine, ev.LineComment);
        string? foot = Join(frame.StartFoot, ev.FootComment);
        if (frame.Map is { } map)
        {
            if (!frame.Flow && foot is not null && frame.Pairs > 0)
            {
                Note(frame.KeyFoot, "before the block mapping's foot, after its last item (go-yaml overwrites it)");
                frame.KeyFoot = Join(frame.KeyFoot, foot);
                foot = null;
            }

            AddComments(map, frame.KeyFoot, inline: false);
            frame.KeyFoot = null;
        }

        Anchored? anchored = null;
        if (frame.Anchor is not null)
        {
            anchored = new Anchored(node, _nodeCount - frame.NodeCountAtStart + 1) { Head = frame.Head, Line = line };
            _openAnchors.Remove(frame.Anchor);
            _anchors[frame.Anchor] = anchored;
        }

        switch (frame.Place)
        {
            case YamlTreePlace.Root:
                InsertComments(node, frame.LineAt, line);
                AddComments(node, foot, inline: false);
                break;
            case YamlTreePlace.MapValue:
                int leading = frame.OwnLeading + InsertComments(node, frame.LineAt, line);
                YamlTreeFrame parent = _stack[^1];
                parent.Map!.Items.Add(new TreeMapItem(parent.PendingKey!, node));
                parent.Pairs++;
                parent.PendingKey = null;
                int trailing = 0;
                if (parent.KeyFoot is null)
                {
                    parent.KeyFoot = foot;
                }
                else
                {
                    trailing = AddComments(node, foot, inline: false);
                }

                if (anchored is not null)
                {
                    anchored.OwnLeading = leading;
                    anchored.OwnTrailing = trailing;
                    anchored.Foot = trailing > 0 ? foot : null;
                }

                break;
            default:
                var list = (TreeList)_stack[^1].Node;
                AddComments(list, frame.Head, inline: false);
                AddComments(list, line, inline: true);
                list.Items.Add(node);
                AddComments(list, foot, inline: false);
                if (anchored is not null)
                {
                    anchored.Foot = foot;
                }

                break;
        }
    }

    // A scalar or alias value in a map, or an item in a list.
    private static void PlaceLeaf(YamlTreeFrame parent, TreeNode node, string? head, string? line, string? foot)
    {
        if (parent.Map is { } map)
        {
            AddComments(map, head, inline: false);
            AddComments(map, line, inline: true);
            map.Items.Add(new TreeMapItem(parent.PendingKey!, node));
            parent.Pairs++;
            parent.PendingKey = null;
            if (parent.KeyFoot is null)
            {
                parent.KeyFoot = foot;
            }
            else
            {
                AddComments(map, foot, inline: false);
            }

            return;
        }

        var list = (TreeList)parent.Node;
        AddComments(list, head, inline: false);
        AddComments(list, line, inline: true);
        list.Items.Add(node);
        AddComments(list, foot, inline: false);
    }

    private void KeyComments(YamlTreeFrame frame, YamlEvent key)
    {
        TreeMap map = frame.Map!;
        string? keyFoot = key.FootComment;
        if (!frame.Flow && keyFoot is not null && frame.Pairs > 0)
        {
            // Dedented: the foot of the previous value (decode.go parser.mapping).
            Note(frame.KeyFoot, "before the next foot comment of the same mapping (go-yaml overwrites it)");
            frame.KeyFoot = Join(frame.KeyFoot, keyFoot);
            keyFoot = null;
        }

        AddComments(map, frame.KeyFoot, inline: false);
        frame.KeyFoot = keyFoot;
        AddComments(map, key.HeadComment, inline: false);
        AddComments(map, key.LineComment, inline: false);
    }

    private void OnTailComment(YamlEvent ev)
    {
        string? text = ev.FootComment ?? ev.TailComment;
        if (_stack.Count == 0)
        {
            AddKept(_branch, text, "at the end of the document (go-yaml has no node for it)");
            return;
        }

        YamlTreeFrame frame = _stack[^1];
        if (frame.Map is null)
        {
            AddKept(frame.Node, text, "after the list's last item (go-yaml cannot place it)");
            return;
        }

        if (frame.KeyFoot is not null)
        {
            Note(text, "after the key's foot comment (go-yaml drops it)");
        }

        frame.KeyFoot = Join(frame.KeyFoot, text);
    }

    private void AddKept(TreeNode container, string? text, string where)
    {
        Note(text, where);
        AddComments(container, text, inline: false);
    }

    private void Note(string? text, string where)
    {
        if (_kept is null || string.IsNullOrEmpty(text))
        {
            return;
        }

        string path = string.Join(':', _stack.Select(f => f.Map is null ? "-" : f.PendingKey).OfType<string>());
        foreach (string line in text.Split('\n'))
        {
            if (line.Length > 0)
            {
                _kept.Add($"{line}\t{(path.Length == 0 ? "top level" : "under " + path)}, {where}");
            }
        }
    }

    private static string? Join(string? first, string? second) =>
        string.IsNullOrEmpty(first) ? (string.IsNullOrEmpty(second) ? null : second)
        : string.IsNullOrEmpty(second) ? first : first + "\n" + second;

    private static int Count(TreeNode node) => node is TreeMap map ? map.Items.Count : ((TreeList)node).Items.Count;

    // sops appendCommentToMap/appendCommentToList: one comment per non-empty line, without its '#'.
    private static int AddComments(TreeNode container, string? text, bool inline) =>
        InsertComments(container, Count(container), text, inline);

    private static int InsertComments(TreeNode container, int index, string? text, bool inline = false)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        int added = 0;
        int start = 0;
        while (start <= text.Length)
        {
            int end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }

            if (end > start)
            {
                TreeComment comment = new(text[(start + 1)..end], inline);
                if (container is TreeMap map)
                {
                    map.Items.Insert(index + added, new TreeMapItem(null, comment));
                }
                else
                {
                    ((TreeList)container).Items.Insert(index + added, comment);
                }

                added++;
            }

            start = end + 1;
        }

        return added;
    }
}

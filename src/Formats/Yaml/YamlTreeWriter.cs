using System.Globalization;
using Crypt.Formats.GoCompat;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Yaml;

/// <summary>
/// Turns the tree into go-yaml emitter events exactly as SOPS's YAML store builds go-yaml
/// nodes (<c>appendTreeBranch</c>, <c>appendSequence</c>, <c>treeValueToNode</c>: each scalar
/// typed by <c>Node.Encode</c>) and go-yaml's encoder walks them (<c>encoder.node</c>: key foot
/// comments travel as the next key's tail). Style hints from parsing are not used: sops
/// re-encodes every value, so its output never keeps the source quoting.
/// </summary>
internal static class YamlTreeWriter
{
    public static byte[] WriteDocuments(IReadOnlyList<TreeMap> branches, int indent)
    {
        var events = new List<YamlEmitEvent> { new(YamlEmitEventType.StreamStart) };
        foreach (TreeMap branch in branches)
        {
            events.Add(new YamlEmitEvent(YamlEmitEventType.DocumentStart));
            EmitNode(events, ToNode(branch), null);
            events.Add(new YamlEmitEvent(YamlEmitEventType.DocumentEnd));
        }

        events.Add(new YamlEmitEvent(YamlEmitEventType.StreamEnd));
        return new YamlEmitter(indent).Emit(events);
    }

    public static byte[] WriteValue(TreeNode value, int indent)
    {
        var events = new List<YamlEmitEvent>
        {
            new(YamlEmitEventType.StreamStart),
            new(YamlEmitEventType.DocumentStart),
        };
        EmitNode(events, ToNode(value), null);
        events.Add(new YamlEmitEvent(YamlEmitEventType.DocumentEnd));
        events.Add(new YamlEmitEvent(YamlEmitEventType.StreamEnd));
        return new YamlEmitter(indent).Emit(events);
    }

    private static Node ToNode(TreeNode value) => value switch
    {
        TreeMap map => MapNode(map),
        TreeList list => ListNode(list),
        TreeScalar scalar => ScalarNode(scalar),
        _ => throw new ArgumentException("a comment cannot be a value", nameof(value)),
    };

    private static Node MapNode(TreeMap map)
    {
        var node = new Node(NodeKind.Map);
        var head = new List<string>();
        var inline = new List<string>();
        bool beginning = true;
        foreach (TreeMapItem item in map.Items)
        {
            if (item.Value is TreeComment comment && item.Key is null)
            {
                (comment.Inline ? inline : head).Add(comment.Text);
                continue;
            }

            if (beginning)
            {
                AddHead(node, head);
                beginning = false;
            }

            Node key = ScalarNode(TreeScalar.String(item.Key!));
            AddHead(key, head);
            Node value = ToNode(item.Value);
            AddLine(value, inline);
            node.Children.Add(key);
            node.Children.Add(value);
        }

        head.AddRange(inline);
        if (head.Count > 0)
        {
            if (beginning)
            {
                AddHead(node, head);
            }
            else
            {
                AddFoot(node.Children[^2], head);
            }
        }

        return node;
    }

    private static Node ListNode(TreeList list)
    {
        var node = new Node(NodeKind.List);
        var head = new List<string>();
        var inline = new List<string>();
        bool beginning = true;
        foreach (TreeNode item in list.Items)
        {
            if (item is TreeComment comment)
            {
                (comment.Inline ? inline : head).Add(comment.Text);
                continue;
            }

            if (beginning)
            {
                AddHead(node, head);
                beginning = false;
            }

            Node child = ToNode(item);
            AddHead(child, head);
            AddLine(child, inline);
            node.Children.Add(child);
        }

        head.AddRange(inline);
        if (head.Count > 0)
        {
            if (beginning)
            {
                AddHead(node, head);
            }
            else
            {
                AddFoot(node.Children[^1], head);
            }
        }

        return node;
    }

    // go-yaml Node.Encode of a Go value: the style its encoder picks (stringv, intv, floatv, …).
    private static Node ScalarNode(TreeScalar scalar)
    {
        switch (scalar.Kind)
        {
            case ScalarKind.String:
                string s = scalar.Text;
                YamlEmitStyle style = s.Contains('\n', StringComparison.Ordinal) ? YamlEmitStyle.Literal
                    : YamlScalarResolver.CanBePlainString(s) ? YamlEmitStyle.Plain
                    : YamlEmitStyle.DoubleQuoted;
                return new Node(NodeKind.Scalar) { Value = s, Style = style };
            case ScalarKind.Int:
                return Plain(scalar.Int.ToString(CultureInfo.InvariantCulture));
            case ScalarKind.Float:
                return Plain(GoFloat.FormatYaml(scalar.Float));
            case ScalarKind.Bool:
                return Plain(scalar.Bool ? "true" : "false");
            case ScalarKind.Time:
                return Plain(scalar.Text);
            default:
                return Plain("null");
        }
    }

    private static Node Plain(string text) => new(NodeKind.Scalar) { Value = text, Style = YamlEmitStyle.Plain };

    private static void AddHead(Node node, List<string> comments)
    {
        if (comments.Count == 0)
        {
            return;
        }

        string joined = "#" + string.Join("\n#", comments);
        node.Head = string.IsNullOrEmpty(node.Head) ? joined : joined + "\n" + node.Head;
        comments.Clear();
    }

    private static void AddFoot(Node node, List<string> comments)
    {
        string joined = "#" + string.Join("\n#", comments);
        node.Foot = string.IsNullOrEmpty(node.Foot) ? joined : node.Foot + "\n" + joined;
        comments.Clear();
    }

    private static void AddLine(Node node, List<string> comments)
    {
        if (comments.Count == 0)
        {
            return;
        }

        string joined = "#" + string.Join("\n#", comments);
        node.Line = string.IsNullOrEmpty(node.Line) ? joined : node.Line + "\n" + joined;
        comments.Clear();
    }

    // go-yaml encoder.node: a key's foot comment is emitted as the next key's tail (or the
    // mapping end's), so it lands after the whole value.
    private static void EmitNode(List<YamlEmitEvent> events, Node node, string? tail)
    {
        switch (node.Kind)
        {
            case NodeKind.Map:
                events.Add(new YamlEmitEvent(YamlEmitEventType.MappingStart) { Head = node.Head, Tail = tail });
                string? pendingTail = null;
                for (int i = 0; i + 1 < node.Children.Count; i += 2)
                {
                    Node key = node.Children[i];
                    string? foot = key.Foot;
                    key.Foot = null;
                    EmitNode(events, key, pendingTail);
                    pendingTail = foot;
                    EmitNode(events, node.Children[i + 1], null);
                }

                events.Add(new YamlEmitEvent(YamlEmitEventType.MappingEnd) { Tail = pendingTail, Line = node.Line, Foot = node.Foot });
                break;
            case NodeKind.List:
                events.Add(new YamlEmitEvent(YamlEmitEventType.SequenceStart) { Head = node.Head });
                foreach (Node child in node.Children)
                {
                    EmitNode(events, child, null);
                }

                events.Add(new YamlEmitEvent(YamlEmitEventType.SequenceEnd) { Line = node.Line, Foot = node.Foot });
                break;
            default:
                events.Add(new YamlEmitEvent(YamlEmitEventType.Scalar, node.Value, node.Style)
                {
                    Head = node.Head,
                    Line = node.Line,
                    Foot = node.Foot,
                    Tail = tail,
                });
                break;
        }
    }

    private enum NodeKind
    {
        Map,
        List,
        Scalar,
    }

    private sealed class Node(NodeKind kind)
    {
        public NodeKind Kind { get; } = kind;

        public List<Node> Children { get; } = [];

        public string? Value { get; init; }

        public YamlEmitStyle Style { get; init; }

        public string? Head { get; set; }

        public string? Line { get; set; }

        public string? Foot { get; set; }
    }
}

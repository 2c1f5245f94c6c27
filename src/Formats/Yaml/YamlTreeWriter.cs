using System.Globalization;
using Crypt.Crypto.Values;
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
    private static readonly Node s_written = new(NodeKind.Scalar);

    public static void WriteDocuments(IReadOnlyList<TreeMap> branches, int indent, Stream output) =>
        new YamlEmitter(indent).Emit(DocumentEvents(branches), output);

    public static void WriteValue(TreeNode value, int indent, Stream output) =>
        new YamlEmitter(indent).Emit(ValueEvents(value), output);

    // Events are produced as the emitter asks for them, and each collection's nodes are built
    // only when it is reached, so only the path being written is held beside the tree.
    private static IEnumerable<YamlEmitEvent> DocumentEvents(IReadOnlyList<TreeMap> branches)
    {
        yield return new YamlEmitEvent(YamlEmitEventType.StreamStart);
        foreach (TreeMap branch in branches)
        {
            yield return new YamlEmitEvent(YamlEmitEventType.DocumentStart);
            foreach (YamlEmitEvent ev in NodeEvents(ToNode(branch), null))
            {
                yield return ev;
            }

            yield return new YamlEmitEvent(YamlEmitEventType.DocumentEnd);
        }

        yield return new YamlEmitEvent(YamlEmitEventType.StreamEnd);
    }

    private static IEnumerable<YamlEmitEvent> ValueEvents(TreeNode value)
    {
        yield return new YamlEmitEvent(YamlEmitEventType.StreamStart);
        yield return new YamlEmitEvent(YamlEmitEventType.DocumentStart);
        foreach (YamlEmitEvent ev in NodeEvents(ToNode(value), null))
        {
            yield return ev;
        }

        yield return new YamlEmitEvent(YamlEmitEventType.DocumentEnd);
        yield return new YamlEmitEvent(YamlEmitEventType.StreamEnd);
    }

    // A collection's node starts empty; Expand fills its children when it is written.
    private static Node ToNode(TreeNode value) => value switch
    {
        TreeMap map => new Node(NodeKind.Map) { Source = map },
        TreeList list => new Node(NodeKind.List) { Source = list },
        TreeScalar scalar => ScalarNode(scalar),
        _ => throw new ArgumentException("a comment cannot be a value", nameof(value)),
    };

    private static void Expand(Node node)
    {
        if (node.Source is TreeMap map)
        {
            ExpandMap(node, map);
        }
        else if (node.Source is TreeList list)
        {
            ExpandList(node, list);
        }

        node.Source = null;
    }

    private static void ExpandMap(Node node, TreeMap map)
    {
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
                AddOwnHead(node, head);
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
                AddOwnHead(node, head);
            }
            else
            {
                AddFoot(node.Children[^2], head);
            }
        }
    }

    private static void ExpandList(Node node, TreeList list)
    {
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
                AddOwnHead(node, head);
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
                AddOwnHead(node, head);
            }
            else
            {
                AddFoot(node.Children[^1], head);
            }
        }
    }

    // go-yaml Node.Encode of a Go value: the style its encoder picks (stringv, intv, floatv, …).
    private static Node ScalarNode(TreeScalar scalar)
    {
        switch (scalar.Kind)
        {
            case ScalarKind.String:
                if (LongString(scalar) is { } utf8)
                {
                    return utf8;
                }

                string s = scalar.Text;

                // go-yaml writes "<<" plain; Node.Encode re-reads it as a merge key, which the
                // encoder then tags (encode.go stringv, decode.go parser.scalar, encoder.node).
                if (s == "<<")
                {
                    return new Node(NodeKind.Scalar) { Value = s, Style = YamlEmitStyle.Plain, Tag = "!!merge" };
                }

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

    // A long string goes to the emitter as UTF-8, not as a string the emitter then encodes again
    // (a 100 MB value cost 300 MB more): the leaf's own bytes, or an ENC[...] value's parts,
    // which the emitter writes as text a piece at a time (YamlEmitEvent.Pieces). The style is
    // what the string path picks: literal with a line break, plain when resolve() has no rule
    // for its first character (the emitter still falls back to quotes where plain cannot hold it).
    private static Node? LongString(TreeScalar scalar)
    {
        ReadOnlyMemory<byte> utf8;
        Utf8Slice? pieces = null;
        if (scalar.TryGetUtf8(out ReadOnlySpan<byte> text) && text.Length > Parsing.YamlScanner.LongScalarBytes
            && scalar.TryGetSlice(out Utf8Slice own))
        {
            utf8 = own.Memory;
        }
        else if (scalar.TryGetSlice(out Utf8Slice slice) && slice.Chunk is Encryption.SealedChunk
            && slice.Chunk.Utf8Length(slice.Span) > Parsing.YamlScanner.LongScalarBytes)
        {
            // The emitter decides the style on the same value with 3 bytes of data (see Pieces).
            EncryptedValueLayout layout = Encryption.SealedChunk.Layout(slice.Span, out ReadOnlySpan<byte> parts);
            ReadOnlySpan<byte> sample = layout.Data(parts)[..Math.Min(3, layout.DataLength)];
            byte[] sampleText = new byte[EncryptedValue.FormattedLength(sample.Length, layout.IvLength, layout.Type)];
            EncryptedValue.Format(sample, layout.Iv(parts), layout.Tag(parts), layout.Type, sampleText);
            utf8 = sampleText;
            pieces = slice;
        }
        else
        {
            return null;
        }

        ReadOnlySpan<byte> bytes = utf8.Span;
        YamlEmitStyle style = bytes.Contains((byte)'\n') ? YamlEmitStyle.Literal
            : !YamlScalarResolver.MayResolve(bytes[0]) ? YamlEmitStyle.Plain
            : YamlEmitStyle.Any;
        return style == YamlEmitStyle.Any ? null : new Node(NodeKind.Scalar) { Utf8 = utf8, Pieces = pieces, Style = style };
    }

    private static Node Plain(string text) => new(NodeKind.Scalar) { Value = text, Style = YamlEmitStyle.Plain };

    private static void AddHead(Node node, List<string> comments) =>
        node.Head = Combine(comments, node.Head, before: true);

    // A collection's own leading comments, found when it is expanded: they follow whatever
    // its parent already put in front of it (go-yaml builds the child first, then prepends).
    private static void AddOwnHead(Node node, List<string> comments) =>
        node.Head = Combine(comments, node.Head, before: false);

    private static void AddFoot(Node node, List<string> comments) =>
        node.Foot = Combine(comments, node.Foot, before: false);

    private static void AddLine(Node node, List<string> comments) =>
        node.Line = Combine(comments, node.Line, before: false);

    // go-yaml's comment text: '#'-prefixed lines joined with '\n', put before or after what the
    // slot already holds. Takes the comments (the list is cleared).
    private static string? Combine(List<string> comments, string? existing, bool before)
    {
        if (comments.Count == 0)
        {
            return existing;
        }

        string joined = "#" + string.Join("\n#", comments);
        comments.Clear();
        return string.IsNullOrEmpty(existing) ? joined : before ? joined + "\n" + existing : existing + "\n" + joined;
    }

    // go-yaml encoder.node: a key's foot comment is emitted as the next key's tail (or the
    // mapping end's), so it lands after the whole value.
    private static IEnumerable<YamlEmitEvent> NodeEvents(Node node, string? tail)
    {
        switch (node.Kind)
        {
            case NodeKind.Map:
                Expand(node);
                yield return new YamlEmitEvent(YamlEmitEventType.MappingStart) { Head = node.Head, Tail = tail };
                string? pendingTail = null;
                for (int i = 0; i + 1 < node.Children.Count; i += 2)
                {
                    Node key = Take(node.Children, i);
                    Node value = Take(node.Children, i + 1);
                    string? foot = key.Foot;
                    key.Foot = null;
                    foreach (YamlEmitEvent ev in NodeEvents(key, pendingTail))
                    {
                        yield return ev;
                    }

                    pendingTail = foot;
                    foreach (YamlEmitEvent ev in NodeEvents(value, null))
                    {
                        yield return ev;
                    }
                }

                yield return new YamlEmitEvent(YamlEmitEventType.MappingEnd) { Tail = pendingTail, Line = node.Line, Foot = node.Foot };
                break;
            case NodeKind.List:
                Expand(node);
                yield return new YamlEmitEvent(YamlEmitEventType.SequenceStart) { Head = node.Head };
                for (int i = 0; i < node.Children.Count; i++)
                {
                    foreach (YamlEmitEvent ev in NodeEvents(Take(node.Children, i), null))
                    {
                        yield return ev;
                    }
                }

                yield return new YamlEmitEvent(YamlEmitEventType.SequenceEnd) { Line = node.Line, Foot = node.Foot };
                break;
            default:
                yield return new YamlEmitEvent(YamlEmitEventType.Scalar, node.Value, node.Style)
                {
                    Utf8 = node.Utf8,
                    Pieces = node.Pieces,
                    Tag = node.Tag,
                    Head = node.Head,
                    Line = node.Line,
                    Foot = node.Foot,
                    Tail = tail,
                };
                break;
        }
    }

    // Written nodes are let go as the emitter passes them: otherwise every expanded node of a
    // large document stays alive until its end, as big again as the tree.
    private static Node Take(List<Node> children, int index)
    {
        Node child = children[index];
        children[index] = s_written;
        return child;
    }

    private enum NodeKind
    {
        Map,
        List,
        Scalar,
    }

    private sealed class Node(NodeKind kind)
    {
        private List<Node>? _children;

        public NodeKind Kind { get; } = kind;

        public List<Node> Children => _children ??= [];

        /// <summary>The map or list not yet expanded into <see cref="Children"/>.</summary>
        public TreeNode? Source { get; set; }

        public string? Value { get; init; }

        /// <summary>A long string's text as UTF-8 instead of <see cref="Value"/> (see <see cref="LongString"/>).</summary>
        public ReadOnlyMemory<byte>? Utf8 { get; init; }

        /// <summary>A long ENC[...] value's parts (see <see cref="YamlEmitEvent.Pieces"/>).</summary>
        public Utf8Slice? Pieces { get; init; }

        public YamlEmitStyle Style { get; init; }

        public string? Tag { get; init; }

        public string? Head { get; set; }

        public string? Line { get; set; }

        public string? Foot { get; set; }
    }
}

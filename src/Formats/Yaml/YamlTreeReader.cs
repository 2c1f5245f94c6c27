using System.Text;
using Crypt.Crypto.Errors;
using Crypt.Formats.Encryption;
using Crypt.Formats.Tree;
using Crypt.Formats.Yaml.Parsing;

namespace Crypt.Formats.Yaml;

/// <summary>
/// Reads a YAML stream into the tree as SOPS's YAML store does (FORMAT.md §8.1): one map per
/// document, aliases expanded, anchors dropped, <c>&lt;&lt;</c> kept as a literal key, scalars
/// typed by <see cref="YamlScalarResolver"/>. Built in one pass over <see cref="YamlParser"/>'s
/// events, with no node tree in between: the comment moves of go-yaml v3.0.4's composer
/// (<c>decode.go parser.mapping/sequence/document</c>) and sops's placement of each comment
/// (<c>stores/yaml/store.go nodeToTreeValue, appendYamlNodeToTreeBranch</c>) are done as the
/// events arrive (see YamlTreeReader.Comments.cs).
/// </summary>
internal sealed partial class YamlTreeReader
{
    /// <summary>Deepest nesting accepted (go-yaml allows 10 000; the tree code recurses).</summary>
    public const int MaxDepth = 1000;

    private readonly List<YamlTreeFrame> _stack = [];
    private readonly Dictionary<string, Anchored> _anchors = new(StringComparer.Ordinal);
    private readonly HashSet<string> _openAnchors = new(StringComparer.Ordinal);
    private readonly List<TreeMap> _branches = [];
    private readonly LeafFactory _leaves;
    private readonly KeyNames _keyNames = new();
    private readonly List<string>? _kept;
    private long _nodeCount;
    private long _aliasNodeCount;
    private TreeMap _branch = new();

    private YamlTreeReader(bool roomForParts, List<string>? kept)
    {
        // Leaves with room for their encrypted parts, or ENC[...] values kept as their parts.
        _leaves = roomForParts ? new PlaintextLeaves() : new EncryptedLeaves();
        _kept = kept;
    }

    /// <summary>Parses every document; with <paramref name="roomForParts"/> each leaf gets room for its encrypted parts.</summary>
    public static TreeDocument Read(ReadOnlyMemory<byte> content, bool roomForParts = false) =>
        new YamlTreeReader(roomForParts, null).ReadAll(content);

    /// <summary>
    /// As <see cref="Read(ReadOnlyMemory{byte}, bool)"/>, and lists the comments go-yaml v3 would have dropped (sops then
    /// loses them) that this reader kept, each as "comment text → where it was put".
    /// </summary>
    public static TreeDocument Read(ReadOnlyMemory<byte> content, List<string> keptBeyondGoYaml) =>
        new YamlTreeReader(false, keptBeyondGoYaml).ReadAll(content);

    private TreeDocument ReadAll(ReadOnlyMemory<byte> content)
    {
        try
        {
            YamlParser parser = new(content);
            while (parser.Next() is { } ev)
            {
                Handle(ev);
            }
        }
        catch (CryptException)
        {
            throw;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException or IndexOutOfRangeException)
        {
            // A bug on hostile input must still read as a format error.
            throw new CryptFormatException("malformed YAML", null, 0, 0, null, e);
        }

        return new TreeDocument(_branches);
    }

    private void Handle(YamlEvent ev)
    {
        switch (ev.Kind)
        {
            case YamlEventKind.DocumentStart:
                _stack.Clear();
                _anchors.Clear();
                _openAnchors.Clear();
                _branch = new TreeMap();

                // sops appendYamlNodeToTreeBranch(document): its head and line comments first.
                AddComments(_branch, ev.HeadComment, inline: false);
                AddComments(_branch, ev.LineComment, inline: false);
                break;
            case YamlEventKind.DocumentEnd:
                // decode.go parser.document: the foot comment is the end event's.
                AddComments(_branch, ev.FootComment, inline: false);
                _branches.Add(_branch);
                break;
            case YamlEventKind.MappingStart:
                BeginCollection(ev, isMap: true);
                break;
            case YamlEventKind.SequenceStart:
                BeginCollection(ev, isMap: false);
                break;
            case YamlEventKind.MappingEnd or YamlEventKind.SequenceEnd:
                EndCollection(ev);
                break;
            case YamlEventKind.Scalar:
                OnScalar(ev);
                break;
            case YamlEventKind.Alias:
                OnAlias(ev);
                break;
            case YamlEventKind.TailComment:
                OnTailComment(ev);
                break;
            default:
                break;
        }
    }

    private void BeginCollection(YamlEvent ev, bool isMap)
    {
        if (_stack.Count >= MaxDepth)
        {
            throw Error($"document nests deeper than {MaxDepth} levels", ev);
        }

        YamlTreePlace place;
        TreeNode node;
        if (_stack.Count == 0)
        {
            if (!isMap)
            {
                throw Error("YAML documents that are sequences are not supported", ev);
            }

            place = YamlTreePlace.Root;
            node = _branch;
        }
        else
        {
            YamlTreeFrame parent = _stack[^1];
            if (parent.Map is not null && parent.PendingKey is null)
            {
                throw Error("Tree contains a non-string key; only string keys are supported", ev);
            }

            place = parent.Map is not null ? YamlTreePlace.MapValue : YamlTreePlace.ListItem;
            node = isMap ? new TreeMap() : new TreeList();
        }

        if (ev.Anchor is not null)
        {
            _openAnchors.Add(ev.Anchor);
        }

        _nodeCount++;
        YamlTreeFrame frame = new(node, place, ev.Style == YamlEventStyle.Flow, ev.Anchor, _nodeCount)
        {
            Head = ev.HeadComment,
            StartLine = ev.LineComment,
            StartFoot = ev.FootComment,
        };
        if (place != YamlTreePlace.ListItem)
        {
            int before = Count(node);
            AddComments(node, ev.HeadComment, inline: false);
            frame.LineAt = Count(node);
            frame.OwnLeading = frame.LineAt - before;
        }

        _stack.Add(frame);
    }

    private void OnScalar(YamlEvent ev)
    {
        bool styled = ev.Style is YamlEventStyle.SingleQuoted or YamlEventStyle.DoubleQuoted or YamlEventStyle.Literal or YamlEventStyle.Folded;
        string tag = ev.Tag is null or "!" ? string.Empty : YamlScalarResolver.ShortTag(ev.Tag);
        Tree.ScalarStyle style = ev.Style switch
        {
            YamlEventStyle.Plain => Tree.ScalarStyle.Plain,
            YamlEventStyle.SingleQuoted => Tree.ScalarStyle.SingleQuoted,
            YamlEventStyle.DoubleQuoted => Tree.ScalarStyle.DoubleQuoted,
            YamlEventStyle.Literal => Tree.ScalarStyle.Literal,
            YamlEventStyle.Folded => Tree.ScalarStyle.Folded,
            _ => Tree.ScalarStyle.Any,
        };
        // A long untagged scalar that can only be a string (quoted, block, or plain starting with a
        // character go-yaml's resolve() has no rule for): its UTF-8 goes into the arena as it came
        // from the scanner, with no string made (what Resolve then Compact give, a copy less).
        TreeScalar scalar = ev.Utf8 is { } utf8 && tag.Length == 0 && (styled || !YamlScalarResolver.MayResolve(utf8.Span[0]))
            ? _leaves.String(utf8, style, ev.Utf8Owned)
            : YamlScalarResolver.Resolve(tag, ev.Value ?? string.Empty, styled, style, ev.Start.Line + 1, ev.Start.Column + 1);
        _nodeCount++;
        if (ev.Anchor is not null)
        {
            _anchors[ev.Anchor] = new Anchored(scalar, 1);
        }

        if (_stack.Count == 0)
        {
            // A document whose root is a scalar: only null (an empty document) is accepted
            // (sops appendYamlNodeToTreeBranch: "!!null" gives an empty branch).
            if (scalar.Kind != ScalarKind.Null)
            {
                throw Error("YAML documents that are values are not supported", ev);
            }

            AddComments(_branch, ev.HeadComment, inline: false);
            AddComments(_branch, ev.LineComment, inline: false);

            // sops returns before the null document's foot comment: kept here.
            AddKept(_branch, ev.FootComment, "after the empty document's other comments");
            return;
        }

        Place(_stack[^1], scalar, ev);
    }

    private void OnAlias(YamlEvent ev)
    {
        string name = ev.Anchor ?? string.Empty;
        if (_openAnchors.Contains(name))
        {
            throw Error($"anchor '{name}' value contains itself", ev);
        }

        if (!_anchors.TryGetValue(name, out Anchored? anchored))
        {
            throw Error($"unknown anchor '{name}' referenced", ev);
        }

        // go-yaml's billion-laughs guard (decode.go allowedAliasRatio), checked before copying.
        _aliasNodeCount += anchored.Size;
        _nodeCount += anchored.Size;
        if (_aliasNodeCount > 100 && _nodeCount > 1000 && (double)_aliasNodeCount / _nodeCount > AllowedAliasRatio(_nodeCount))
        {
            // go-yaml's words first (sops prints them); then the limit, which go-yaml does not name.
            double limit = AllowedAliasRatio(_nodeCount) * 100;
            throw Error($"document contains excessive aliasing: aliases would make {_aliasNodeCount} of its {_nodeCount} nodes, above the limit of {limit.ToString("0", System.Globalization.CultureInfo.InvariantCulture)}% (billion-laughs guard)", ev);
        }

        if (_stack.Count == 0)
        {
            throw Error("YAML documents that are values are not supported", ev);
        }

        Place(_stack[^1], anchored.Expand(), ev);
    }

    private static double AllowedAliasRatio(long decodeCount)
    {
        const double Low = 400000;
        const double High = 4000000;
        if (decodeCount <= Low)
        {
            return 0.99;
        }

        return decodeCount >= High ? 0.10 : 0.99 - (0.89 * ((decodeCount - Low) / (High - Low)));
    }

    // A scalar or an alias's copy: a key, or a value or item with its comments around it.
    private void Place(YamlTreeFrame parent, TreeNode node, YamlEvent ev)
    {
        if (parent.Map is not null && parent.PendingKey is null)
        {
            OnKey(parent, node, ev);
            return;
        }

        PlaceLeaf(parent, Compact(node), ev.HeadComment, ev.LineComment, ev.FootComment);
    }

    private void OnKey(YamlTreeFrame frame, TreeNode node, YamlEvent ev)
    {
        if (node is not TreeScalar { Kind: ScalarKind.String } key)
        {
            throw Error("Tree contains a non-string key; only string keys are supported", ev);
        }

        string name = _keyNames.Intern(key.Text);
        frame.Keys ??= new Dictionary<string, long>(StringComparer.Ordinal);
        long line = ev.Start.Line + 1;
        if (name != "<<" && !frame.Keys.TryAdd(name, line))
        {
            throw Error($"mapping key \"{name}\" already defined at line {frame.Keys[name]}", ev);
        }

        KeyComments(frame, ev);
        frame.PendingKey = name;
    }

    // String values are kept as UTF-8 (the parser's string dies young): a large file's values,
    // every ENC[...] text among them, then cost their bytes and no object of their own.
    private TreeNode Compact(TreeNode node)
    {
        if (node is not TreeScalar scalar || scalar.TryGetSlice(out _))
        {
            return node;
        }

        if (!scalar.IsString)
        {
            return _leaves.Leaf(scalar);
        }

        string text = scalar.Text;
        if (text.Length > 512)
        {
            // A long value is encoded at its exact size (a buffer of the worst case, 3 bytes per
            // character, made a 100 MB value cost 300 MB more).
            byte[] exact = GC.AllocateUninitializedArray<byte>(Encoding.UTF8.GetByteCount(text));
            Encoding.UTF8.GetBytes(text, exact);
            return _leaves.String(exact, scalar.Style);
        }

        Span<byte> buffer = stackalloc byte[text.Length * 3];
        return _leaves.String(buffer[..Encoding.UTF8.GetBytes(text, buffer)], scalar.Style);
    }

    private static CryptFormatException Error(string message, YamlEvent ev) =>
        new(message, null, ev.Start.Line + 1, ev.Start.Column + 1);
}

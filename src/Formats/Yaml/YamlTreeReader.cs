using System.Runtime.InteropServices;
using System.Text;
using Crypt.Crypto.Errors;
using Crypt.Formats.Tree;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlScalarStyle = YamlDotNet.Core.ScalarStyle;

namespace Crypt.Formats.Yaml;

/// <summary>
/// Reads a YAML stream into the tree as SOPS's YAML store does with go-yaml v3 nodes
/// (FORMAT.md §8.1, sops <c>stores/yaml/store.go</c>): one map per document, aliases expanded,
/// anchors dropped, <c>&lt;&lt;</c> kept as a literal key, scalars typed by
/// <see cref="YamlScalarResolver"/>, comments placed by <see cref="YamlCommentPlacer"/>.
/// Streams YamlDotNet parser events; no reflection.
/// </summary>
internal sealed class YamlTreeReader
{
    /// <summary>Deepest nesting accepted (go-yaml allows 10 000; the tree code recurses).</summary>
    public const int MaxDepth = 1000;

    private readonly List<Frame> _stack = [];
    private readonly Dictionary<string, Anchored> _anchors = new(StringComparer.Ordinal);
    private readonly HashSet<string> _openAnchors = new(StringComparer.Ordinal);
    private readonly YamlCommentPlacer _comments;
    private long _nodeCount;
    private long _aliasNodeCount;

    private readonly Utf8TextIndex _text;
    private readonly Utf8Arena _values = new();
    private readonly KeyNames _keyNames = new();

    // Spare bytes after each leaf for its encrypted parts (SealedText), 0 for an encrypted file.
    private readonly int _room;

    private YamlTreeReader(Utf8TextIndex text, bool roomForParts)
    {
        _text = text;
        _room = roomForParts ? LeafRoom.ForString : 0;
        _comments = new YamlCommentPlacer(_stack);
    }

    /// <summary>Parses every document; with <paramref name="roomForParts"/> each leaf gets room for its encrypted parts.</summary>
    public static TreeDocument Read(ReadOnlyMemory<byte> content, bool roomForParts = false)
    {
        if (content.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            content = content[3..];
        }

        if (!System.Text.Unicode.Utf8.IsValid(content.Span))
        {
            ThrowInvalidUtf8(content.Span);
        }

        // Decoded as the parser reads, never held whole as a string.
        using Stream bytes = MemoryMarshal.TryGetArray(content, out ArraySegment<byte> array)
            ? new MemoryStream(array.Array!, array.Offset, array.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);
        using StreamReader reader = new(bytes, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024);
        return new YamlTreeReader(new Utf8TextIndex(content), roomForParts).ReadAll(reader);
    }

    private static void ThrowInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            _ = new UTF8Encoding(false, true).GetCharCount(bytes);
        }
        catch (DecoderFallbackException e)
        {
            long line = 1;
            int upTo = Math.Clamp(e.Index, 0, bytes.Length);
            foreach (byte b in bytes[..upTo])
            {
                line += b == '\n' ? 1 : 0;
            }

            throw new CryptFormatException("invalid UTF-8 in YAML input", null, line, 0);
        }

        throw new CryptFormatException("invalid UTF-8 in YAML input", null, 0, 0);
    }

    // YamlDotNet trims the comment; SOPS keeps everything after '#' (FORMAT.md §8.1).
    private string RawCommentText(Comment c) => _text.CommentAfter(c.Start.Index) ?? c.Value;

    private TreeDocument ReadAll(TextReader text)
    {
        var branches = new List<TreeMap>();
        var parser = new Parser(new Scanner(text, skipComments: false));
        try
        {
            while (parser.MoveNext())
            {
                ParsingEvent ev = parser.Current!;
                Handle(ev, branches);
            }
        }
        catch (CryptException)
        {
            throw;
        }
        catch (YamlException e)
        {
            throw new CryptFormatException(CleanMessage(e.Message), null, e.Start.Line, e.Start.Column, null, e);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException or IndexOutOfRangeException)
        {
            // A parser bug on hostile input must still read as a format error.
            throw new CryptFormatException("malformed YAML", null, 0, 0, null, e);
        }

        return new TreeDocument(branches);
    }

    private void Handle(ParsingEvent ev, List<TreeMap> branches)
    {
        switch (ev)
        {
            case Comment c:
                _comments.OnComment(RawCommentText(c), c.IsInline, ev.Start.Line, ev.Start.Column);
                break;
            case DocumentStart:
                _stack.Clear();
                _anchors.Clear();
                _comments.OnDocumentStart();
                break;
            case DocumentEnd:
                _comments.OnDocumentEnd();
                branches.Add(_documentRoot ?? new TreeMap());
                _documentRoot = null;
                break;
            case MappingStart ms:
                BeginCollection(new TreeMap(), ms, ms.Style == MappingStyle.Flow);
                break;
            case SequenceStart ss:
                BeginCollection(new TreeList(), ss, ss.Style == SequenceStyle.Flow);
                break;
            case MappingEnd or SequenceEnd:
                EndCollection(ev);
                break;
            case Scalar s:
                OnScalar(s);
                break;
            case AnchorAlias a:
                OnAlias(a);
                break;
            default:
                break;
        }
    }

    private TreeMap? _documentRoot;

    private void BeginCollection(TreeNode node, NodeEvent ev, bool flow)
    {
        if (_stack.Count >= MaxDepth)
        {
            throw new CryptFormatException($"document nests deeper than {MaxDepth} levels", null, ev.Start.Line, ev.Start.Column);
        }

        if (_stack.Count == 0 && node is not TreeMap)
        {
            throw new CryptFormatException("YAML documents that are sequences are not supported", null, ev.Start.Line, ev.Start.Column);
        }

        _comments.BeforeContent(ev.Start.Line, ev.Start.Column, startsCollection: true);
        string? anchor = ev.Anchor.IsEmpty ? null : ev.Anchor.Value;
        if (anchor is not null)
        {
            _openAnchors.Add(anchor);
        }

        _nodeCount++;
        _stack.Add(new Frame(node, flow, ev.Start.Column - 1, anchor, _nodeCount, ev.Start.Line));
        _comments.OnCollectionStarted();
    }

    private void EndCollection(ParsingEvent ev)
    {
        // The end of input counts as a blank line for go-yaml's foot-comment rule.
        bool atEnd = _text.IsWhiteSpaceFrom(ev.Start.Index);
        _comments.BeforeCollectionEnd(atEnd ? long.MaxValue : ev.Start.Line);
        Frame frame = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        if (frame.Anchor is not null)
        {
            _openAnchors.Remove(frame.Anchor);
            _anchors[frame.Anchor] = new Anchored(frame.Node, _nodeCount - frame.NodeCountAtStart + 1);
        }

        Deliver(frame.Node, ev.End.Line, ev.Start, isScalar: false);
    }

    private void OnScalar(Scalar s)
    {
        bool styled = s.Style is YamlScalarStyle.SingleQuoted or YamlScalarStyle.DoubleQuoted or YamlScalarStyle.Literal or YamlScalarStyle.Folded;
        string tag = s.Tag.IsEmpty || s.Tag.IsNonSpecific ? string.Empty : YamlScalarResolver.ShortTag(s.Tag.Value);
        Tree.ScalarStyle style = s.Style switch
        {
            YamlScalarStyle.Plain => Tree.ScalarStyle.Plain,
            YamlScalarStyle.SingleQuoted => Tree.ScalarStyle.SingleQuoted,
            YamlScalarStyle.DoubleQuoted => Tree.ScalarStyle.DoubleQuoted,
            YamlScalarStyle.Literal => Tree.ScalarStyle.Literal,
            YamlScalarStyle.Folded => Tree.ScalarStyle.Folded,
            _ => Tree.ScalarStyle.Any,
        };
        TreeScalar value = YamlScalarResolver.Resolve(tag, s.Value, styled, style, s.Start.Line, s.Start.Column);
        _nodeCount++;
        if (!s.Anchor.IsEmpty)
        {
            _anchors[s.Anchor.Value] = new Anchored(value, 1);
        }

        if (_stack.Count == 0)
        {
            // A document whose root is a scalar: only null (an empty document) is accepted.
            if (value.Kind != ScalarKind.Null)
            {
                throw new CryptFormatException("YAML documents that are values are not supported", null, s.Start.Line, s.Start.Column);
            }

            _documentRoot = new TreeMap();
            return;
        }

        _comments.BeforeContent(s.Start.Line, s.Start.Column, startsCollection: false);
        Deliver(value, s.End.Line, s.Start, isScalar: true);
    }

    private void OnAlias(AnchorAlias a)
    {
        string name = a.Value.Value;
        if (_openAnchors.Contains(name))
        {
            throw new CryptFormatException($"anchor '{name}' value contains itself", null, a.Start.Line, a.Start.Column);
        }

        if (!_anchors.TryGetValue(name, out Anchored anchored))
        {
            throw new CryptFormatException($"unknown anchor '{name}' referenced", null, a.Start.Line, a.Start.Column);
        }

        // go-yaml's billion-laughs guard (decode.go allowedAliasRatio), checked before copying.
        _aliasNodeCount += anchored.Size;
        _nodeCount += anchored.Size;
        if (_aliasNodeCount > 100 && _nodeCount > 1000 && (double)_aliasNodeCount / _nodeCount > AllowedAliasRatio(_nodeCount))
        {
            throw new CryptFormatException("document contains excessive aliasing", null, a.Start.Line, a.Start.Column);
        }

        if (_stack.Count == 0)
        {
            if (anchored.Node is TreeMap m)
            {
                _documentRoot = (TreeMap)m.Clone();
                return;
            }

            throw new CryptFormatException("YAML documents that are values are not supported", null, a.Start.Line, a.Start.Column);
        }

        _comments.BeforeContent(a.Start.Line, a.Start.Column, startsCollection: false);
        Deliver(anchored.Node.Clone(), a.End.Line, a.Start, isScalar: anchored.Node is TreeScalar);
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

    // Hands a finished node to its parent: a key, a map value, a list item or the document root.
    private void Deliver(TreeNode node, long endLine, Mark start, bool isScalar)
    {
        if (_stack.Count == 0)
        {
            _documentRoot = (TreeMap)node;
            return;
        }

        Frame parent = _stack[^1];
        if (parent.Node is TreeList list)
        {
            list.Items.Add(Compact(node));
            _comments.AfterItem(list.Items, list.Items.Count - 1, endLine, isScalar);
            return;
        }

        var map = (TreeMap)parent.Node;
        if (parent.PendingKey is null)
        {
            if (node is not TreeScalar { Kind: ScalarKind.String } key)
            {
                throw new CryptFormatException("Tree contains a non-string key; only string keys are supported", null, start.Line, start.Column);
            }

            string name = KeyName(key.Text);
            parent.Keys ??= new Dictionary<string, long>(StringComparer.Ordinal);
            if (name != "<<" && !parent.Keys.TryAdd(name, start.Line))
            {
                throw new CryptFormatException($"mapping key \"{name}\" already defined at line {parent.Keys[name]}", null, start.Line, start.Column);
            }

            parent.PendingKey = name;
            _comments.AfterKey(endLine);
            return;
        }

        map.Items.Add(new TreeMapItem(parent.PendingKey, Compact(node)));
        parent.PendingKey = null;
        _comments.AfterMapValue(map.Items, map.Items.Count - 1, endLine, isScalar);
    }

    // String values are kept as UTF-8 (the parser's string dies young): a large file's values,
    // every ENC[...] text among them, then cost their bytes and no object of their own.
    private TreeNode Compact(TreeNode node)
    {
        if (node is not TreeScalar scalar || scalar.TryGetUtf8(out _) || scalar.TryGetSealed(out _, out _))
        {
            return node;
        }

        if (!scalar.IsString)
        {
            return _room == 0 ? scalar : scalar.WithOwnRoom(_values, LeafRoom.ForNonString);
        }

        string text = scalar.Text;
        Span<byte> buffer = text.Length <= 512 ? stackalloc byte[text.Length * 3] : new byte[Encoding.UTF8.GetMaxByteCount(text.Length)];
        ReadOnlySpan<byte> utf8 = buffer[..Encoding.UTF8.GetBytes(text, buffer)];
        return _room > 0
            ? TreeScalar.Utf8String(_values.Add(utf8, _room), scalar.Style, _room)
            : TreeScalar.Utf8String(_values, utf8, scalar.Style);
    }

    // Key names repeat (every item of a list of maps has the same ones): one string each.
    private string KeyName(string name) => _keyNames.Intern(name);

    private static string CleanMessage(string message)
    {
        // YamlDotNet prefixes "(Line: a, Col: b, Idx: c) - (Line: …): "; the location is carried separately.
        int cut = message.IndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 && message.StartsWith("(Line", StringComparison.Ordinal) ? message[(cut + 3)..] : message;
    }

    private readonly record struct Anchored(TreeNode Node, long Size);

    /// <summary>An open map or list while its events stream in.</summary>
    internal sealed class Frame(TreeNode node, bool flow, long column, string? anchor, long nodeCountAtStart, long line)
    {
        public TreeNode Node { get; } = node;

        public bool Flow { get; } = flow;

        /// <summary>0-based column of the first key or dash: go-yaml's block indent.</summary>
        public long Column { get; } = column;

        public long Line { get; } = line;

        public string? Anchor { get; } = anchor;

        public long NodeCountAtStart { get; } = nodeCountAtStart;

        public string? PendingKey { get; set; }

        public Dictionary<string, long>? Keys { get; set; }
    }
}

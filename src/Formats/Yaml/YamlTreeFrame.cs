using Crypt.Formats.Tree;

namespace Crypt.Formats.Yaml;

/// <summary>Where a collection's own head, line and foot comments go (sops <c>stores/yaml/store.go</c>).</summary>
internal enum YamlTreePlace : byte
{
    /// <summary>The document's mapping: its comments join the document branch.</summary>
    Root,

    /// <summary>A mapping value: its own comments go inside it (<c>nodeToTreeValue(value, false)</c>).</summary>
    MapValue,

    /// <summary>A list item: its own comments go into the list around it (<c>commentsWereHandled</c>).</summary>
    ListItem,
}

/// <summary>An open map or list of <see cref="YamlTreeReader"/> while its events stream in.</summary>
internal sealed class YamlTreeFrame(TreeNode node, YamlTreePlace place, bool flow, string? anchor, long nodeCountAtStart)
{
    public TreeNode Node { get; } = node;

    public TreeMap? Map => Node as TreeMap;

    public YamlTreePlace Place { get; } = place;

    public bool Flow { get; } = flow;

    public string? Anchor { get; } = anchor;

    public long NodeCountAtStart { get; } = nodeCountAtStart;

    /// <summary>The start event's head comment (go-yaml <c>Node.HeadComment</c>).</summary>
    public string? Head { get; init; }

    /// <summary>Comments the start event carried that go-yaml overwrites with the end event's.</summary>
    public string? StartLine { get; init; }

    public string? StartFoot { get; init; }

    /// <summary>Index in <see cref="Node"/> where the collection's line comment goes (after its head).</summary>
    public int LineAt { get; set; }

    /// <summary>How many own comment items were put at the start of <see cref="Node"/>.</summary>
    public int OwnLeading { get; set; }

    /// <summary>Key/value pairs read so far (maps).</summary>
    public int Pairs { get; set; }

    /// <summary>The key read, waiting for its value (maps).</summary>
    public string? PendingKey { get; set; }

    /// <summary>
    /// The last key's foot comment, held back until the next key or the end: go-yaml's
    /// <c>parser.mapping</c> may still move another foot comment onto it.
    /// </summary>
    public string? KeyFoot { get; set; }

    public Dictionary<string, long>? Keys { get; set; }
}

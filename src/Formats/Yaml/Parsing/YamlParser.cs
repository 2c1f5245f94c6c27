using Crypt.Crypto.Errors;

namespace Crypt.Formats.Yaml.Parsing;

/// <summary>
/// A port of go-yaml v3.0.4's parser (parserc.go) over <see cref="YamlScanner"/>: YAML 1.2 events
/// in go-yaml's order, with go-yaml's head, line and foot comments attached to the events go-yaml
/// attaches them to (<c>yaml_parser_unfold_comments</c>, <c>yaml_parser_split_stem_comment</c>, the
/// document head-comment split), so a tree built from these events places comments as sops does.
/// <para>
/// Use: <c>new YamlParser(utf8Bytes)</c>, then call <see cref="Next"/> until it returns null (after
/// the <see cref="YamlEventKind.StreamEnd"/> event). Input is UTF-8; a leading BOM is skipped.
/// Malformed input throws <see cref="CryptFormatException"/> with go-yaml's problem text and the
/// 1-based line and column of the problem; no other exception escapes.
/// </para>
/// <para>
/// Where go-yaml v3 is wrong, this parser follows the YAML spec instead (the yaml-test-suite
/// decides; tests/Formats.Tests/Yaml/Parsing/SuiteDeviations.tsv lists what is left): it accepts
/// <c>%YAML 1.2</c> and reserved directives, <c>\/</c> escapes, and it refuses the invalid
/// documents go-yaml accepts. Event differences from go-yaml's <c>yaml_event_t</c>: an implicit
/// document start has <see cref="YamlEvent.Implicit"/> true (go-yaml leaves it false), scalar
/// values are never null (empty string), and tags are fully resolved.
/// </para>
/// </summary>
internal sealed partial class YamlParser
{
    private readonly YamlScanner _scanner;
    private YamlParserState _state;
    private readonly List<YamlParserState> _states = [];
    private readonly List<YamlMark> _marks = [];
    private readonly List<KeyValuePair<string, string>> _tagDirectives = [];

    private string? _headComment;
    private string? _lineComment;
    private string? _footComment;
    private string? _tailComment;
    private string? _stemComment;

    /// <summary>Starts parsing <paramref name="input"/> (UTF-8, optionally with a BOM); the input is copied.</summary>
    public YamlParser(ReadOnlyMemory<byte> input)
    {
        _scanner = new YamlScanner(input.Span);
    }

    /// <summary>The next event, or null once the stream has ended.</summary>
    public YamlEvent? Next()
    {
        if (_scanner.StreamEndProduced || _state == YamlParserState.End)
        {
            return null;
        }

        return _state switch
        {
            YamlParserState.StreamStart => ParseStreamStart(),
            YamlParserState.ImplicitDocumentStart => ParseDocumentStart(implicitAllowed: true),
            YamlParserState.DocumentStart => ParseDocumentStart(implicitAllowed: false),
            YamlParserState.DocumentContent => ParseDocumentContent(),
            YamlParserState.DocumentEnd => ParseDocumentEnd(),
            YamlParserState.BlockNode => ParseNode(block: true, indentlessSequence: false),
            YamlParserState.BlockNodeOrIndentlessSequence => ParseNode(block: true, indentlessSequence: true),
            YamlParserState.FlowNode => ParseNode(block: false, indentlessSequence: false),
            YamlParserState.BlockSequenceFirstEntry => ParseBlockSequenceEntry(first: true),
            YamlParserState.BlockSequenceEntry => ParseBlockSequenceEntry(first: false),
            YamlParserState.IndentlessSequenceEntry => ParseIndentlessSequenceEntry(),
            YamlParserState.BlockMappingFirstKey => ParseBlockMappingKey(first: true),
            YamlParserState.BlockMappingKey => ParseBlockMappingKey(first: false),
            YamlParserState.BlockMappingValue => ParseBlockMappingValue(),
            YamlParserState.FlowSequenceFirstEntry => ParseFlowSequenceEntry(first: true),
            YamlParserState.FlowSequenceEntry => ParseFlowSequenceEntry(first: false),
            YamlParserState.FlowSequenceEntryMappingKey => ParseFlowSequenceEntryMappingKey(),
            YamlParserState.FlowSequenceEntryMappingValue => ParseFlowSequenceEntryMappingValue(),
            YamlParserState.FlowSequenceEntryMappingEnd => ParseFlowSequenceEntryMappingEnd(),
            YamlParserState.FlowMappingFirstKey => ParseFlowMappingKey(first: true),
            YamlParserState.FlowMappingKey => ParseFlowMappingKey(first: false),
            YamlParserState.FlowMappingValue => ParseFlowMappingValue(empty: false),
            YamlParserState.FlowMappingEmptyValue => ParseFlowMappingValue(empty: true),
            _ => null,
        };
    }

    /// <summary>Reads every event of <paramref name="input"/> (for tests and tools).</summary>
    public static List<YamlEvent> ParseAll(ReadOnlyMemory<byte> input)
    {
        YamlParser parser = new(input);
        List<YamlEvent> events = [];
        while (parser.Next() is { } e)
        {
            events.Add(e);
        }

        return events;
    }

    private static CryptFormatException Error(string problem, YamlMark mark) =>
        new(problem, null, mark.Line + 1, mark.Column + 1);

    /// <summary>go-yaml parserc.go <c>peek_token</c>: the next token, with the comments before it unfolded.</summary>
    private ref YamlToken Peek()
    {
        ref YamlToken token = ref _scanner.Peek();
        UnfoldComments(ref token);
        return ref token;
    }

    private void SkipToken() => _scanner.SkipToken();

    /// <summary>go-yaml parserc.go <c>yaml_parser_unfold_comments</c>: moves the scanner's comments that precede <paramref name="token"/> to the pending head, line and foot comments.</summary>
    private void UnfoldComments(ref YamlToken token)
    {
        YamlScanner scanner = _scanner;
        while (scanner.CommentsHead < scanner.CommentsCount)
        {
            ref YamlComment comment = ref scanner.CommentAt(scanner.CommentsHead);
            if (token.Start.Index < comment.TokenMark.Index)
            {
                break;
            }

            if (comment.Head is { Length: > 0 })
            {
                if (token.Kind == YamlTokenKind.BlockEnd)
                {
                    // No heads on ends, so keep comment.head for a follow up token.
                    break;
                }

                _headComment = _headComment is null ? comment.Head : _headComment + "\n" + comment.Head;
            }

            if (comment.Foot is { Length: > 0 })
            {
                _footComment = _footComment is null ? comment.Foot : _footComment + "\n" + comment.Foot;
            }

            if (comment.Line is { Length: > 0 })
            {
                _lineComment = _lineComment is null ? comment.Line : _lineComment + "\n" + comment.Line;
            }

            comment = default;
            scanner.CommentsHead++;
        }
    }

    private YamlParserState PopState()
    {
        YamlParserState state = _states[^1];
        _states.RemoveAt(_states.Count - 1);
        return state;
    }

    private YamlMark PopMark()
    {
        YamlMark mark = _marks[^1];
        _marks.RemoveAt(_marks.Count - 1);
        return mark;
    }

    private YamlEvent ParseStreamStart()
    {
        ref YamlToken token = ref Peek();
        if (token.Kind != YamlTokenKind.StreamStart)
        {
            throw Error("did not find expected <stream-start>", token.Start);
        }

        _state = YamlParserState.ImplicitDocumentStart;
        YamlEvent e = new() { Kind = YamlEventKind.StreamStart, Start = token.Start, End = token.End };
        SkipToken();
        return e;
    }

    private YamlEvent ParseDocumentStart(bool implicitAllowed)
    {
        ref YamlToken token = ref Peek();

        // Parse extra document end indicators.
        if (!implicitAllowed)
        {
            while (token.Kind == YamlTokenKind.DocumentEnd)
            {
                SkipToken();
                token = ref Peek();
            }
        }

        if (implicitAllowed && token.Kind is not (YamlTokenKind.VersionDirective or YamlTokenKind.TagDirective
            or YamlTokenKind.DocumentStart or YamlTokenKind.StreamEnd))
        {
            // An implicit document.
            ProcessDirectives(out _);
            token = ref Peek();
            _states.Add(YamlParserState.DocumentEnd);
            _state = YamlParserState.BlockNode;

            // go-yaml: the head comment up to the last blank line goes to the document, the rest to the first node.
            string? headComment = null;
            if (_headComment is { Length: > 0 } head)
            {
                for (int i = head.Length - 1; i > 0; i--)
                {
                    if (head[i] == '\n')
                    {
                        if (i == head.Length - 1)
                        {
                            headComment = head[..i];
                            _headComment = head[(i + 1)..];
                            break;
                        }

                        if (head[i - 1] == '\n')
                        {
                            headComment = head[..(i - 1)];
                            _headComment = head[(i + 1)..];
                            break;
                        }
                    }
                }
            }

            return new YamlEvent
            {
                Kind = YamlEventKind.DocumentStart,
                Start = token.Start,
                End = token.End,
                Implicit = true,
                HeadComment = NullIfEmpty(headComment),
            };
        }

        if (token.Kind != YamlTokenKind.StreamEnd)
        {
            // An explicit document.
            YamlMark start = token.Start;
            ProcessDirectives(out bool hasDirectives);
            token = ref Peek();
            if (token.Kind != YamlTokenKind.DocumentStart)
            {
                throw Error("did not find expected <document start>", token.Start);
            }

            _ = hasDirectives;
            _states.Add(YamlParserState.DocumentEnd);
            _state = YamlParserState.DocumentContent;
            YamlEvent e = new() { Kind = YamlEventKind.DocumentStart, Start = start, End = token.End, Implicit = false };
            SkipToken();
            return e;
        }

        // The stream end.
        _state = YamlParserState.End;
        YamlEvent end = new() { Kind = YamlEventKind.StreamEnd, Start = token.Start, End = token.End };
        SkipToken();
        return end;
    }

    private YamlEvent ParseDocumentContent()
    {
        ref YamlToken token = ref Peek();
        if (token.Kind is YamlTokenKind.VersionDirective or YamlTokenKind.TagDirective or YamlTokenKind.DocumentStart
            or YamlTokenKind.DocumentEnd or YamlTokenKind.StreamEnd)
        {
            _state = PopState();
            return EmptyScalar(token.Start);
        }

        return ParseNode(block: true, indentlessSequence: false);
    }

    private YamlEvent ParseDocumentEnd()
    {
        ref YamlToken token = ref Peek();
        YamlMark start = token.Start;
        YamlMark end = token.Start;
        bool isImplicit = true;
        if (token.Kind == YamlTokenKind.DocumentEnd)
        {
            end = token.End;
            SkipToken();
            isImplicit = false;
        }

        _tagDirectives.Clear();
        _state = YamlParserState.DocumentStart;
        string? head = _headComment;
        string? line = _lineComment;
        string? foot = _footComment;
        ClearComments();

        // go-yaml: a head comment left at the document end is its foot comment.
        if (head is { Length: > 0 } && foot is null or { Length: 0 })
        {
            foot = head;
            head = null;
        }

        return new YamlEvent
        {
            Kind = YamlEventKind.DocumentEnd,
            Start = start,
            End = end,
            Implicit = isImplicit,
            HeadComment = NullIfEmpty(head),
            LineComment = NullIfEmpty(line),
            FootComment = NullIfEmpty(foot),
        };
    }

    /// <summary>go-yaml parserc.go <c>yaml_parser_set_event_comments</c>: the pending comments go to the event.</summary>
    private YamlEvent WithComments(YamlEvent e)
    {
        string? head = _headComment;
        string? line = _lineComment;
        string? foot = _footComment;
        ClearComments();
        if (head is null && line is null && foot is null)
        {
            return e;
        }

        return new YamlEvent
        {
            Kind = e.Kind,
            Start = e.Start,
            End = e.End,
            Anchor = e.Anchor,
            Tag = e.Tag,
            Value = e.Value,
            Implicit = e.Implicit,
            QuotedImplicit = e.QuotedImplicit,
            Style = e.Style,
            HeadComment = NullIfEmpty(head),
            LineComment = NullIfEmpty(line),
            FootComment = NullIfEmpty(foot),
        };
    }

    private void ClearComments()
    {
        _headComment = null;
        _lineComment = null;
        _footComment = null;
        _tailComment = null;
        _stemComment = null;
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private static YamlEvent EmptyScalar(YamlMark mark) => new()
    {
        Kind = YamlEventKind.Scalar,
        Start = mark,
        End = mark,
        Value = string.Empty,
        Implicit = true,
        Style = YamlEventStyle.Plain,
    };

    /// <summary>go-yaml parserc.go <c>yaml_parser_process_directives</c>: %YAML and %TAG, then the default handles.</summary>
    private void ProcessDirectives(out bool any)
    {
        any = false;
        bool versionSeen = false;
        ref YamlToken token = ref Peek();
        while (token.Kind is YamlTokenKind.VersionDirective or YamlTokenKind.TagDirective)
        {
            any = true;
            if (token.Kind == YamlTokenKind.VersionDirective)
            {
                if (versionSeen)
                {
                    throw Error("found duplicate %YAML directive", token.Start);
                }

                // go-yaml accepts only 1.1; YAML 1.2 (6.8.1) processes any 1.x.
                if (token.Major != 1)
                {
                    throw Error("found incompatible YAML document", token.Start);
                }

                versionSeen = true;
            }
            else
            {
                AppendTagDirective(token.Value!, token.Prefix!, allowDuplicates: false, token.Start);
            }

            SkipToken();
            token = ref Peek();
        }

        AppendTagDirective("!", "!", allowDuplicates: true, token.Start);
        AppendTagDirective("!!", "tag:yaml.org,2002:", allowDuplicates: true, token.Start);
    }

    private void AppendTagDirective(string handle, string prefix, bool allowDuplicates, YamlMark mark)
    {
        foreach (KeyValuePair<string, string> directive in _tagDirectives)
        {
            if (directive.Key == handle)
            {
                if (allowDuplicates)
                {
                    return;
                }

                throw Error("found duplicate %TAG directive", mark);
            }
        }

        _tagDirectives.Add(new KeyValuePair<string, string>(handle, prefix));
    }
}

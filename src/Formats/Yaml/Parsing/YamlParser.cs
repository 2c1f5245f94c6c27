using System.Text;
using Crypt.Crypto.Errors;

namespace Crypt.Formats.Yaml.Parsing;

/// <summary>
/// A port of go-yaml v3.0.4's parser (parserc.go) over <see cref="YamlScanner"/> (scannerc.go):
/// YAML events in go-yaml's order, with go-yaml's head, line and foot comments on the events
/// go-yaml puts them on (<c>yaml_parser_unfold_comments</c>, <c>yaml_parser_split_stem_comment</c>,
/// the document head-comment split at a blank line), so a tree built as decode.go builds its
/// nodes places every comment where sops places it.
/// <para>
/// Use: <c>new YamlParser(utf8)</c>, then <see cref="Next"/> until it returns null (it returns the
/// <see cref="YamlEventKind.StreamEnd"/> event last); <see cref="ParseAll"/> collects them. The
/// input is UTF-8 (checked up front as go-yaml's reader checks it) and copied once; a leading
/// BOM is skipped. Malformed input throws <see cref="CryptFormatException"/> with go-yaml's
/// problem text and the 1-based line and column of the problem; no other exception escapes.
/// Nesting is limited as in go-yaml (10 000 flow levels, 10 000 block indents).
/// </para>
/// <para>
/// Events: marks are byte offsets into the input (BOM included) with 0-based line and column.
/// Scalar values are never null (an empty node is <c>""</c>, plain, implicit). Tags are resolved
/// (<c>!!str</c> gives <c>tag:yaml.org,2002:str</c>; a lone <c>!</c> stays <c>!</c>). An implicit
/// document start has <see cref="YamlEvent.Implicit"/> true (go-yaml leaves it false; nothing in
/// decode.go reads it). <see cref="YamlEventKind.TailComment"/> never occurs: go-yaml v3.0.4
/// never sets its tail comment. Comments as go-yaml reads them, CRLF quirk included (a comment
/// line ended by CRLF is followed by what go-yaml takes for an empty line).
/// </para>
/// <para>
/// Where go-yaml v3 is wrong, this port follows YAML 1.2 as the yaml-test-suite has it, only on
/// input go-yaml refuses or misreads: it refuses the invalid documents go-yaml accepts, and reads
/// the valid ones go-yaml refuses (tests/Formats.Tests/Yaml/Parsing/SuiteDeviations.tsv lists the
/// two cases kept as go-yaml reads them). Each such place says so in a comment.
/// </para>
/// </summary>
internal sealed partial class YamlParser
{
    private readonly YamlScanner _scanner;
    private YamlParserState _state;
    private readonly List<YamlParserState> _states = [];
    private readonly List<YamlMark> _marks = [];
    private readonly List<KeyValuePair<string, string>> _tagDirectives = [];

    // Pending comments (go-yaml's parser.head_comment etc.), built up without quadratic copying.
    private readonly StringBuilder _headComment = new();
    private readonly StringBuilder _lineComment = new();
    private readonly StringBuilder _footComment = new();
    private string? _tailComment;
    private string? _stemComment;
    private bool _lastDocumentEndExplicit;

    /// <summary>
    /// Starts parsing <paramref name="input"/> (UTF-8, optionally with a BOM): in place when zero
    /// padding follows it (<see cref="Stores.InputBytes"/>; it must not change while parsed), else a copy.
    /// </summary>
    public YamlParser(ReadOnlyMemory<byte> input)
    {
        _scanner = new YamlScanner(input);
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

                AppendComment(_headComment, comment.Head);
            }

            if (comment.Foot is { Length: > 0 })
            {
                AppendComment(_footComment, comment.Foot);
            }

            if (comment.Line is { Length: > 0 })
            {
                AppendComment(_lineComment, comment.Line);
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

        // Parse extra document end indicators. go-yaml does this only after a document; YAML 1.2
        // (9.2) also allows them before the first, and a bare document after a '...'.
        while (token.Kind == YamlTokenKind.DocumentEnd)
        {
            SkipToken();
            token = ref Peek();
            implicitAllowed = true;
        }

        implicitAllowed |= _lastDocumentEndExplicit;

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
            if (_headComment.Length > 0)
            {
                string head = _headComment.ToString();
                for (int i = head.Length - 1; i > 0; i--)
                {
                    if (head[i] == '\n')
                    {
                        if (i == head.Length - 1)
                        {
                            headComment = head[..i];
                            _headComment.Clear().Append(head, i + 1, head.Length - i - 1);
                            break;
                        }

                        if (head[i - 1] == '\n')
                        {
                            headComment = head[..(i - 1)];
                            _headComment.Clear().Append(head, i + 1, head.Length - i - 1);
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
        else if (token.Kind is YamlTokenKind.VersionDirective or YamlTokenKind.TagDirective)
        {
            // YAML 1.2 (9.2): directives after a document need its '...' first; go-yaml lets them through.
            throw Error("did not find expected <document end> before directives", token.Start);
        }

        _tagDirectives.Clear();
        _lastDocumentEndExplicit = !isImplicit;
        _state = YamlParserState.DocumentStart;
        string? head = Take(_headComment);
        string? line = Take(_lineComment);
        string? foot = Take(_footComment);
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
        string? head = Take(_headComment);
        string? line = Take(_lineComment);
        string? foot = Take(_footComment);
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
            Value = e.Utf8 is null ? e.Value : null,
            Utf8 = e.Utf8,
            Utf8Owned = e.Utf8Owned,
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
        _headComment.Clear();
        _lineComment.Clear();
        _footComment.Clear();
        _tailComment = null;
        _stemComment = null;
    }

    private static void AppendComment(StringBuilder pending, string text)
    {
        if (pending.Length > 0)
        {
            pending.Append('\n');
        }

        pending.Append(text);
    }

    private static string? Take(StringBuilder pending) => pending.Length == 0 ? null : pending.ToString();

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

namespace Crypt.Formats.Yaml.Parsing;

/// <summary>
/// go-yaml v3.0.4 parserc.go: nodes (<c>yaml_parser_parse_node</c>) and the block and flow
/// collection states, with the stem-comment split that gives a nested collection in a sequence
/// item the comment written after its '-'.
/// </summary>
internal sealed partial class YamlParser
{
    private YamlEvent ParseNode(bool block, bool indentlessSequence)
    {
        ref YamlToken token = ref Peek();
        if (token.Kind == YamlTokenKind.Alias)
        {
            _state = PopState();
            YamlEvent alias = WithComments(new YamlEvent { Kind = YamlEventKind.Alias, Start = token.Start, End = token.End, Anchor = token.Value });
            SkipToken();
            return alias;
        }

        YamlMark start = token.Start;
        YamlMark end = token.Start;
        YamlMark tagMark = default;
        bool tagToken = false;
        string? tagHandle = null;
        string? tagSuffix = null;
        string? anchor = null;
        if (token.Kind == YamlTokenKind.Anchor)
        {
            anchor = token.Value;
            end = token.End;
            SkipToken();
            token = ref Peek();
            if (token.Kind == YamlTokenKind.Tag)
            {
                tagToken = true;
                tagHandle = token.Value;
                tagSuffix = token.Suffix;
                tagMark = token.Start;
                end = token.End;
                SkipToken();
                token = ref Peek();
            }
        }
        else if (token.Kind == YamlTokenKind.Tag)
        {
            tagToken = true;
            tagHandle = token.Value;
            tagSuffix = token.Suffix;
            tagMark = token.Start;
            end = token.End;
            SkipToken();
            token = ref Peek();
            if (token.Kind == YamlTokenKind.Anchor)
            {
                anchor = token.Value;
                end = token.End;
                SkipToken();
                token = ref Peek();
            }
        }

        string? tag = null;
        if (tagToken)
        {
            if (string.IsNullOrEmpty(tagHandle))
            {
                tag = tagSuffix;
            }
            else
            {
                foreach (KeyValuePair<string, string> directive in _tagDirectives)
                {
                    if (directive.Key == tagHandle)
                    {
                        tag = directive.Value + tagSuffix;
                        break;
                    }
                }

                if (string.IsNullOrEmpty(tag))
                {
                    throw Error("found undefined tag handle", tagMark);
                }
            }
        }

        tag = NullIfEmpty(tag);
        bool isImplicit = tag is null;
        if (indentlessSequence && token.Kind == YamlTokenKind.BlockEntry)
        {
            _state = YamlParserState.IndentlessSequenceEntry;
            return new YamlEvent
            {
                Kind = YamlEventKind.SequenceStart,
                Start = start,
                End = token.End,
                Anchor = anchor,
                Tag = tag,
                Implicit = isImplicit,
                Style = YamlEventStyle.Block,
            };
        }

        if (token.Kind == YamlTokenKind.Scalar)
        {
            bool plainImplicit = false;
            bool quotedImplicit = false;
            if ((tag is null && token.Style == YamlEventStyle.Plain) || tag == "!")
            {
                plainImplicit = true;
            }
            else if (tag is null)
            {
                quotedImplicit = true;
            }

            _state = PopState();
            YamlEvent scalar = WithComments(new YamlEvent
            {
                Kind = YamlEventKind.Scalar,
                Start = start,
                End = token.End,
                Anchor = anchor,
                Tag = tag,
                Value = token.Value,
                Utf8 = token.Utf8,
                Utf8Owned = token.Utf8Owned,
                Implicit = plainImplicit,
                QuotedImplicit = quotedImplicit,
                Style = token.Style,
            });
            SkipToken();
            return scalar;
        }

        if (token.Kind is YamlTokenKind.FlowSequenceStart or YamlTokenKind.FlowMappingStart)
        {
            bool sequence = token.Kind == YamlTokenKind.FlowSequenceStart;
            _state = sequence ? YamlParserState.FlowSequenceFirstEntry : YamlParserState.FlowMappingFirstKey;
            return WithComments(new YamlEvent
            {
                Kind = sequence ? YamlEventKind.SequenceStart : YamlEventKind.MappingStart,
                Start = start,
                End = token.End,
                Anchor = anchor,
                Tag = tag,
                Implicit = isImplicit,
                Style = YamlEventStyle.Flow,
            });
        }

        if (block && token.Kind is YamlTokenKind.BlockSequenceStart or YamlTokenKind.BlockMappingStart)
        {
            bool sequence = token.Kind == YamlTokenKind.BlockSequenceStart;
            _state = sequence ? YamlParserState.BlockSequenceFirstEntry : YamlParserState.BlockMappingFirstKey;
            string? stem = _stemComment;
            _stemComment = null;
            return new YamlEvent
            {
                Kind = sequence ? YamlEventKind.SequenceStart : YamlEventKind.MappingStart,
                Start = start,
                End = token.End,
                Anchor = anchor,
                Tag = tag,
                Implicit = isImplicit,
                Style = YamlEventStyle.Block,
                HeadComment = NullIfEmpty(stem),
            };
        }

        if (anchor is not null || tag is not null)
        {
            // An empty node with properties.
            _state = PopState();
            return new YamlEvent
            {
                Kind = YamlEventKind.Scalar,
                Start = start,
                End = end,
                Anchor = anchor,
                Tag = tag,
                Value = string.Empty,
                Implicit = isImplicit,
                Style = YamlEventStyle.Plain,
            };
        }

        throw Error("did not find expected node content", token.Start);
    }

    private YamlEvent ParseBlockSequenceEntry(bool first)
    {
        if (first)
        {
            OpenCollection();
        }

        ref YamlToken token = ref Peek();
        if (token.Kind == YamlTokenKind.BlockEntry)
        {
            YamlMark mark = token.End;
            int priorHeadLength = _headComment.Length;
            SkipToken();
            SplitStemComment(priorHeadLength);
            token = ref Peek();
            if (token.Kind is not (YamlTokenKind.BlockEntry or YamlTokenKind.BlockEnd))
            {
                _states.Add(YamlParserState.BlockSequenceEntry);
                return ParseNode(block: true, indentlessSequence: false);
            }

            _state = YamlParserState.BlockSequenceEntry;
            return EmptyScalar(mark);
        }

        if (token.Kind == YamlTokenKind.BlockEnd)
        {
            _state = PopState();
            _marks.RemoveAt(_marks.Count - 1);
            YamlEvent e = new() { Kind = YamlEventKind.SequenceEnd, Start = token.Start, End = token.End };
            SkipToken();
            return e;
        }

        PopMark();
        throw Error("did not find expected '-' indicator", token.Start);
    }

    private YamlEvent ParseIndentlessSequenceEntry()
    {
        ref YamlToken token = ref Peek();
        if (token.Kind == YamlTokenKind.BlockEntry)
        {
            YamlMark mark = token.End;
            int priorHeadLength = _headComment.Length;
            SkipToken();
            SplitStemComment(priorHeadLength);
            token = ref Peek();
            if (token.Kind is not (YamlTokenKind.BlockEntry or YamlTokenKind.Key or YamlTokenKind.Value or YamlTokenKind.BlockEnd))
            {
                _states.Add(YamlParserState.IndentlessSequenceEntry);
                return ParseNode(block: true, indentlessSequence: false);
            }

            _state = YamlParserState.IndentlessSequenceEntry;
            return EmptyScalar(mark);
        }

        _state = PopState();
        return new YamlEvent { Kind = YamlEventKind.SequenceEnd, Start = token.Start, End = token.Start };
    }

    // Every collection's first entry state (go-yaml: "if first { token := peek_token(parser);
    // parser.marks = append(parser.marks, token.start_mark); skip_token(parser) }").
    private void OpenCollection()
    {
        ref YamlToken startToken = ref Peek();
        _marks.Add(startToken.Start);
        SkipToken();
    }

    /// <summary>
    /// go-yaml parserc.go <c>yaml_parser_split_stem_comment</c>: when a sequence item holds a block
    /// collection, the head comment gathered before its '-' goes to that collection, the rest to its first entry.
    /// </summary>
    private void SplitStemComment(int stemLength)
    {
        if (stemLength == 0)
        {
            return;
        }

        ref YamlToken token = ref Peek();
        if (token.Kind is not (YamlTokenKind.BlockSequenceStart or YamlTokenKind.BlockMappingStart))
        {
            return;
        }

        string head = _headComment.ToString();
        _stemComment = head[..stemLength];
        _headComment.Clear();
        if (head.Length > stemLength)
        {
            _headComment.Append(head, stemLength + 1, head.Length - stemLength - 1);
        }
    }

    private YamlEvent ParseBlockMappingKey(bool first)
    {
        if (first)
        {
            OpenCollection();
        }

        ref YamlToken token = ref Peek();

        // go-yaml v3.0.4 never sets a tail comment; kept for its TAIL-COMMENT event.
        if (_tailComment is { Length: > 0 })
        {
            YamlEvent tail = new() { Kind = YamlEventKind.TailComment, Start = token.Start, End = token.End, FootComment = _tailComment };
            _tailComment = null;
            return tail;
        }

        if (token.Kind == YamlTokenKind.Key)
        {
            YamlMark mark = token.End;
            SkipToken();
            token = ref Peek();
            if (token.Kind is not (YamlTokenKind.Key or YamlTokenKind.Value or YamlTokenKind.BlockEnd))
            {
                _states.Add(YamlParserState.BlockMappingValue);
                return ParseNode(block: true, indentlessSequence: true);
            }

            _state = YamlParserState.BlockMappingValue;
            return EmptyScalar(mark);
        }

        if (token.Kind == YamlTokenKind.BlockEnd)
        {
            _state = PopState();
            _marks.RemoveAt(_marks.Count - 1);
            YamlEvent e = WithComments(new YamlEvent { Kind = YamlEventKind.MappingEnd, Start = token.Start, End = token.End });
            SkipToken();
            return e;
        }

        if (token.Kind == YamlTokenKind.Value)
        {
            // YAML 1.2 (8.2.2): ': value' with no key has an empty key; go-yaml refuses it.
            _state = YamlParserState.BlockMappingValue;
            return EmptyScalar(token.Start);
        }

        PopMark();
        throw Error("did not find expected key", token.Start);
    }

    private YamlEvent ParseBlockMappingValue()
    {
        ref YamlToken token = ref Peek();
        if (token.Kind == YamlTokenKind.Value)
        {
            YamlMark mark = token.End;
            SkipToken();
            token = ref Peek();
            if (token.Kind is not (YamlTokenKind.Key or YamlTokenKind.Value or YamlTokenKind.BlockEnd))
            {
                _states.Add(YamlParserState.BlockMappingKey);
                return ParseNode(block: true, indentlessSequence: true);
            }

            _state = YamlParserState.BlockMappingKey;
            return EmptyScalar(mark);
        }

        _state = YamlParserState.BlockMappingKey;
        return EmptyScalar(token.Start);
    }

    private YamlEvent ParseFlowSequenceEntry(bool first)
    {
        if (first)
        {
            OpenCollection();
        }

        ref YamlToken token = ref Peek();
        if (token.Kind != YamlTokenKind.FlowSequenceEnd)
        {
            if (!first)
            {
                if (token.Kind != YamlTokenKind.FlowEntry)
                {
                    PopMark();
                    throw Error("did not find expected ',' or ']'", token.Start);
                }

                SkipToken();
                token = ref Peek();
            }

            if (token.Kind is YamlTokenKind.Key or YamlTokenKind.Value)
            {
                // A single-pair mapping inside the sequence (YAML 1.2 7.4.1: its key may be empty, ': x').
                _state = YamlParserState.FlowSequenceEntryMappingKey;
                YamlEvent e = new() { Kind = YamlEventKind.MappingStart, Start = token.Start, End = token.End, Implicit = true, Style = YamlEventStyle.Flow };
                if (token.Kind == YamlTokenKind.Key)
                {
                    SkipToken();
                }

                return e;
            }

            if (token.Kind != YamlTokenKind.FlowSequenceEnd)
            {
                _states.Add(YamlParserState.FlowSequenceEntry);
                return ParseNode(block: false, indentlessSequence: false);
            }
        }

        _state = PopState();
        _marks.RemoveAt(_marks.Count - 1);
        YamlEvent end = WithComments(new YamlEvent { Kind = YamlEventKind.SequenceEnd, Start = token.Start, End = token.End });
        SkipToken();
        return end;
    }

    private YamlEvent ParseFlowSequenceEntryMappingKey()
    {
        ref YamlToken token = ref Peek();
        if (token.Kind is not (YamlTokenKind.Value or YamlTokenKind.FlowEntry or YamlTokenKind.FlowSequenceEnd))
        {
            _states.Add(YamlParserState.FlowSequenceEntryMappingValue);
            return ParseNode(block: false, indentlessSequence: false);
        }

        // go-yaml skips the token here, losing a ':' after an empty key ('[? : x]'); libyaml 0.2 keeps it.
        _state = YamlParserState.FlowSequenceEntryMappingValue;
        return EmptyScalar(token.Start);
    }

    private YamlEvent ParseFlowSequenceEntryMappingValue()
    {
        ref YamlToken token = ref Peek();
        if (token.Kind == YamlTokenKind.Value)
        {
            SkipToken();
            token = ref Peek();
            if (token.Kind is not (YamlTokenKind.FlowEntry or YamlTokenKind.FlowSequenceEnd))
            {
                _states.Add(YamlParserState.FlowSequenceEntryMappingEnd);
                return ParseNode(block: false, indentlessSequence: false);
            }
        }

        _state = YamlParserState.FlowSequenceEntryMappingEnd;
        return EmptyScalar(token.Start);
    }

    private YamlEvent ParseFlowSequenceEntryMappingEnd()
    {
        ref YamlToken token = ref Peek();
        _state = YamlParserState.FlowSequenceEntry;
        return new YamlEvent { Kind = YamlEventKind.MappingEnd, Start = token.Start, End = token.Start };
    }

    private YamlEvent ParseFlowMappingKey(bool first)
    {
        if (first)
        {
            OpenCollection();
        }

        ref YamlToken token = ref Peek();
        if (token.Kind != YamlTokenKind.FlowMappingEnd)
        {
            if (!first)
            {
                if (token.Kind != YamlTokenKind.FlowEntry)
                {
                    PopMark();
                    throw Error("did not find expected ',' or '}'", token.Start);
                }

                SkipToken();
                token = ref Peek();
            }

            if (token.Kind == YamlTokenKind.Key)
            {
                SkipToken();
                token = ref Peek();
                if (token.Kind is not (YamlTokenKind.Value or YamlTokenKind.FlowEntry or YamlTokenKind.FlowMappingEnd))
                {
                    _states.Add(YamlParserState.FlowMappingValue);
                    return ParseNode(block: false, indentlessSequence: false);
                }

                _state = YamlParserState.FlowMappingValue;
                return EmptyScalar(token.Start);
            }

            if (token.Kind == YamlTokenKind.Value)
            {
                // YAML 1.2 (7.4.1): ': value' with no key has an empty key; go-yaml refuses it.
                _state = YamlParserState.FlowMappingValue;
                return EmptyScalar(token.Start);
            }

            if (token.Kind != YamlTokenKind.FlowMappingEnd)
            {
                _states.Add(YamlParserState.FlowMappingEmptyValue);
                return ParseNode(block: false, indentlessSequence: false);
            }
        }

        _state = PopState();
        _marks.RemoveAt(_marks.Count - 1);
        YamlEvent end = WithComments(new YamlEvent { Kind = YamlEventKind.MappingEnd, Start = token.Start, End = token.End });
        SkipToken();
        return end;
    }

    private YamlEvent ParseFlowMappingValue(bool empty)
    {
        ref YamlToken token = ref Peek();
        if (empty)
        {
            _state = YamlParserState.FlowMappingKey;
            return EmptyScalar(token.Start);
        }

        if (token.Kind == YamlTokenKind.Value)
        {
            SkipToken();
            token = ref Peek();
            if (token.Kind is not (YamlTokenKind.FlowEntry or YamlTokenKind.FlowMappingEnd))
            {
                _states.Add(YamlParserState.FlowMappingKey);
                return ParseNode(block: false, indentlessSequence: false);
            }
        }

        _state = YamlParserState.FlowMappingKey;
        return EmptyScalar(token.Start);
    }
}

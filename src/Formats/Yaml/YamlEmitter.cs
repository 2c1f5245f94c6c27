using System.Text;

namespace Crypt.Formats.Yaml;

/// <summary>
/// A port of go-yaml v3's emitter (<c>emitterc.go</c>, libyaml-derived state machine) for the
/// events SOPS produces: block and flow collections, plain/quoted/literal/folded scalars,
/// head/line/foot/tail comments. Unicode on, no line wrapping (best_width = -1), LF breaks,
/// no anchors or tags. Kept close to the original so byte output matches sops; the function
/// and field names follow it. This is a ported state machine, hence the length.
/// </summary>
internal sealed partial class YamlEmitter
{
    private enum State
    {
        StreamStart,
        FirstDocumentStart,
        DocumentStart,
        DocumentContent,
        DocumentEnd,
        FlowSequenceFirstItem,
        FlowSequenceTrailItem,
        FlowSequenceItem,
        FlowMappingFirstKey,
        FlowMappingTrailKey,
        FlowMappingKey,
        FlowMappingSimpleValue,
        FlowMappingValue,
        BlockSequenceFirstItem,
        BlockSequenceItem,
        BlockMappingFirstKey,
        BlockMappingKey,
        BlockMappingSimpleValue,
        BlockMappingValue,
        End,
    }

    private const int BestWidth = int.MaxValue;

    private byte[] _buf = new byte[FlushBytes + 4096];
    private int _len;

    // Where Emit writes; set while it runs.
    private Stream? _output;
    private readonly int _bestIndent;
    private readonly List<State> _states = [];
    private readonly List<int> _indents = [];
    private const int FlushBytes = 64 * 1024;
    private YamlEmitEvent? _next;
    private State _state = State.StreamStart;
    private int _indent;
    private int _flowLevel;
    private bool _simpleKeyContext;
    private int _column;
    private bool _whitespace;
    private bool _indention;
    private int _footIndent;

    private byte[] _headComment = [];
    private byte[] _lineComment = [];
    private byte[] _footComment = [];
    private byte[] _tailComment = [];
    private byte[] _keyLineComment = [];

    private ScalarData _scalar;

    public YamlEmitter(int indent)
    {
        _bestIndent = indent is < 2 or > 9 ? 2 : indent;
    }

    private void AnalyzeEvent(YamlEmitEvent ev)
    {
        if (!string.IsNullOrEmpty(ev.Head))
        {
            // Deviation from go-yaml (emitterc.go yaml_emitter_analyze_event), which replaces a
            // head comment not yet written: a block sequence's head is written only at its first
            // item, so when that item has a head comment too (sops appendSequence gives the
            // sequence the comments before its first item, and the item those of its own first
            // key: a list item's line comment after decrypt), go-yaml drops the sequence's.
            // Both are kept, the sequence's first, as they were read.
            byte[] head = Encoding.UTF8.GetBytes(ev.Head);
            _headComment = _headComment.Length == 0 ? head : [.. _headComment, (byte)'\n', .. head];
        }

        if (!string.IsNullOrEmpty(ev.Line))
        {
            _lineComment = Encoding.UTF8.GetBytes(ev.Line);
        }

        if (!string.IsNullOrEmpty(ev.Foot))
        {
            _footComment = Encoding.UTF8.GetBytes(ev.Foot);
        }

        if (!string.IsNullOrEmpty(ev.Tail))
        {
            _tailComment = Encoding.UTF8.GetBytes(ev.Tail);
        }

        if (ev.Type == YamlEmitEventType.Scalar)
        {
            AnalyzeScalar(ev.Utf8 ?? Encoding.UTF8.GetBytes(ev.Value ?? string.Empty));
            if (ev.Pieces is { } pieces)
            {
                _scalar.Pieces = pieces;
                _scalar.Length = pieces.Chunk.Utf8Length(pieces.Span);
            }
        }
    }

    private void StateMachine(YamlEmitEvent ev)
    {
        switch (_state)
        {
            case State.StreamStart: EmitStreamStart(ev); break;
            case State.FirstDocumentStart: EmitDocumentStart(ev, true); break;
            case State.DocumentStart: EmitDocumentStart(ev, false); break;
            case State.DocumentContent: EmitDocumentContent(ev); break;
            case State.DocumentEnd: EmitDocumentEnd(ev); break;
            case State.FlowSequenceFirstItem: EmitFlowSequenceItem(ev, true, false); break;
            case State.FlowSequenceTrailItem: EmitFlowSequenceItem(ev, false, true); break;
            case State.FlowSequenceItem: EmitFlowSequenceItem(ev, false, false); break;
            case State.FlowMappingFirstKey: EmitFlowMappingKey(ev, true, false); break;
            case State.FlowMappingTrailKey: EmitFlowMappingKey(ev, false, true); break;
            case State.FlowMappingKey: EmitFlowMappingKey(ev, false, false); break;
            case State.FlowMappingSimpleValue: EmitFlowMappingValue(ev, true); break;
            case State.FlowMappingValue: EmitFlowMappingValue(ev, false); break;
            case State.BlockSequenceFirstItem: EmitBlockSequenceItem(ev, true); break;
            case State.BlockSequenceItem: EmitBlockSequenceItem(ev, false); break;
            case State.BlockMappingFirstKey: EmitBlockMappingKey(ev, true); break;
            case State.BlockMappingKey: EmitBlockMappingKey(ev, false); break;
            case State.BlockMappingSimpleValue: EmitBlockMappingValue(ev, true); break;
            case State.BlockMappingValue: EmitBlockMappingValue(ev, false); break;
            default: throw new InvalidOperationException("YAML emitter: event after stream end");
        }
    }

    private void Push(State s) => _states.Add(s);

    private State Pop()
    {
        State s = _states[^1];
        _states.RemoveAt(_states.Count - 1);
        return s;
    }

    private void PopIndent()
    {
        _indent = _indents[^1];
        _indents.RemoveAt(_indents.Count - 1);
    }

    private void EmitStreamStart(YamlEmitEvent ev)
    {
        Expect(ev, YamlEmitEventType.StreamStart);
        _indent = -1;
        _column = 0;
        _whitespace = true;
        _indention = true;
        _footIndent = -1;
        _state = State.FirstDocumentStart;
    }

    private void EmitDocumentStart(YamlEmitEvent ev, bool first)
    {
        if (ev.Type == YamlEmitEventType.DocumentStart)
        {
            bool implicitStart = ev.Implicit && first;
            if (!implicitStart)
            {
                WriteIndent();
                WriteIndicator("---"u8, true, false, false);
                WriteIndent();
            }

            if (_headComment.Length > 0)
            {
                ProcessHeadComment();
                PutBreak();
            }

            _state = State.DocumentContent;
            return;
        }

        // go-yaml's encoder.finish() clears open_ended before STREAM-END, so no "..." is written.
        Expect(ev, YamlEmitEventType.StreamEnd);
        _state = State.End;
    }

    private void EmitDocumentContent(YamlEmitEvent ev)
    {
        Push(State.DocumentEnd);
        ProcessHeadComment();
        EmitNode(ev, root: true, sequence: false, mapping: false, simpleKey: false);
        ProcessLineComment(false);
        ProcessFootComment();
    }

    private void EmitDocumentEnd(YamlEmitEvent ev)
    {
        Expect(ev, YamlEmitEventType.DocumentEnd);
        // [Go] Force document foot separation.
        _footIndent = 0;
        ProcessFootComment();
        _footIndent = -1;
        WriteIndent();
        _state = State.DocumentStart;
    }

    private void EmitFlowSequenceItem(YamlEmitEvent ev, bool first, bool trail)
    {
        if (first)
        {
            WriteIndicator("["u8, true, true, false);
            IncreaseIndent(true, false, false);
            _flowLevel++;
        }

        if (ev.Type == YamlEmitEventType.SequenceEnd)
        {
            _flowLevel--;
            PopIndent();
            if (_column == 0)
            {
                WriteIndent();
            }

            WriteIndicator("]"u8, false, false, false);
            ProcessLineComment(false);
            ProcessFootComment();
            _state = Pop();
            return;
        }

        if (!first && !trail)
        {
            WriteIndicator(","u8, false, false, false);
        }

        ProcessHeadComment();
        if (_column == 0)
        {
            WriteIndent();
        }

        bool hasTrail = _lineComment.Length + _footComment.Length + _tailComment.Length > 0;
        Push(hasTrail ? State.FlowSequenceTrailItem : State.FlowSequenceItem);
        EmitNode(ev, false, true, false, false);
        if (_lineComment.Length + _footComment.Length + _tailComment.Length > 0)
        {
            WriteIndicator(","u8, false, false, false);
        }

        ProcessLineComment(false);
        ProcessFootComment();
    }

    private void EmitFlowMappingKey(YamlEmitEvent ev, bool first, bool trail)
    {
        if (first)
        {
            WriteIndicator("{"u8, true, true, false);
            IncreaseIndent(true, false, false);
            _flowLevel++;
        }

        if (ev.Type == YamlEmitEventType.MappingEnd)
        {
            if (_headComment.Length + _footComment.Length + _tailComment.Length > 0 && !first && !trail)
            {
                WriteIndicator(","u8, false, false, false);
            }

            ProcessHeadComment();
            _flowLevel--;
            PopIndent();
            WriteIndicator("}"u8, false, false, false);
            ProcessLineComment(false);
            ProcessFootComment();
            _state = Pop();
            return;
        }

        if (!first && !trail)
        {
            WriteIndicator(","u8, false, false, false);
        }

        ProcessHeadComment();
        if (_column == 0)
        {
            WriteIndent();
        }

        if (CheckSimpleKey(ev))
        {
            Push(State.FlowMappingSimpleValue);
            EmitNode(ev, false, false, true, true);
            return;
        }

        WriteIndicator("?"u8, true, false, false);
        Push(State.FlowMappingValue);
        EmitNode(ev, false, false, true, false);
    }

    private void EmitFlowMappingValue(YamlEmitEvent ev, bool simple)
    {
        WriteIndicator(":"u8, !simple, false, false);
        bool hasTrail = _lineComment.Length + _footComment.Length + _tailComment.Length > 0;
        Push(hasTrail ? State.FlowMappingTrailKey : State.FlowMappingKey);
        EmitNode(ev, false, false, true, false);
        if (_lineComment.Length + _footComment.Length + _tailComment.Length > 0)
        {
            WriteIndicator(","u8, false, false, false);
        }

        ProcessLineComment(false);
        ProcessFootComment();
    }

    private void EmitBlockSequenceItem(YamlEmitEvent ev, bool first)
    {
        if (first)
        {
            // sops does not set CompactSeqIndent, so "- " is never part of the indentation.
            IncreaseIndent(false, false, false);
        }

        if (ev.Type == YamlEmitEventType.SequenceEnd)
        {
            PopIndent();
            _state = Pop();
            return;
        }

        ProcessHeadComment();
        WriteIndent();
        WriteIndicator("-"u8, true, false, true);
        Push(State.BlockSequenceItem);
        EmitNode(ev, false, true, false, false);
        ProcessLineComment(false);
        ProcessFootComment();
    }

    private void EmitBlockMappingKey(YamlEmitEvent ev, bool first)
    {
        if (first)
        {
            IncreaseIndent(false, false, false);
        }

        ProcessHeadComment();
        if (ev.Type == YamlEmitEventType.MappingEnd)
        {
            PopIndent();
            _state = Pop();
            return;
        }

        WriteIndent();
        if (_lineComment.Length > 0)
        {
            // [Go] A line comment on a key is rendered later, with the value.
            _keyLineComment = _lineComment;
            _lineComment = [];
        }

        if (CheckSimpleKey(ev))
        {
            Push(State.BlockMappingSimpleValue);
            EmitNode(ev, false, false, true, true);
            return;
        }

        WriteIndicator("?"u8, true, false, true);
        Push(State.BlockMappingValue);
        EmitNode(ev, false, false, true, false);
    }

    private void EmitBlockMappingValue(YamlEmitEvent ev, bool simple)
    {
        if (simple)
        {
            WriteIndicator(":"u8, false, false, false);
        }
        else
        {
            WriteIndent();
            WriteIndicator(":"u8, true, false, true);
        }

        if (_keyLineComment.Length > 0)
        {
            if (ev.Type == YamlEmitEventType.Scalar)
            {
                if (_lineComment.Length == 0)
                {
                    _lineComment = _keyLineComment;
                    _keyLineComment = [];
                }
            }
            else if (!ev.Flow && ev.Type is YamlEmitEventType.MappingStart or YamlEmitEventType.SequenceStart)
            {
                (_lineComment, _keyLineComment) = (_keyLineComment, _lineComment);
                ProcessLineComment(false);
                (_lineComment, _keyLineComment) = (_keyLineComment, _lineComment);
            }
        }

        Push(State.BlockMappingKey);
        EmitNode(ev, false, false, true, false);
        ProcessLineComment(false);
        ProcessFootComment();
    }

    private void EmitNode(YamlEmitEvent ev, bool root, bool sequence, bool mapping, bool simpleKey)
    {
        _simpleKeyContext = simpleKey;
        switch (ev.Type)
        {
            case YamlEmitEventType.Scalar:
                EmitScalar(ev);
                break;
            case YamlEmitEventType.SequenceStart:
                _state = _flowLevel > 0 || ev.Flow || IsEmptyCollection(YamlEmitEventType.SequenceEnd)
                    ? State.FlowSequenceFirstItem
                    : State.BlockSequenceFirstItem;
                break;
            case YamlEmitEventType.MappingStart:
                _state = _flowLevel > 0 || ev.Flow || IsEmptyCollection(YamlEmitEventType.MappingEnd)
                    ? State.FlowMappingFirstKey
                    : State.BlockMappingFirstKey;
                break;
            default:
                throw new InvalidOperationException($"YAML emitter: expected a node, got {ev.Type}");
        }
    }

    private bool IsEmptyCollection(YamlEmitEventType end) => _next?.Type == end;

    private void EmitScalar(YamlEmitEvent ev)
    {
        SelectScalarStyle(ev);
        ProcessTag(ev.Tag);
        IncreaseIndent(true, false, false);
        ProcessScalar();
        PopIndent();
        _state = Pop();
    }

    // emitterc.go yaml_emitter_process_tag / write_tag_handle, for a "!!x" tag (handle and suffix together).
    private void ProcessTag(string? tag)
    {
        if (tag is null)
        {
            return;
        }

        if (!_whitespace)
        {
            Put((byte)' ');
        }

        foreach (char c in tag)
        {
            Put((byte)c);
        }

        _whitespace = false;
        _indention = false;
    }

    private bool CheckSimpleKey(YamlEmitEvent ev)
    {
        switch (ev.Type)
        {
            case YamlEmitEventType.Scalar:
                return !_scalar.Multiline && (ev.Tag?.Length ?? 0) + _scalar.Length <= 128;
            case YamlEmitEventType.SequenceStart:
                return IsEmptyCollection(YamlEmitEventType.SequenceEnd);
            case YamlEmitEventType.MappingStart:
                return IsEmptyCollection(YamlEmitEventType.MappingEnd);
            default:
                return false;
        }
    }

    private void IncreaseIndent(bool flow, bool indentless, bool compactSeq)
    {
        _indents.Add(_indent);
        if (_indent < 0)
        {
            _indent = flow ? _bestIndent : 0;
        }
        else if (!indentless)
        {
            if (_states.Count > 0 && _states[^1] == State.BlockSequenceItem)
            {
                // The first indent inside a sequence just skips the "- " indicator.
                _indent += 2;
            }
            else
            {
                // Everything else aligns to the chosen indentation.
                _indent = _bestIndent * ((_indent + _bestIndent) / _bestIndent);
                if (compactSeq)
                {
                    _indent -= 2;
                }
            }
        }
    }

    private static void Expect(YamlEmitEvent ev, YamlEmitEventType type)
    {
        if (ev.Type != type)
        {
            throw new InvalidOperationException($"YAML emitter: expected {type}, got {ev.Type}");
        }
    }
}

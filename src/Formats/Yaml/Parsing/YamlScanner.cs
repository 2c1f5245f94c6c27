using System.Runtime.CompilerServices;
using Crypt.Crypto.Errors;
using Crypt.Formats.Stores;
using static Crypt.Formats.Yaml.Parsing.YamlChars;

namespace Crypt.Formats.Yaml.Parsing;

/// <summary>
/// A port of go-yaml v3.0.4's scanner (scannerc.go, with readerc.go's input checks): turns UTF-8
/// bytes into tokens and, as go-yaml does, records comments with the marks that tell the parser
/// which token each belongs to. Positions are byte offsets (go-yaml counts characters; only
/// differences between marks matter to its logic, and both agree on lines and columns).
/// This file holds the input primitives, the token queue and the token dispatcher; the other
/// parts hold indentation and simple keys, the fetchers, whitespace, scalars, comments, and
/// directives/tags/anchors.
/// </summary>
internal sealed partial class YamlScanner
{
    /// <summary>go-yaml scannerc.go <c>max_flow_level</c>.</summary>
    private const int MaxFlowLevel = 10000;

    /// <summary>go-yaml scannerc.go <c>max_indents</c>.</summary>
    private const int MaxIndents = 10000;

    // Zero bytes after the input: go-yaml's reader pads its buffer with NULs at the end of input.
    private const int Padding = InputBytes.Padding;

    private readonly byte[] _buf;
    private readonly int _end;
    private readonly int _start;
    private int _pos;
    private int _line;
    private int _column;
    private int _newlines;

    private bool _streamStartProduced;
    private bool _streamEndProduced;
    private int _flowLevel;
    private bool[] _flowMappings = new bool[8];

    private YamlToken[] _tokens = new YamlToken[16];
    private int _tokensCount;
    private int _tokensHead;
    private int _tokensParsed;
    private bool _tokenAvailable;

    private int _indent;
    private int[] _indents = new int[16];
    private int _indentsCount;

    private bool _simpleKeyAllowed;
    private long _tabSeparatedTokenStart = -1;
    private YamlSimpleKey[] _simpleKeys = new YamlSimpleKey[8];
    private int _simpleKeysCount;
    private readonly Dictionary<int, int> _simpleKeysByToken = [];

    private YamlComment[] _comments = new YamlComment[8];
    private int _commentsCount;

    private readonly Utf8Builder _text = new();
    private readonly Utf8Builder _leadingBreak = new();
    private readonly Utf8Builder _trailingBreaks = new();
    private readonly Utf8Builder _whitespaces = new();

    public YamlScanner(ReadOnlyMemory<byte> input)
    {
        YamlInputCheck.Validate(input.Span);

        // Positions are indexes into _buf; only their differences and _start/_end matter, so the
        // caller's array is scanned where it stands when zeros follow the input (a large file is
        // then held once, not twice); otherwise a padded copy.
        if (InputBytes.IsPadded(input, out byte[] array, out int offset))
        {
            _buf = array;
            _pos = offset;
        }
        else
        {
            _buf = new byte[input.Length + Padding];
            input.Span.CopyTo(_buf);
        }

        _end = _pos + input.Length;

        // go-yaml readerc.go yaml_parser_determine_encoding: a leading UTF-8 BOM is not part of the stream.
        if (input.Length >= 3 && IsBom(_buf, _pos))
        {
            _pos += 3;
        }

        _start = _pos;
    }

    /// <summary>Comments found so far and not yet handed to an event (go-yaml's <c>parser.comments</c> from <c>comments_head</c>).</summary>
    internal int CommentsHead { get; set; }

    internal int CommentsCount => _commentsCount;

    internal ref YamlComment CommentAt(int index) => ref _comments[index];

    private YamlMark Mark
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(_pos, _line, _column);
    }

    /// <summary>go-yaml parserc.go <c>peek_token</c> (without the comment unfolding, which the parser does).</summary>
    internal ref YamlToken Peek()
    {
        if (!_tokenAvailable)
        {
            FetchMoreTokens();
        }

        return ref _tokens[_tokensHead];
    }

    /// <summary>go-yaml parserc.go <c>skip_token</c>.</summary>
    internal void SkipToken()
    {
        _tokenAvailable = false;
        _tokensParsed++;
        _streamEndProduced = _tokens[_tokensHead].Kind == YamlTokenKind.StreamEnd;
        _tokensHead++;
    }

    internal bool StreamEndProduced => _streamEndProduced;

    private static CryptFormatException Error(string problem, YamlMark mark) =>
        new(problem, null, mark.Line + 1, mark.Column + 1);

    // go-yaml yaml_parser_set_scanner_error: the problem is reported at the current position.
    private CryptFormatException ScannerError(string problem) => Error(problem, Mark);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Skip()
    {
        byte c = _buf[_pos];
        if (c != ' ' && c != '\t')
        {
            _newlines = 0;
        }

        _column++;
        _pos += Width(c);
    }

    private void SkipLine()
    {
        if (IsCrLf(_buf, _pos))
        {
            _pos += 2;
            _column = 0;
            _line++;
            _newlines++;
        }
        else if (IsBreak(_buf, _pos))
        {
            _pos += Width(_buf[_pos]);
            _column = 0;
            _line++;
            _newlines++;
        }
    }

    /// <summary>go-yaml scannerc.go <c>read</c>: copies one character into <paramref name="s"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Read(Utf8Builder s)
    {
        byte c = _buf[_pos];
        if (c != ' ' && c != '\t')
        {
            _newlines = 0;
        }

        // From the input as it is: consecutive characters make a view of it, not a copy.
        int w = c < 0x80 ? 1 : Width(c);
        s.AppendFrom(_buf, _pos, w);
        _pos += w;
        _column++;
    }

    /// <summary>
    /// The size hint for a scalar's builder (<see cref="Utf8Builder.Clear(int)"/>): the input
    /// left, and a little more, so the reader can keep a long value's array as it is, with the
    /// room for its encrypted parts after it (PlaintextLeaves).
    /// </summary>
    private int ScalarSizeHint => _end - _pos + 64;

    /// <summary>go-yaml scannerc.go <c>read_line</c>: a CR, LF, CRLF or NEL becomes LF; LS and PS are kept.</summary>
    private void ReadLine(Utf8Builder s)
    {
        byte c = _buf[_pos];
        if (c == '\r' && _buf[_pos + 1] == '\n')
        {
            s.Append((byte)'\n');
            _pos += 2;
        }
        else if (c == '\r' || c == '\n')
        {
            s.Append((byte)'\n');
            _pos++;
        }
        else if (c == 0xC2 && _buf[_pos + 1] == 0x85)
        {
            s.Append((byte)'\n');
            _pos += 2;
        }
        else if (c == 0xE2 && _buf[_pos + 1] == 0x80 && (_buf[_pos + 2] == 0xA8 || _buf[_pos + 2] == 0xA9))
        {
            s.Append(_buf.AsSpan(_pos, 3));
            _pos += 3;
        }
        else
        {
            return;
        }

        _column = 0;
        _line++;
        _newlines++;
    }

    private ref YamlToken LastToken => ref _tokens[_tokensCount - 1];

    /// <summary>go-yaml apic.go <c>yaml_insert_token</c>: appends, or inserts <paramref name="pos"/> tokens after the queue head.</summary>
    private void InsertToken(int pos, in YamlToken token)
    {
        if (_tokensHead > 0 && _tokensCount == _tokens.Length)
        {
            Array.Copy(_tokens, _tokensHead, _tokens, 0, _tokensCount - _tokensHead);
            Array.Clear(_tokens, _tokensCount - _tokensHead, _tokensHead);
            _tokensCount -= _tokensHead;
            _tokensHead = 0;
        }

        if (_tokensCount == _tokens.Length)
        {
            Array.Resize(ref _tokens, _tokens.Length * 2);
        }

        if (pos < 0)
        {
            _tokens[_tokensCount++] = token;
            return;
        }

        int at = _tokensHead + pos;
        Array.Copy(_tokens, at, _tokens, at + 1, _tokensCount - at);
        _tokensCount++;
        _tokens[at] = token;
    }

    private void AddToken(YamlTokenKind kind, YamlMark start, YamlMark end) =>
        InsertToken(-1, new YamlToken { Kind = kind, Start = start, End = end });

    private void AddComment(in YamlComment comment)
    {
        // Once the parser has taken every comment, the consumed entries (go-yaml zeroes them) can go.
        if (CommentsHead == _commentsCount && _commentsCount > 0)
        {
            Array.Clear(_comments, 0, _commentsCount);
            _commentsCount = 0;
            CommentsHead = 0;
        }

        if (_commentsCount == _comments.Length)
        {
            Array.Resize(ref _comments, _comments.Length * 2);
        }

        _comments[_commentsCount++] = comment;
    }

    /// <summary>go-yaml scannerc.go <c>yaml_parser_fetch_more_tokens</c>.</summary>
    private void FetchMoreTokens()
    {
        while (true)
        {
            // go-yaml keeps two tokens of lookahead so foot and line comments can still be moved.
            if (_tokensHead < _tokensCount - 2)
            {
                if (!_simpleKeysByToken.TryGetValue(_tokensParsed, out int index) || index >= _simpleKeysCount)
                {
                    break;
                }

                if (!SimpleKeyIsValid(ref _simpleKeys[index], index))
                {
                    break;
                }
            }

            // Nothing follows STREAM-END (go-yaml would queue another one).
            if (_tokensCount > 0 && LastToken.Kind == YamlTokenKind.StreamEnd)
            {
                break;
            }

            FetchNextToken();
        }

        _tokenAvailable = true;
    }

    /// <summary>go-yaml scannerc.go <c>yaml_parser_fetch_next_token</c>.</summary>
    private void FetchNextToken()
    {
        if (!_streamStartProduced)
        {
            FetchStreamStart();
            return;
        }

        YamlMark scanMark = Mark;
        ScanToNextToken();
        UnrollIndent(_column, scanMark);

        byte[] buf = _buf;
        int pos = _pos;
        byte c = buf[pos];

        if (c == 0 && pos >= _end)
        {
            FetchStreamEnd();
            return;
        }

        if (_column == 0)
        {
            if (c == '%')
            {
                FetchDirective();
                return;
            }

            if (c == '-' && buf[pos + 1] == '-' && buf[pos + 2] == '-' && IsBlankZ(buf, pos + 3))
            {
                FetchDocumentIndicator(YamlTokenKind.DocumentStart);
                return;
            }

            if (c == '.' && buf[pos + 1] == '.' && buf[pos + 2] == '.' && IsBlankZ(buf, pos + 3))
            {
                FetchDocumentIndicator(YamlTokenKind.DocumentEnd);
                return;
            }
        }

        YamlMark commentMark = Mark;
        if (_tokensCount > 0 && ((_flowLevel == 0 && c == ':') || (_flowLevel > 0 && c == ',')))
        {
            // Comments after a ':' or ',' go with the token before it.
            commentMark = LastToken.Start;
        }

        FetchToken(c);

        // Sequence indicators alone have no line comments: it becomes a head comment for what follows.
        if (_tokensCount > 0 && LastToken.Kind == YamlTokenKind.BlockEntry)
        {
            return;
        }

        ScanLineComment(commentMark);
    }

    private void FetchToken(byte c)
    {
        byte[] buf = _buf;
        int pos = _pos;
        switch (c)
        {
            case (byte)'[':
                FetchFlowCollectionStart(YamlTokenKind.FlowSequenceStart);
                return;
            case (byte)'{':
                FetchFlowCollectionStart(YamlTokenKind.FlowMappingStart);
                return;
            case (byte)']':
                FetchFlowCollectionEnd(YamlTokenKind.FlowSequenceEnd);
                return;
            case (byte)'}':
                FetchFlowCollectionEnd(YamlTokenKind.FlowMappingEnd);
                return;
            case (byte)',':
                FetchFlowEntry();
                return;
            case (byte)'-' when IsBlankZ(buf, pos + 1):
                FetchBlockEntry();
                return;
            case (byte)'?' when IsBlankZ(buf, pos + 1) || (_flowLevel > 0 && IsFlowIndicator(buf[pos + 1])):
                FetchKey();
                return;
            case (byte)':' when IsBlankZ(buf, pos + 1) || (_flowLevel > 0 && (IsFlowIndicator(buf[pos + 1]) || FollowsJsonNode())):
                FetchValue();
                return;
            case (byte)'*':
                FetchAnchor(YamlTokenKind.Alias);
                return;
            case (byte)'&':
                FetchAnchor(YamlTokenKind.Anchor);
                return;
            case (byte)'!':
                FetchTag();
                return;
            case (byte)'|' when _flowLevel == 0:
                FetchBlockScalar(literal: true);
                return;
            case (byte)'>' when _flowLevel == 0:
                FetchBlockScalar(literal: false);
                return;
            case (byte)'\'':
                FetchFlowScalar(single: true);
                return;
            case (byte)'"':
                FetchFlowScalar(single: false);
                return;
            default:
                break;
        }

        // A plain scalar starts with any non-blank that is not an indicator, or with '-', '?' or ':'
        // followed by a non-space ('?' and ':' only in block context, as go-yaml has it).
        bool indicator = IsBlankZ(buf, pos) || c is (byte)'-' or (byte)'?' or (byte)':' or (byte)',' or (byte)'[' or (byte)']'
            or (byte)'{' or (byte)'}' or (byte)'#' or (byte)'&' or (byte)'*' or (byte)'!' or (byte)'|' or (byte)'>'
            or (byte)'\'' or (byte)'"' or (byte)'%' or (byte)'@' or (byte)'`';
        if (!indicator
            || (c == '-' && !IsBlank(buf[pos + 1]) && !(_flowLevel > 0 && IsFlowIndicator(buf[pos + 1])))
            || ((c == '?' || c == ':') && !IsBlankZ(buf, pos + 1)))
        {
            FetchPlainScalar();
            return;
        }

        throw ScannerError("found character that cannot start any token");
    }

    /// <summary>
    /// YAML 1.2 (7.4.2): in flow context ':' right after a quoted scalar or a flow collection is a
    /// value indicator even without a space ('{"a":b}', also on a later line); elsewhere ':x' starts a plain scalar,
    /// where go-yaml always takes ':' (and '?') in flow context as an indicator.
    /// </summary>
    private bool FollowsJsonNode()
    {
        if (_tokensCount == 0)
        {
            return false;
        }

        ref YamlToken last = ref LastToken;
        return ((last.Kind == YamlTokenKind.Scalar && last.Style is YamlEventStyle.SingleQuoted or YamlEventStyle.DoubleQuoted)
                || last.Kind is YamlTokenKind.FlowSequenceEnd or YamlTokenKind.FlowMappingEnd);
    }

    private static bool IsFlowIndicator(byte c) => c is (byte)',' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}';
}


using System.Runtime.CompilerServices;
using Crypt.Crypto.Errors;
using static Crypt.Formats.Yaml.Parsing.YamlChars;

namespace Crypt.Formats.Yaml.Parsing;

/// <summary>
/// A port of go-yaml v3.0.4's scanner (scannerc.go, with readerc.go's input checks): turns UTF-8
/// bytes into tokens and, as go-yaml does, records comments with the marks that tell the parser
/// which token each belongs to. Positions are byte offsets (go-yaml counts characters; only
/// differences between marks matter to its logic, and both agree on lines and columns).
/// This file holds the token queue, simple keys, indentation and the token dispatcher; scalars,
/// comments and directives/tags/anchors are in the other parts.
/// </summary>
internal sealed partial class YamlScanner
{
    /// <summary>go-yaml scannerc.go <c>max_flow_level</c>.</summary>
    private const int MaxFlowLevel = 10000;

    /// <summary>go-yaml scannerc.go <c>max_indents</c>.</summary>
    private const int MaxIndents = 10000;

    // Zero bytes after the input: go-yaml's reader pads its buffer with NULs at the end of input.
    private const int Padding = 16;

    private readonly byte[] _buf;
    private readonly int _end;
    private int _pos;
    private int _line;
    private int _column;
    private int _newlines;

    private bool _streamStartProduced;
    private bool _streamEndProduced;
    private int _flowLevel;

    private YamlToken[] _tokens = new YamlToken[16];
    private int _tokensCount;
    private int _tokensHead;
    private int _tokensParsed;
    private bool _tokenAvailable;

    private int _indent;
    private int[] _indents = new int[16];
    private int _indentsCount;

    private bool _simpleKeyAllowed;
    private YamlSimpleKey[] _simpleKeys = new YamlSimpleKey[8];
    private int _simpleKeysCount;
    private readonly Dictionary<int, int> _simpleKeysByToken = [];

    private YamlComment[] _comments = new YamlComment[8];
    private int _commentsCount;

    private readonly Utf8Builder _text = new();
    private readonly Utf8Builder _leadingBreak = new();
    private readonly Utf8Builder _trailingBreaks = new();
    private readonly Utf8Builder _whitespaces = new();

    public YamlScanner(ReadOnlySpan<byte> input)
    {
        YamlInputCheck.Validate(input);
        _buf = new byte[input.Length + Padding];
        input.CopyTo(_buf);
        _end = input.Length;

        // go-yaml readerc.go yaml_parser_determine_encoding: a leading UTF-8 BOM is not part of the stream.
        if (input.Length >= 3 && IsBom(_buf, 0))
        {
            _pos = 3;
        }
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

        if (c < 0x80)
        {
            s.Append(c);
            _pos++;
        }
        else
        {
            int w = Width(c);
            s.Append(_buf.AsSpan(_pos, w));
            _pos += w;
        }

        _column++;
    }

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

                if (!SimpleKeyIsValid(ref _simpleKeys[index]))
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
            case (byte)'?' when _flowLevel > 0 || IsBlankZ(buf, pos + 1):
                FetchKey();
                return;
            case (byte)':' when _flowLevel > 0 || IsBlankZ(buf, pos + 1):
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
            || (c == '-' && !IsBlank(buf[pos + 1]))
            || (_flowLevel == 0 && (c == '?' || c == ':') && !IsBlankZ(buf, pos + 1)))
        {
            FetchPlainScalar();
            return;
        }

        throw ScannerError("found character that cannot start any token");
    }

    /// <summary>go-yaml scannerc.go <c>yaml_simple_key_is_valid</c>; throws when a required key is gone.</summary>
    private bool SimpleKeyIsValid(ref YamlSimpleKey key)
    {
        if (!key.Possible)
        {
            return false;
        }

        // A simple key is one line and at most 1024 characters; on one line, columns count characters.
        if (key.Mark.Line < _line || key.Mark.Column + 1024 < _column)
        {
            if (key.Required)
            {
                throw Error("could not find expected ':'", Mark);
            }

            key.Possible = false;
            return false;
        }

        return true;
    }

    private void SaveSimpleKey()
    {
        // A simple key is required where the block context's indentation starts it.
        bool required = _flowLevel == 0 && _indent == _column;
        if (_simpleKeyAllowed)
        {
            YamlSimpleKey key = new()
            {
                Possible = true,
                Required = required,
                TokenNumber = _tokensParsed + (_tokensCount - _tokensHead),
                Mark = Mark,
            };
            RemoveSimpleKey();
            _simpleKeys[_simpleKeysCount - 1] = key;
            _simpleKeysByToken[key.TokenNumber] = _simpleKeysCount - 1;
        }
    }

    private void RemoveSimpleKey()
    {
        ref YamlSimpleKey key = ref _simpleKeys[_simpleKeysCount - 1];
        if (key.Possible)
        {
            if (key.Required)
            {
                throw Error("could not find expected ':'", Mark);
            }

            key.Possible = false;
            _simpleKeysByToken.Remove(key.TokenNumber);
        }
    }

    private void PushSimpleKey(in YamlSimpleKey key)
    {
        if (_simpleKeysCount == _simpleKeys.Length)
        {
            Array.Resize(ref _simpleKeys, _simpleKeys.Length * 2);
        }

        _simpleKeys[_simpleKeysCount++] = key;
    }

    private void IncreaseFlowLevel()
    {
        PushSimpleKey(new YamlSimpleKey { TokenNumber = _tokensParsed + (_tokensCount - _tokensHead), Mark = Mark });
        _flowLevel++;
        if (_flowLevel > MaxFlowLevel)
        {
            throw ScannerError($"exceeded max depth of {MaxFlowLevel}");
        }
    }

    private void DecreaseFlowLevel()
    {
        if (_flowLevel > 0)
        {
            _flowLevel--;
            _simpleKeysCount--;
            _simpleKeysByToken.Remove(_simpleKeys[_simpleKeysCount].TokenNumber);
            _simpleKeys[_simpleKeysCount] = default;
        }
    }

    /// <summary>go-yaml scannerc.go <c>yaml_parser_roll_indent</c>: opens a block collection at <paramref name="column"/>.</summary>
    private void RollIndent(int column, int number, YamlTokenKind kind, YamlMark mark)
    {
        if (_flowLevel > 0)
        {
            return;
        }

        if (_indent < column)
        {
            if (_indentsCount == _indents.Length)
            {
                Array.Resize(ref _indents, _indents.Length * 2);
            }

            _indents[_indentsCount++] = _indent;
            _indent = column;
            if (_indentsCount > MaxIndents)
            {
                throw ScannerError($"exceeded max depth of {MaxIndents}");
            }

            YamlToken token = new() { Kind = kind, Start = mark, End = mark };
            if (number > -1)
            {
                number -= _tokensParsed;
            }

            InsertToken(number, token);
        }
    }

    /// <summary>
    /// go-yaml scannerc.go <c>yaml_parser_unroll_indent</c>: closes block collections deeper than
    /// <paramref name="column"/>. A BLOCK-END goes before the comments that sit one column inside the
    /// closed level, so they become foot comments of what is inside.
    /// </summary>
    private void UnrollIndent(int column, YamlMark scanMark)
    {
        if (_flowLevel > 0)
        {
            return;
        }

        YamlMark blockMark = scanMark with { Index = scanMark.Index - 1 };
        while (_indent > column)
        {
            long stopIndex = blockMark.Index;
            for (int i = _commentsCount - 1; i >= 0; i--)
            {
                ref YamlComment comment = ref _comments[i];
                if (comment.EndMark.Index < stopIndex)
                {
                    break;
                }

                if (comment.StartMark.Column == _indent + 1)
                {
                    // This is a good match: the comment starts one column inside the closed level.
                    blockMark = comment.StartMark;
                }

                stopIndex = comment.ScanMark.Index;
            }

            AddToken(YamlTokenKind.BlockEnd, blockMark, blockMark);
            _indent = _indents[--_indentsCount];
        }
    }

    private void FetchStreamStart()
    {
        _indent = -1;
        PushSimpleKey(default);
        _simpleKeyAllowed = true;
        _streamStartProduced = true;
        YamlMark mark = Mark;
        AddToken(YamlTokenKind.StreamStart, mark, mark);
    }

    private void FetchStreamEnd()
    {
        // Force a new line.
        if (_column != 0)
        {
            _column = 0;
            _line++;
        }

        UnrollIndent(-1, Mark);
        RemoveSimpleKey();
        _simpleKeyAllowed = false;
        YamlMark mark = Mark;
        AddToken(YamlTokenKind.StreamEnd, mark, mark);
    }

    private void FetchDirective()
    {
        UnrollIndent(-1, Mark);
        RemoveSimpleKey();
        _simpleKeyAllowed = false;
        YamlToken token = ScanDirective();
        if (token.Kind != YamlTokenKind.None)
        {
            InsertToken(-1, token);
        }
    }

    private void FetchDocumentIndicator(YamlTokenKind kind)
    {
        UnrollIndent(-1, Mark);
        RemoveSimpleKey();
        _simpleKeyAllowed = false;
        YamlMark start = Mark;
        Skip();
        Skip();
        Skip();
        AddToken(kind, start, Mark);
    }

    private void FetchFlowCollectionStart(YamlTokenKind kind)
    {
        SaveSimpleKey();
        IncreaseFlowLevel();
        _simpleKeyAllowed = true;
        YamlMark start = Mark;
        Skip();
        AddToken(kind, start, Mark);
    }

    private void FetchFlowCollectionEnd(YamlTokenKind kind)
    {
        RemoveSimpleKey();
        DecreaseFlowLevel();
        _simpleKeyAllowed = false;
        YamlMark start = Mark;
        Skip();
        AddToken(kind, start, Mark);
    }

    private void FetchFlowEntry()
    {
        RemoveSimpleKey();
        _simpleKeyAllowed = true;
        YamlMark start = Mark;
        Skip();
        AddToken(YamlTokenKind.FlowEntry, start, Mark);
    }

    private void FetchBlockEntry()
    {
        if (_flowLevel == 0)
        {
            if (!_simpleKeyAllowed)
            {
                throw ScannerError("block sequence entries are not allowed in this context");
            }

            RollIndent(_column, -1, YamlTokenKind.BlockSequenceStart, Mark);
        }

        RemoveSimpleKey();
        _simpleKeyAllowed = true;
        YamlMark start = Mark;
        Skip();
        AddToken(YamlTokenKind.BlockEntry, start, Mark);
    }

    private void FetchKey()
    {
        if (_flowLevel == 0)
        {
            if (!_simpleKeyAllowed)
            {
                throw ScannerError("mapping keys are not allowed in this context");
            }

            RollIndent(_column, -1, YamlTokenKind.BlockMappingStart, Mark);
        }

        RemoveSimpleKey();
        _simpleKeyAllowed = _flowLevel == 0;
        YamlMark start = Mark;
        Skip();
        AddToken(YamlTokenKind.Key, start, Mark);
    }

    private void FetchValue()
    {
        ref YamlSimpleKey key = ref _simpleKeys[_simpleKeysCount - 1];
        if (SimpleKeyIsValid(ref key))
        {
            // The saved simple key becomes a KEY token (and may open a block mapping) before it.
            InsertToken(key.TokenNumber - _tokensParsed, new YamlToken { Kind = YamlTokenKind.Key, Start = key.Mark, End = key.Mark });
            RollIndent((int)key.Mark.Column, key.TokenNumber, YamlTokenKind.BlockMappingStart, key.Mark);
            key.Possible = false;
            _simpleKeysByToken.Remove(key.TokenNumber);
            _simpleKeyAllowed = false;
        }
        else
        {
            if (_flowLevel == 0)
            {
                if (!_simpleKeyAllowed)
                {
                    throw ScannerError("mapping values are not allowed in this context");
                }

                RollIndent(_column, -1, YamlTokenKind.BlockMappingStart, Mark);
            }

            _simpleKeyAllowed = _flowLevel == 0;
        }

        YamlMark start = Mark;
        Skip();
        AddToken(YamlTokenKind.Value, start, Mark);
    }

    private void FetchAnchor(YamlTokenKind kind)
    {
        SaveSimpleKey();
        _simpleKeyAllowed = false;
        InsertToken(-1, ScanAnchor(kind));
    }

    private void FetchTag()
    {
        SaveSimpleKey();
        _simpleKeyAllowed = false;
        InsertToken(-1, ScanTag());
    }

    private void FetchBlockScalar(bool literal)
    {
        RemoveSimpleKey();
        _simpleKeyAllowed = true;
        InsertToken(-1, ScanBlockScalar(literal));
    }

    private void FetchFlowScalar(bool single)
    {
        SaveSimpleKey();
        _simpleKeyAllowed = false;
        InsertToken(-1, ScanFlowScalar(single));
    }

    private void FetchPlainScalar()
    {
        SaveSimpleKey();
        _simpleKeyAllowed = false;
        InsertToken(-1, ScanPlainScalar());
    }

    /// <summary>go-yaml scannerc.go <c>yaml_parser_scan_to_next_token</c>: skips blanks, breaks and comments.</summary>
    private void ScanToNextToken()
    {
        YamlMark scanMark = Mark;
        byte[] buf = _buf;
        while (true)
        {
            // A BOM at the start of a line is skipped.
            if (_column == 0 && IsBom(buf, _pos))
            {
                Skip();
            }

            // Tabs are allowed in flow context and where no simple key may start (after '-', '?', ':').
            while (buf[_pos] == ' ' || ((_flowLevel > 0 || !_simpleKeyAllowed) && buf[_pos] == '\t'))
            {
                Skip();
            }

            // go-yaml: a line comment right after '- ' on a sequence start is the head comment of what follows.
            if (_commentsCount > 0 && _tokensCount > 1)
            {
                ref YamlToken tokenA = ref _tokens[_tokensCount - 2];
                ref YamlToken tokenB = ref _tokens[_tokensCount - 1];
                ref YamlComment comment = ref _comments[_commentsCount - 1];
                if (tokenA.Kind == YamlTokenKind.BlockSequenceStart && tokenB.Kind == YamlTokenKind.BlockEntry
                    && comment.Line is { Length: > 0 } && !IsBreak(buf, _pos))
                {
                    comment.Head = comment.Line;
                    comment.Line = null;
                    if (comment.StartMark.Line == _line - 1)
                    {
                        comment.TokenMark = Mark;
                    }
                }
            }

            if (buf[_pos] == '#')
            {
                ScanComments(scanMark);
            }

            if (IsBreak(buf, _pos))
            {
                SkipLine();
                if (_flowLevel == 0)
                {
                    _simpleKeyAllowed = true;
                }
            }
            else
            {
                break;
            }
        }
    }
}

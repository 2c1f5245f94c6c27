namespace Crypt.Formats.Yaml.Parsing;

/// <summary>
/// go-yaml v3.0.4's simple keys, flow levels and block indentation (scannerc.go
/// <c>yaml_parser_save_simple_key</c>, <c>yaml_parser_roll_indent</c>, <c>yaml_parser_unroll_indent</c>):
/// where an implicit key may start, and the BLOCK-*-START and BLOCK-END tokens.
/// </summary>
internal sealed partial class YamlScanner
{
    /// <summary>go-yaml scannerc.go <c>yaml_simple_key_is_valid</c>; throws when a required key is gone.</summary>
    private bool SimpleKeyIsValid(ref YamlSimpleKey key, int level)
    {
        if (!key.Possible)
        {
            return false;
        }

        // A simple key is one line and at most 1024 characters; on one line, columns count characters.
        // YAML 1.2 (7.4): in a flow mapping a key may go on to later lines before its ':'; go-yaml
        // refuses that, so such keys only stay possible within 1024 bytes.
        bool tooFar = key.Mark.Line < _line
            ? !(level > 0 && _flowMappings[level]) || key.Mark.Index + 1024 < _pos
            : key.Mark.Column + 1024 < _column;
        if (tooFar)
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

    private void IncreaseFlowLevel(bool mapping)
    {
        PushSimpleKey(new YamlSimpleKey { TokenNumber = _tokensParsed + (_tokensCount - _tokensHead), Mark = Mark });
        _flowLevel++;
        if (_flowLevel >= _flowMappings.Length)
        {
            Array.Resize(ref _flowMappings, _flowMappings.Length * 2);
        }

        _flowMappings[_flowLevel] = mapping;
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
            if (mark.Index == _tabSeparatedTokenStart)
            {
                // A tab may separate, but a block collection needs its indentation in spaces (YAML 1.2 6.1).
                throw Error("found a tab character that violates indentation", mark);
            }

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
        Dictionary<long, YamlMark>? endBefore = null;
        while (_indent > column)
        {
            // go-yaml walks the comments back from the last one, through those scanned in one run
            // (each ends where the next run began), and takes the earliest that starts one column
            // inside the closed level (see CommentRunStarts for where this port differs). The run
            // does not depend on the level, so it is walked once per unroll instead of once per
            // level (go-yaml's walk is quadratic on deep dedents).
            if (_commentsCount > 0 && _comments[_commentsCount - 1].EndMark.Index >= blockMark.Index)
            {
                endBefore ??= CommentRunStarts();
                if (endBefore.TryGetValue(_indent + 1, out YamlMark start))
                {
                    blockMark = start;
                }
            }

            AddToken(YamlTokenKind.BlockEnd, blockMark, blockMark);
            _indent = _indents[--_indentsCount];
        }
    }

    /// <summary>
    /// For the last run of comments, where a BLOCK-END closing the level one column left of each
    /// comment column goes: before the earliest comment at that column (go-yaml), or before the
    /// last of the comments at that column that directly follow it when the earliest one is
    /// already given to what follows it (see below).
    /// </summary>
    private Dictionary<long, YamlMark> CommentRunStarts()
    {
        Dictionary<long, int> earliest = [];
        long stopIndex = long.MinValue;
        for (int i = _commentsCount - 1; i >= 0; i--)
        {
            ref YamlComment comment = ref _comments[i];
            if (comment.EndMark.Index < stopIndex)
            {
                break;
            }

            earliest[comment.StartMark.Column] = i;
            stopIndex = comment.ScanMark.Index;
        }

        Dictionary<long, YamlMark> starts = new(earliest.Count);
        foreach ((long column, int first) in earliest)
        {
            // Deviation from go-yaml (scannerc.go yaml_parser_unroll_indent): go-yaml puts the
            // BLOCK-END before the earliest comment at the closed level's column, so only that
            // comment becomes the level's foot; a later comment block at the same column, after
            // a blank line, goes to the next token and so one or more levels up (sops then
            // writes it there). When the earliest one was dedented (given to what follows it,
            // token mark = its start), the BLOCK-END goes before the last of the comments at that
            // column that follow it, so they are the closed level's foot together. When the
            // earliest one is a foot of the token before it, go-yaml's reading is kept: sops's
            // own round trip keeps such a later block one level up (grafana-promtail-values.yaml
            // in the corpus), and crypt writes what sops writes there.
            int last = first;
            if (_comments[first].TokenMark.Index == _comments[first].StartMark.Index)
            {
                while (last + 1 < _commentsCount && _comments[last + 1].StartMark.Column == column)
                {
                    last++;
                }
            }

            starts[column] = _comments[last].StartMark;
        }

        return starts;
    }
}

namespace Crypt.Formats.Yaml.Parsing;

/// <summary>
/// go-yaml v3.0.4's token fetchers (scannerc.go <c>yaml_parser_fetch_*</c>): each updates the
/// simple-key and indentation state for its token and queues it.
/// </summary>
internal sealed partial class YamlScanner
{
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
        if (kind == YamlTokenKind.DocumentEnd && !RestOfLineIsBlank() && _buf[_pos + BlanksAhead()] != '#')
        {
            // YAML 1.2 (9.1.4): only a comment may follow '...' on its line; go-yaml takes what follows.
            throw ScannerError("found content after a document end marker");
        }

        AddToken(kind, start, Mark);
    }

    private void FetchFlowCollectionStart(YamlTokenKind kind)
    {
        SaveSimpleKey();
        IncreaseFlowLevel(kind == YamlTokenKind.FlowMappingStart);
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
        if (SimpleKeyIsValid(ref key, _simpleKeysCount - 1))
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
}

using static Crypt.Formats.Yaml.Parsing.YamlChars;

namespace Crypt.Formats.Yaml.Parsing;

/// <summary>
/// go-yaml v3.0.4's skipping between tokens (scannerc.go <c>yaml_parser_scan_to_next_token</c>),
/// with the YAML 1.2 rules for tabs and flow continuation lines that go-yaml does not check.
/// </summary>
internal sealed partial class YamlScanner
{
    /// <summary>go-yaml scannerc.go <c>yaml_parser_scan_to_next_token</c>: skips blanks, breaks and comments.</summary>
    private void ScanToNextToken()
    {
        YamlMark scanMark = Mark;
        byte[] buf = _buf;
        int lineStart = -1;
        while (true)
        {
            // A BOM at the start of a line is skipped.
            if (_column == 0 && IsBom(buf, _pos))
            {
                Skip();
            }

            // Tabs are allowed in flow context and where no simple key may start (after '-', '?', ':').
            while (buf[_pos] == ' ' || (buf[_pos] == '\t' && (_flowLevel > 0 || !_simpleKeyAllowed || TabIsSeparation())))
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
                lineStart = _pos;
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

        if (lineStart >= 0 && _flowLevel > 0 && buf[_pos] is not ((byte)']' or (byte)'}' or 0))
        {
            CheckFlowLineIndent(lineStart);
        }
    }

    /// <summary>
    /// YAML 1.2 (6.1, 6.2): a tab is never indentation but may separate: on a line with nothing
    /// else but a comment, after a token on the same line ('key:\tvalue', '-\tx'), or before a
    /// top-level flow collection. go-yaml refuses these tabs wherever a simple key may start.
    /// </summary>
    private bool TabIsSeparation()
    {
        byte[] buf = _buf;
        if (RestOfLineIsBlank() || buf[_pos + BlanksAhead()] == '#')
        {
            return true;
        }

        int back = _pos - 1;
        while (back >= _start && IsBlank(buf[back]))
        {
            back--;
        }

        // After a token on the line, or after more spaces of indentation than the block needs;
        // what follows may then not open a block collection (see RollIndent).
        bool afterToken = back >= _start && buf[back] is not ((byte)'\n' or (byte)'\r' or 0x85 or 0xA8 or 0xA9);
        if (afterToken || _pos - (back + 1) > _indent)
        {
            _tabSeparatedTokenStart = _pos + BlanksAhead();
            return true;
        }

        byte next = buf[_pos + BlanksAhead()];
        return _indent < 0 && (next == '[' || next == '{');
    }

    private int BlanksAhead()
    {
        int n = 0;
        while (IsBlank(_buf[_pos + n]))
        {
            n++;
        }

        return n;
    }

    /// <summary>Only blanks from here to the end of the line.</summary>
    private bool RestOfLineIsBlank() => IsBreakZ(_buf, _pos + BlanksAhead());

    /// <summary>
    /// YAML 1.2 (7.1, 7.3): a flow collection or quoted scalar that goes on to more lines in block
    /// context has those lines indented (with spaces) more than the block collection around it.
    /// go-yaml accepts them at any indentation; a closing bracket or quote alone is still let through.
    /// </summary>
    private void CheckFlowLineIndent(int lineStart)
    {
        int spaces = 0;
        while (_buf[lineStart + spaces] == ' ')
        {
            spaces++;
        }

        if (spaces <= _indent)
        {
            throw ScannerError("found a flow continuation line indented less than its block");
        }
    }
}

using static Crypt.Formats.Yaml.Parsing.YamlChars;

namespace Crypt.Formats.Yaml.Parsing;

/// <summary>
/// go-yaml v3.0.4's comment scanning (scannerc.go <c>yaml_parser_scan_line_comment</c> and
/// <c>yaml_parser_scan_comments</c>), ported as written, quirks included: which token a comment
/// goes with is decided here by marks, and the parser hands it to the event of that token.
/// </summary>
internal sealed partial class YamlScanner
{
    private readonly Utf8Builder _commentText = new();

    /// <summary>
    /// YAML 1.2 (6.6): a comment is separated from what precedes it on its line by white space.
    /// go-yaml accepts <c>"value"# text</c>, <c>]# text</c> and <c>&gt;# text</c>; this port refuses them.
    /// </summary>
    private void CheckCommentSeparated(int at)
    {
        byte[] buf = _buf;
        if (at <= _start)
        {
            return;
        }

        byte before = buf[at - 1];
        bool separated = before is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r'
            || (at - 2 >= _start && buf[at - 2] == 0xC2 && before == 0x85)
            || (at - 3 >= _start && buf[at - 3] == 0xE2 && buf[at - 2] == 0x80 && before is 0xA8 or 0xA9)
            || (at - 3 >= 0 && IsBom(buf, at - 3));
        if (!separated)
        {
            throw Error("found a comment without white space before it", new YamlMark(at, _line, _column + (at - _pos)));
        }
    }

    /// <summary>Whether <paramref name="column"/> is the indentation of a block enclosing the current one.</summary>
    private bool IsEnclosingIndent(long column)
    {
        if (column < 0 || column >= _indent)
        {
            return false;
        }

        for (int i = _indentsCount - 1; i >= 0 && _indents[i] >= column; i--)
        {
            if (_indents[i] == column)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A comment on the rest of the line after a token (go-yaml's line comment).</summary>
    private void ScanLineComment(YamlMark tokenMark)
    {
        if (_newlines > 0)
        {
            return;
        }

        byte[] buf = _buf;
        YamlMark start = default;
        Utf8Builder text = _commentText;
        text.Clear();
        for (int peek = 0; peek < 512; peek++)
        {
            if (IsBlank(buf[_pos + peek]))
            {
                continue;
            }

            if (buf[_pos + peek] == '#')
            {
                int seen = _pos + peek;
                CheckCommentSeparated(seen);
                while (true)
                {
                    if (IsBreakZ(buf, _pos))
                    {
                        if (_pos >= seen || buf[_pos] == 0)
                        {
                            break;
                        }

                        SkipLine();
                    }
                    else if (_pos >= seen)
                    {
                        if (text.Length == 0)
                        {
                            start = Mark;
                        }

                        Read(text);
                    }
                    else
                    {
                        Skip();
                    }
                }
            }

            break;
        }

        if (text.Length > 0)
        {
            AddComment(new YamlComment { TokenMark = tokenMark, StartMark = start, Line = text.ToString() });
        }
    }

    /// <summary>
    /// Comment lines between tokens: each run becomes a foot comment of the token before (when it
    /// ends at a dedent, a blank line, or a closing bracket) or a head comment of the token after.
    /// </summary>
    private void ScanComments(YamlMark scanMark)
    {
        byte[] buf = _buf;
        ref YamlToken last = ref _tokens[_tokensCount - 1];
        if (last.Kind == YamlTokenKind.FlowEntry && _tokensCount > 1)
        {
            last = ref _tokens[_tokensCount - 2];
        }

        YamlTokenKind tokenKind = last.Kind;
        YamlMark tokenMark = last.Start;
        YamlMark startMark = default;
        int nextIndent = Math.Max(_indent, 0);

        bool recentEmpty = false;
        bool firstEmpty = _newlines <= 1;
        CheckCommentSeparated(_pos);

        int line = _line;
        int column = _column;

        Utf8Builder text = _commentText;
        text.Clear();

        // The line where a comment would be a foot comment of the token before it.
        long footLine = -1;
        if (scanMark.Line > 0)
        {
            footLine = _line - _newlines + 1;
            if (_newlines == 0 && _column > 1)
            {
                footLine++;
            }
        }

        int peek = 0;
        for (; peek < 512; peek++)
        {
            column++;
            byte c = buf[_pos + peek];
            if (IsBlank(c))
            {
                continue;
            }

            bool closeFlow = _flowLevel > 0 && (c == ']' || c == '}');
            if (closeFlow || IsBreakZ(buf, _pos + peek))
            {
                // Got line break or terminator.
                if (closeFlow || !recentEmpty)
                {
                    if (closeFlow || (firstEmpty && ((startMark.Line == footLine && tokenKind != YamlTokenKind.Value) || startMark.Column - 1 < nextIndent)))
                    {
                        // The first empty line after a comment ends a foot comment.
                        if (text.Length > 0)
                        {
                            if (startMark.Column - 1 < nextIndent)
                            {
                                // The comment is at a lower indentation: it belongs with what comes next.
                                tokenMark = startMark;
                            }

                            YamlMark end = new(_pos + peek, line, column);
                            AddComment(new YamlComment { ScanMark = scanMark, TokenMark = tokenMark, StartMark = startMark, EndMark = end, Foot = text.ToString() });
                            scanMark = end;
                            tokenMark = scanMark;
                            text.Clear();
                        }
                    }
                    else if (text.Length > 0 && buf[_pos + peek] != 0)
                    {
                        text.Append((byte)'\n');
                    }
                }

                if (!IsBreak(buf, _pos + peek))
                {
                    break;
                }

                firstEmpty = false;
                recentEmpty = true;
                column = 0;
                line++;
                continue;
            }

            if (text.Length > 0 && (closeFlow || (column - 1 < nextIndent && column != startMark.Column)))
            {
                // A comment at a lower indentation than the previous one ends the foot comment.
                // Deviation from go-yaml (scannerc.go yaml_parser_scan_comments): go-yaml gives
                // a run ended by a dedent to the token before it, the deepest node, even when the
                // run starts at the column of an enclosing block; with a blank line after the run
                // it gives the same run to what comes next ("if dedented it's unrelated to the
                // prior token"), which yaml_parser_unroll_indent makes the foot of the block at
                // that column. go-yaml's emitter writes no blank lines, so a block's trailing
                // comments in a file sops or crypt wrote come back one or more levels deeper
                // than they were encrypted (sops leaves them #ENC[...]). A run at an enclosing
                // block's column is read as with the blank line; any other run as go-yaml does.
                if (_flowLevel == 0 && IsEnclosingIndent(startMark.Column - 1))
                {
                    tokenMark = startMark;
                }

                YamlMark end = new(_pos + peek, line, column);
                AddComment(new YamlComment { ScanMark = scanMark, TokenMark = tokenMark, StartMark = startMark, EndMark = end, Foot = text.ToString() });
                scanMark = end;
                tokenMark = scanMark;
                text.Clear();
            }

            if (c != '#')
            {
                break;
            }

            if (text.Length == 0)
            {
                startMark = new YamlMark(_pos + peek, line, column);
            }
            else
            {
                text.Append((byte)'\n');
            }

            recentEmpty = false;

            // Consume until after the consumed comment line.
            int seen = _pos + peek;
            while (true)
            {
                if (IsBreakZ(buf, _pos))
                {
                    if (_pos >= seen || buf[_pos] == 0)
                    {
                        break;
                    }

                    SkipLine();
                }
                else if (_pos >= seen)
                {
                    Read(text);
                }
                else
                {
                    Skip();
                }
            }

            // go-yaml resets peek to 0 here and the loop's increment makes it 1: the line break
            // under the scan position is passed over, and columns on the next line count from 1.
            peek = 0;
            column = 0;
            line = _line;
            nextIndent = Math.Max(_indent, 0);
        }

        if (text.Length > 0)
        {
            AddComment(new YamlComment
            {
                ScanMark = scanMark,
                TokenMark = startMark,
                StartMark = startMark,
                EndMark = new YamlMark(_pos + peek - 1, line, column),
                Head = text.ToString(),
            });
        }
    }
}

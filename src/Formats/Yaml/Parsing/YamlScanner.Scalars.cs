using static Crypt.Formats.Yaml.Parsing.YamlChars;

namespace Crypt.Formats.Yaml.Parsing;

/// <summary>
/// go-yaml v3.0.4's scalar scanning (scannerc.go <c>yaml_parser_scan_block_scalar</c>,
/// <c>yaml_parser_scan_flow_scalar</c>, <c>yaml_parser_scan_plain_scalar</c>): line folding,
/// chomping, escapes. Bytes are gathered in reusable buffers and become a string once.
/// </summary>
internal sealed partial class YamlScanner
{
    private YamlToken ScanBlockScalar(bool literal)
    {
        YamlMark startMark = Mark;
        Skip();
        byte[] buf = _buf;

        int chomping = 0;
        int increment = 0;
        if (buf[_pos] == '+' || buf[_pos] == '-')
        {
            chomping = buf[_pos] == '+' ? 1 : -1;
            Skip();
            if (IsDigit(buf[_pos]))
            {
                if (buf[_pos] == '0')
                {
                    throw ScannerError("found an indentation indicator equal to 0");
                }

                increment = buf[_pos] - '0';
                Skip();
            }
        }
        else if (IsDigit(buf[_pos]))
        {
            if (buf[_pos] == '0')
            {
                throw ScannerError("found an indentation indicator equal to 0");
            }

            increment = buf[_pos] - '0';
            Skip();
            if (buf[_pos] == '+' || buf[_pos] == '-')
            {
                chomping = buf[_pos] == '+' ? 1 : -1;
                Skip();
            }
        }

        while (IsBlank(buf[_pos]))
        {
            Skip();
        }

        if (buf[_pos] == '#')
        {
            CheckCommentSeparated(_pos);
            ScanLineComment(startMark);
            while (!IsBreakZ(buf, _pos))
            {
                Skip();
            }
        }

        if (!IsBreakZ(buf, _pos))
        {
            throw ScannerError("did not find expected comment or line break");
        }

        if (IsBreak(buf, _pos))
        {
            SkipLine();
        }

        YamlMark endMark = Mark;

        // -1 until the indentation is known (go-yaml uses 0, which rules out a zero-indented top-level scalar).
        int indent = -1;
        if (increment > 0)
        {
            indent = _indent >= 0 ? _indent + increment : increment;
        }

        Utf8Builder s = _text;
        Utf8Builder leadingBreak = _leadingBreak;
        Utf8Builder trailingBreaks = _trailingBreaks;
        s.Clear(ScalarSizeHint);
        leadingBreak.Clear();
        trailingBreaks.Clear();

        ScanBlockScalarBreaks(ref indent, trailingBreaks, ref endMark);

        bool leadingBlank = false;
        while (_column == indent && buf[_pos] != 0 && !(_column == 0 && IsDocumentIndicator(buf, _pos)))
        {
            // We are at the beginning of a non-empty line.
            bool trailingBlank = IsBlank(buf[_pos]);

            // Folded style joins lines with a space unless a line is more indented.
            if (!literal && !leadingBlank && !trailingBlank && leadingBreak.Length > 0 && leadingBreak[0] == '\n')
            {
                if (trailingBreaks.Length == 0)
                {
                    s.Append((byte)' ');
                }
            }
            else
            {
                s.Append(leadingBreak);
            }

            leadingBreak.Clear();
            s.Append(trailingBreaks);
            trailingBreaks.Clear();

            leadingBlank = IsBlank(buf[_pos]);

            int from = _pos;
            while (!IsBreakZ(buf, _pos))
            {
                Skip();
            }

            ReadOnlySpan<byte> content = buf.AsSpan(from, _pos - from);
            s.AppendFrom(buf, from, content.Length);
            if (content.IndexOfAnyExcept((byte)' ', (byte)'\t') >= 0)
            {
                _newlines = 0;
            }

            ReadLine(leadingBreak);
            ScanBlockScalarBreaks(ref indent, trailingBreaks, ref endMark);
        }

        if (chomping != -1)
        {
            s.Append(leadingBreak);
        }

        if (chomping == 1)
        {
            s.Append(trailingBreaks);
        }

        TakeValue(s, out string? value, out ReadOnlyMemory<byte>? utf8, out bool owned);
        return new YamlToken
        {
            Kind = YamlTokenKind.Scalar,
            Start = startMark,
            End = endMark,
            Value = value,
            Utf8 = utf8,
            Utf8Owned = owned,
            Style = literal ? YamlEventStyle.Literal : YamlEventStyle.Folded,
        };
    }

    /// <summary>Indentation and line breaks before a block scalar's content line; settles an automatic indent.</summary>
    private void ScanBlockScalarBreaks(ref int indent, Utf8Builder breaks, ref YamlMark endMark)
    {
        byte[] buf = _buf;
        endMark = Mark;
        int maxIndent = 0;
        while (true)
        {
            while ((indent < 0 || _column < indent) && buf[_pos] == ' ')
            {
                Skip();
            }

            if (_column > maxIndent)
            {
                maxIndent = _column;
            }

            if ((indent < 0 || _column < indent) && buf[_pos] == '\t')
            {
                // YAML 1.2 (8.1.1.1): while detecting the indentation, a tab after enough spaces
                // starts the content ('|\n \tx'); go-yaml refuses it.
                if (!(indent < 0 && _column >= Math.Max(_indent + 1, 1)))
                {
                    throw ScannerError("found a tab character where an indentation space is expected");
                }
            }

            if (!IsBreak(buf, _pos))
            {
                break;
            }

            ReadLine(breaks);
            endMark = Mark;
        }

        if (indent < 0)
        {
            // YAML 1.2 (8.1.1.1): leading empty lines may not have more spaces than the first
            // content line; go-yaml ends the scalar there instead.
            if (maxIndent > _column && _column > _indent && buf[_pos] != 0)
            {
                throw ScannerError("found a leading empty line with more spaces than the first content line");
            }

            // go-yaml also makes it at least 1; YAML 1.2 (9.1, example 9.3) lets a top-level
            // block scalar's content start at column 0 (document markers then end it).
            indent = Math.Max(maxIndent, _indent + 1);
        }
    }

    private YamlToken ScanFlowScalar(bool single)
    {
        YamlMark startMark = Mark;
        Skip();
        byte[] buf = _buf;

        Utf8Builder s = _text;
        Utf8Builder leadingBreak = _leadingBreak;
        Utf8Builder trailingBreaks = _trailingBreaks;
        Utf8Builder whitespaces = _whitespaces;
        s.Clear(ScalarSizeHint);
        leadingBreak.Clear();
        trailingBreaks.Clear();
        whitespaces.Clear();

        while (true)
        {
            if (_column == 0 && IsDocumentIndicator(buf, _pos))
            {
                throw ScannerError("found unexpected document indicator");
            }

            if (buf[_pos] == 0)
            {
                throw ScannerError("found unexpected end of stream");
            }

            bool leadingBlanks = false;
            while (!IsBlankZ(buf, _pos))
            {
                byte c = buf[_pos];
                if (single && c == '\'' && buf[_pos + 1] == '\'')
                {
                    // An escaped single quote.
                    s.Append((byte)'\'');
                    Skip();
                    Skip();
                }
                else if (c == (single ? '\'' : '"'))
                {
                    break;
                }
                else if (!single && c == '\\' && IsBreak(buf, _pos + 1))
                {
                    // An escaped line break.
                    Skip();
                    SkipLine();
                    leadingBlanks = true;
                    break;
                }
                else if (!single && c == '\\')
                {
                    ScanEscape(s);
                }
                else
                {
                    Read(s);
                }
            }

            if (buf[_pos] == (single ? '\'' : '"'))
            {
                break;
            }

            // Consume blank characters.
            int lineStart = -1;
            while (IsBlank(buf[_pos]) || IsBreak(buf, _pos))
            {
                if (IsBlank(buf[_pos]))
                {
                    if (!leadingBlanks)
                    {
                        Read(whitespaces);
                    }
                    else
                    {
                        Skip();
                    }
                }
                else if (!leadingBlanks)
                {
                    whitespaces.Clear();
                    ReadLine(leadingBreak);
                    leadingBlanks = true;
                    lineStart = _pos;
                }
                else
                {
                    ReadLine(trailingBreaks);
                    lineStart = _pos;
                }
            }

            if (lineStart >= 0 && buf[_pos] != (single ? '\'' : '"') && buf[_pos] != 0)
            {
                CheckFlowLineIndent(lineStart);
            }

            // Join the whitespaces or fold line breaks.
            if (leadingBlanks)
            {
                if (leadingBreak.Length > 0 && leadingBreak[0] == '\n')
                {
                    if (trailingBreaks.Length == 0)
                    {
                        s.Append((byte)' ');
                    }
                    else
                    {
                        s.Append(trailingBreaks);
                    }
                }
                else
                {
                    s.Append(leadingBreak);
                    s.Append(trailingBreaks);
                }

                trailingBreaks.Clear();
                leadingBreak.Clear();
            }
            else
            {
                s.Append(whitespaces);
                whitespaces.Clear();
            }
        }

        // Eat the right quote.
        Skip();
        TakeValue(s, out string? value, out ReadOnlyMemory<byte>? utf8, out bool owned);
        return new YamlToken
        {
            Kind = YamlTokenKind.Scalar,
            Start = startMark,
            End = Mark,
            Value = value,
            Utf8 = utf8,
            Utf8Owned = owned,
            Style = single ? YamlEventStyle.SingleQuoted : YamlEventStyle.DoubleQuoted,
        };
    }

    /// <summary>A double-quoted scalar's escape sequence, appended as UTF-8.</summary>
    private void ScanEscape(Utf8Builder s)
    {
        byte[] buf = _buf;
        int codeLength = 0;
        switch (buf[_pos + 1])
        {
            case (byte)'0': s.Append(0); break;
            case (byte)'a': s.Append(0x07); break;
            case (byte)'b': s.Append(0x08); break;
            case (byte)'t' or (byte)'\t': s.Append(0x09); break;
            case (byte)'n': s.Append(0x0A); break;
            case (byte)'v': s.Append(0x0B); break;
            case (byte)'f': s.Append(0x0C); break;
            case (byte)'r': s.Append(0x0D); break;
            case (byte)'e': s.Append(0x1B); break;
            case (byte)' ': s.Append(0x20); break;
            case (byte)'"': s.Append((byte)'"'); break;
            case (byte)'\\': s.Append((byte)'\\'); break;
            case (byte)'/': s.Append((byte)'/'); break;
            case (byte)'N': s.Append([0xC2, 0x85]); break;
            case (byte)'_': s.Append([0xC2, 0xA0]); break;
            case (byte)'L': s.Append([0xE2, 0x80, 0xA8]); break;
            case (byte)'P': s.Append([0xE2, 0x80, 0xA9]); break;
            case (byte)'x': codeLength = 2; break;
            case (byte)'u': codeLength = 4; break;
            case (byte)'U': codeLength = 8; break;
            default:
                throw ScannerError("found unknown escape character");
        }

        Skip();
        Skip();
        if (codeLength == 0)
        {
            return;
        }

        int value = 0;
        for (int k = 0; k < codeLength; k++)
        {
            if (!IsHex(buf[_pos + k]))
            {
                throw ScannerError("did not find expected hexdecimal number");
            }

            value = (value << 4) + AsHex(buf[_pos + k]);
        }

        if ((value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF || value < 0)
        {
            throw ScannerError("found invalid Unicode character escape code");
        }

        if (value <= 0x7F)
        {
            s.Append((byte)value);
        }
        else if (value <= 0x7FF)
        {
            s.Append((byte)(0xC0 + (value >> 6)));
            s.Append((byte)(0x80 + (value & 0x3F)));
        }
        else if (value <= 0xFFFF)
        {
            s.Append((byte)(0xE0 + (value >> 12)));
            s.Append((byte)(0x80 + ((value >> 6) & 0x3F)));
            s.Append((byte)(0x80 + (value & 0x3F)));
        }
        else
        {
            s.Append((byte)(0xF0 + (value >> 18)));
            s.Append((byte)(0x80 + ((value >> 12) & 0x3F)));
            s.Append((byte)(0x80 + ((value >> 6) & 0x3F)));
            s.Append((byte)(0x80 + (value & 0x3F)));
        }

        for (int k = 0; k < codeLength; k++)
        {
            Skip();
        }
    }

    private static bool IsDocumentIndicator(byte[] buf, int pos) =>
        ((buf[pos] == '-' && buf[pos + 1] == '-' && buf[pos + 2] == '-') || (buf[pos] == '.' && buf[pos + 1] == '.' && buf[pos + 2] == '.'))
        && IsBlankZ(buf, pos + 3);

    private YamlToken ScanPlainScalar()
    {
        byte[] buf = _buf;
        Utf8Builder s = _text;
        Utf8Builder leadingBreak = _leadingBreak;
        Utf8Builder trailingBreaks = _trailingBreaks;
        Utf8Builder whitespaces = _whitespaces;
        s.Clear(ScalarSizeHint);
        leadingBreak.Clear();
        trailingBreaks.Clear();
        whitespaces.Clear();

        bool leadingBlanks = false;
        int indent = _indent + 1;
        YamlMark startMark = Mark;
        YamlMark endMark = startMark;
        bool flow = _flowLevel > 0;

        while (true)
        {
            if (_column == 0 && IsDocumentIndicator(buf, _pos))
            {
                break;
            }

            if (buf[_pos] == '#')
            {
                break;
            }

            int runStart = -1;
            while (!IsBlankZ(buf, _pos))
            {
                byte c = buf[_pos];

                // ": " ends a plain scalar; in flow context so do ",", "[", "]", "{", "}" and ':' before
                // one of them (go-yaml also ends it at '?' and keeps ':' before a flow indicator).
                if ((c == ':' && (IsBlankZ(buf, _pos + 1) || (flow && IsFlowIndicator(buf[_pos + 1]))))
                    || (flow && IsFlowIndicator(c)))
                {
                    break;
                }

                if (leadingBlanks || whitespaces.Length > 0)
                {
                    if (leadingBlanks)
                    {
                        if (leadingBreak[0] == '\n')
                        {
                            if (trailingBreaks.Length == 0)
                            {
                                s.Append((byte)' ');
                            }
                            else
                            {
                                s.Append(trailingBreaks);
                            }
                        }
                        else
                        {
                            s.Append(leadingBreak);
                            s.Append(trailingBreaks);
                        }

                        trailingBreaks.Clear();
                        leadingBreak.Clear();
                        leadingBlanks = false;
                    }
                    else
                    {
                        s.Append(whitespaces);
                        whitespaces.Clear();
                    }
                }

                if (runStart < 0)
                {
                    runStart = _pos;
                }

                _pos += c < 0x80 ? 1 : Width(c);
                _column++;
            }

            if (runStart >= 0)
            {
                // The run of non-blank characters is copied at once (go-yaml reads them one by one).
                s.AppendFrom(buf, runStart, _pos - runStart);
                _newlines = 0;
                endMark = Mark;
            }

            // Is it the end?
            if (!(IsBlank(buf[_pos]) || IsBreak(buf, _pos)))
            {
                break;
            }

            // Consume blank characters.
            while (IsBlank(buf[_pos]) || IsBreak(buf, _pos))
            {
                if (IsBlank(buf[_pos]))
                {
                    // A tab in the indentation of a continuation line is an error.
                    if (leadingBlanks && _column < indent && buf[_pos] == '\t' && !RestOfLineIsBlank())
                    {
                        throw Error("found a tab character that violates indentation", Mark);
                    }

                    if (!leadingBlanks)
                    {
                        Read(whitespaces);
                    }
                    else
                    {
                        Skip();
                    }
                }
                else if (!leadingBlanks)
                {
                    whitespaces.Clear();
                    ReadLine(leadingBreak);
                    leadingBlanks = true;
                }
                else
                {
                    ReadLine(trailingBreaks);
                }
            }

            // Check indentation level.
            if (!flow && _column < indent)
            {
                break;
            }
        }

        if (leadingBlanks)
        {
            _simpleKeyAllowed = true;
        }

        TakeValue(s, out string? value, out ReadOnlyMemory<byte>? utf8, out bool owned);
        return new YamlToken
        {
            Kind = YamlTokenKind.Scalar,
            Start = startMark,
            End = endMark,
            Value = value,
            Utf8 = utf8,
            Utf8Owned = owned,
            Style = YamlEventStyle.Plain,
        };
    }

    /// <summary>Scalars longer than this reach the reader as UTF-8 (<see cref="YamlToken.Utf8"/>), not as a string.</summary>
    internal const int LongScalarBytes = 1024;

    private static bool IsLong(Utf8Builder s) => s.Length > LongScalarBytes;

    // A short scalar's value as a string; a long one's as UTF-8 without a copy (Utf8Builder.Detach).
    private static void TakeValue(Utf8Builder s, out string? value, out ReadOnlyMemory<byte>? utf8, out bool owned)
    {
        owned = false;
        value = null;
        utf8 = null;
        if (IsLong(s))
        {
            utf8 = s.Detach(out owned);
        }
        else
        {
            value = s.ToString();
        }
    }
}

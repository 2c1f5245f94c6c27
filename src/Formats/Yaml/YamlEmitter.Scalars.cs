using Crypt.Formats.Tree;

namespace Crypt.Formats.Yaml;

/// <summary>go-yaml emitter: scalar analysis, style choice and scalar/comment writers.</summary>
internal sealed partial class YamlEmitter
{
    private void AnalyzeScalar(ReadOnlyMemory<byte> text)
    {
        _scalar = new ScalarData { Value = text, Length = text.Length };
        ReadOnlySpan<byte> value = text.Span;
        if (value.Length == 0)
        {
            _scalar.Multiline = false;
            _scalar.FlowPlainAllowed = false;
            _scalar.BlockPlainAllowed = true;
            _scalar.SingleQuotedAllowed = true;
            _scalar.BlockAllowed = false;
            return;
        }

        bool blockIndicators = false, flowIndicators = false, lineBreaks = false, specialCharacters = false, tabCharacters = false;
        bool leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false, breakSpace = false, spaceBreak = false;
        bool previousSpace = false, previousBreak = false;

        if (value.Length >= 3 && ((value[0] == '-' && value[1] == '-' && value[2] == '-') || (value[0] == '.' && value[1] == '.' && value[2] == '.')))
        {
            blockIndicators = true;
            flowIndicators = true;
        }

        bool precededByWhitespace = true;
        for (int i = 0, w; i < value.Length; i += w)
        {
            w = Width(value[i]);
            bool followedByWhitespace = i + w >= value.Length || IsBlank(value, i + w);
            byte c = value[i];
            if (i == 0)
            {
                switch (c)
                {
                    case (byte)'#' or (byte)',' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'&' or (byte)'*' or (byte)'!'
                        or (byte)'|' or (byte)'>' or (byte)'\'' or (byte)'"' or (byte)'%' or (byte)'@' or (byte)'`':
                        flowIndicators = true;
                        blockIndicators = true;
                        break;
                    case (byte)'?' or (byte)':':
                        flowIndicators = true;
                        blockIndicators |= followedByWhitespace;
                        break;
                    case (byte)'-':
                        if (followedByWhitespace)
                        {
                            flowIndicators = true;
                            blockIndicators = true;
                        }

                        break;
                }
            }
            else
            {
                switch (c)
                {
                    case (byte)',' or (byte)'?' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}':
                        flowIndicators = true;
                        break;
                    case (byte)':':
                        flowIndicators = true;
                        blockIndicators |= followedByWhitespace;
                        break;
                    case (byte)'#':
                        if (precededByWhitespace)
                        {
                            flowIndicators = true;
                            blockIndicators = true;
                        }

                        break;
                }
            }

            if (c == '\t')
            {
                tabCharacters = true;
            }
            else if (!IsPrintable(value, i))
            {
                specialCharacters = true;
            }

            if (c == ' ')
            {
                leadingSpace |= i == 0;
                trailingSpace |= i + w == value.Length;
                breakSpace |= previousBreak;
                previousSpace = true;
                previousBreak = false;
            }
            else if (IsBreak(value, i))
            {
                lineBreaks = true;
                leadingBreak |= i == 0;
                trailingBreak |= i + w == value.Length;
                spaceBreak |= previousSpace;
                previousSpace = false;
                previousBreak = true;
            }
            else
            {
                previousSpace = false;
                previousBreak = false;
            }

            precededByWhitespace = IsBlankZ(value, i);
        }

        _scalar.Multiline = lineBreaks;
        _scalar.FlowPlainAllowed = true;
        _scalar.BlockPlainAllowed = true;
        _scalar.SingleQuotedAllowed = true;
        _scalar.BlockAllowed = true;
        if (leadingSpace || leadingBreak || trailingSpace || trailingBreak)
        {
            _scalar.FlowPlainAllowed = false;
            _scalar.BlockPlainAllowed = false;
        }

        if (trailingSpace)
        {
            _scalar.BlockAllowed = false;
        }

        if (breakSpace)
        {
            _scalar.FlowPlainAllowed = false;
            _scalar.BlockPlainAllowed = false;
            _scalar.SingleQuotedAllowed = false;
        }

        if (spaceBreak || tabCharacters || specialCharacters)
        {
            _scalar.FlowPlainAllowed = false;
            _scalar.BlockPlainAllowed = false;
            _scalar.SingleQuotedAllowed = false;
        }

        if (spaceBreak || specialCharacters)
        {
            _scalar.BlockAllowed = false;
        }

        if (lineBreaks)
        {
            _scalar.FlowPlainAllowed = false;
            _scalar.BlockPlainAllowed = false;
        }

        if (flowIndicators)
        {
            _scalar.FlowPlainAllowed = false;
        }

        if (blockIndicators)
        {
            _scalar.BlockPlainAllowed = false;
        }
    }

    private void SelectScalarStyle(YamlEmitEvent ev)
    {
        YamlEmitStyle style = ev.Style == YamlEmitStyle.Any ? YamlEmitStyle.Plain : ev.Style;
        if (_simpleKeyContext && _scalar.Multiline)
        {
            style = YamlEmitStyle.DoubleQuoted;
        }

        if (style == YamlEmitStyle.Plain)
        {
            if ((_flowLevel > 0 && !_scalar.FlowPlainAllowed) || (_flowLevel == 0 && !_scalar.BlockPlainAllowed))
            {
                style = YamlEmitStyle.SingleQuoted;
            }

            if (_scalar.Length == 0 && (_flowLevel > 0 || _simpleKeyContext))
            {
                style = YamlEmitStyle.SingleQuoted;
            }
        }

        if (style == YamlEmitStyle.SingleQuoted && !_scalar.SingleQuotedAllowed)
        {
            style = YamlEmitStyle.DoubleQuoted;
        }

        if (style is YamlEmitStyle.Literal or YamlEmitStyle.Folded && (!_scalar.BlockAllowed || _flowLevel > 0 || _simpleKeyContext))
        {
            style = YamlEmitStyle.DoubleQuoted;
        }

        _scalar.Style = style;
    }

    private void ProcessScalar()
    {
        if (_scalar.Pieces is { } pieces)
        {
            if (_scalar.Style == YamlEmitStyle.Plain)
            {
                WritePlainPieces(pieces);
                return;
            }

            // Another style (never chosen for an ENC value in block context): made whole.
            byte[] whole = GC.AllocateUninitializedArray<byte>(_scalar.Length);
            pieces.Chunk.FormatUtf8(pieces.Span, 0, whole);
            _scalar.Value = whole;
        }

        ReadOnlySpan<byte> value = _scalar.Value.Span;
        switch (_scalar.Style)
        {
            case YamlEmitStyle.Plain: WritePlainScalar(value); break;
            case YamlEmitStyle.SingleQuoted: WriteSingleQuotedScalar(value); break;
            case YamlEmitStyle.DoubleQuoted: WriteDoubleQuotedScalar(value); break;
            case YamlEmitStyle.Literal: WriteLiteralScalar(value); break;
            default: WriteFoldedScalar(value); break;
        }
    }

    // WritePlainScalar for an ENC[...] text written from its parts a buffer at a time (see
    // YamlEmitEvent.Pieces): ASCII with no space or line break, so every byte is one column and
    // the loop there only ever copies.
    private void WritePlainPieces(Utf8Slice pieces)
    {
        if (_scalar.Length > 0 && !_whitespace)
        {
            Put((byte)' ');
        }

        for (int at = 0; at < _scalar.Length;)
        {
            Reserve(Math.Min(_scalar.Length - at, FlushBytes));
            int count = pieces.Chunk.FormatUtf8(pieces.Span, at, _buf.AsSpan(_len, Math.Min(_scalar.Length - at, _buf.Length - _len)));
            _len += count;
            _column += count;
            at += count;
        }

        if (_scalar.Length > 0)
        {
            _whitespace = false;
        }

        _indention = false;
    }

    // No wrapping (best_width is unlimited), so the break branches for spaces never fire.
    private void WritePlainScalar(ReadOnlySpan<byte> value)
    {
        if (value.Length > 0 && !_whitespace)
        {
            Put((byte)' ');
        }

        bool breaks = false;
        for (int i = 0; i < value.Length;)
        {
            if (value[i] == ' ')
            {
                Write(value, ref i);
            }
            else if (IsBreak(value, i))
            {
                if (!breaks && value[i] == '\n')
                {
                    PutBreak();
                }

                WriteBreak(value, ref i);
                breaks = true;
            }
            else
            {
                if (breaks)
                {
                    WriteIndent();
                }

                Write(value, ref i);
                _indention = false;
                breaks = false;
            }
        }

        if (value.Length > 0)
        {
            _whitespace = false;
        }

        _indention = false;
    }

    private void WriteSingleQuotedScalar(ReadOnlySpan<byte> value)
    {
        WriteIndicator("'"u8, true, false, false);
        bool breaks = false;
        for (int i = 0; i < value.Length;)
        {
            if (value[i] == ' ')
            {
                Write(value, ref i);
            }
            else if (IsBreak(value, i))
            {
                if (!breaks && value[i] == '\n')
                {
                    PutBreak();
                }

                WriteBreak(value, ref i);
                breaks = true;
            }
            else
            {
                if (breaks)
                {
                    WriteIndent();
                }

                if (value[i] == '\'')
                {
                    Put((byte)'\'');
                }

                Write(value, ref i);
                _indention = false;
                breaks = false;
            }
        }

        WriteIndicator("'"u8, false, false, false);
        _whitespace = false;
        _indention = false;
    }

    private void WriteDoubleQuotedScalar(ReadOnlySpan<byte> value)
    {
        WriteIndicator("\""u8, true, false, false);
        for (int i = 0; i < value.Length;)
        {
            if (!IsPrintable(value, i) || IsBom(value) || IsBreak(value, i) || value[i] == '"' || value[i] == '\\')
            {
                int w = Width(value[i]);
                int v = w switch
                {
                    1 => value[i] & 0x7F,
                    2 => value[i] & 0x1F,
                    3 => value[i] & 0x0F,
                    _ => value[i] & 0x07,
                };
                for (int k = 1; k < w && i + k < value.Length; k++)
                {
                    v = (v << 6) + (value[i + k] & 0x3F);
                }

                i += w;
                Put((byte)'\\');
                switch (v)
                {
                    case 0x00: Put((byte)'0'); break;
                    case 0x07: Put((byte)'a'); break;
                    case 0x08: Put((byte)'b'); break;
                    case 0x09: Put((byte)'t'); break;
                    case 0x0A: Put((byte)'n'); break;
                    case 0x0B: Put((byte)'v'); break;
                    case 0x0C: Put((byte)'f'); break;
                    case 0x0D: Put((byte)'r'); break;
                    case 0x1B: Put((byte)'e'); break;
                    case 0x22: Put((byte)'"'); break;
                    case 0x5C: Put((byte)'\\'); break;
                    case 0x85: Put((byte)'N'); break;
                    case 0xA0: Put((byte)'_'); break;
                    case 0x2028: Put((byte)'L'); break;
                    case 0x2029: Put((byte)'P'); break;
                    default:
                        int digits;
                        if (v <= 0xFF)
                        {
                            Put((byte)'x');
                            digits = 2;
                        }
                        else if (v <= 0xFFFF)
                        {
                            Put((byte)'u');
                            digits = 4;
                        }
                        else
                        {
                            Put((byte)'U');
                            digits = 8;
                        }

                        for (int k = (digits - 1) * 4; k >= 0; k -= 4)
                        {
                            int digit = (v >> k) & 0x0F;
                            Put((byte)(digit < 10 ? '0' + digit : 'A' + digit - 10));
                        }

                        break;
                }
            }
            else
            {
                Write(value, ref i);
            }
        }

        WriteIndicator("\""u8, false, false, false);
        _whitespace = false;
        _indention = false;
    }

    private void WriteBlockScalarHints(ReadOnlySpan<byte> value)
    {
        if (value.Length > 0 && (value[0] == ' ' || IsBreak(value, 0)))
        {
            WriteIndicator([(byte)('0' + _bestIndent)], false, false, false);
        }

        byte chomp = 0;
        if (value.Length == 0)
        {
            chomp = (byte)'-';
        }
        else
        {
            int i = value.Length - 1;
            while ((value[i] & 0xC0) == 0x80)
            {
                i--;
            }

            if (!IsBreak(value, i))
            {
                chomp = (byte)'-';
            }
            else if (i == 0)
            {
                chomp = (byte)'+';
            }
            else
            {
                i--;
                while ((value[i] & 0xC0) == 0x80)
                {
                    i--;
                }

                if (IsBreak(value, i))
                {
                    chomp = (byte)'+';
                }
            }
        }

        if (chomp != 0)
        {
            WriteIndicator([chomp], false, false, false);
        }
    }

    private void WriteLiteralScalar(ReadOnlySpan<byte> value)
    {
        WriteIndicator("|"u8, true, false, false);
        WriteBlockScalarHints(value);
        ProcessLineComment(true);
        _whitespace = true;
        bool breaks = true;
        for (int i = 0; i < value.Length;)
        {
            if (IsBreak(value, i))
            {
                WriteBreak(value, ref i);
                breaks = true;
            }
            else
            {
                if (breaks)
                {
                    WriteIndent();
                }

                Write(value, ref i);
                _indention = false;
                breaks = false;
            }
        }
    }

    private void WriteFoldedScalar(ReadOnlySpan<byte> value)
    {
        WriteIndicator(">"u8, true, false, false);
        WriteBlockScalarHints(value);
        ProcessLineComment(true);
        _whitespace = true;
        bool breaks = true;
        bool leadingSpaces = true;
        for (int i = 0; i < value.Length;)
        {
            if (IsBreak(value, i))
            {
                if (!breaks && !leadingSpaces && value[i] == '\n')
                {
                    // go-yaml scans from the start of the value here (k starts at 0), kept as is.
                    int k = 0;
                    while (k < value.Length && IsBreak(value, k))
                    {
                        k += Width(value[k]);
                    }

                    if (!IsBlankZ(value, k))
                    {
                        PutBreak();
                    }
                }

                WriteBreak(value, ref i);
                breaks = true;
            }
            else
            {
                if (breaks)
                {
                    WriteIndent();
                    leadingSpaces = IsBlank(value, i);
                }

                Write(value, ref i);
                _indention = false;
                breaks = false;
            }
        }
    }

    private struct ScalarData
    {
        public ReadOnlyMemory<byte> Value;

        /// <summary>The text's length (that of <see cref="Pieces"/> when set, <see cref="Value"/> being then only a sample).</summary>
        public int Length;

        /// <summary>See <see cref="YamlEmitEvent.Pieces"/>.</summary>
        public Utf8Slice? Pieces;
        public bool Multiline;
        public bool FlowPlainAllowed;
        public bool BlockPlainAllowed;
        public bool SingleQuotedAllowed;
        public bool BlockAllowed;
        public YamlEmitStyle Style;
    }
}

using static Crypt.Formats.Yaml.Parsing.YamlChars;

namespace Crypt.Formats.Yaml.Parsing;

/// <summary>
/// go-yaml v3.0.4's directive, anchor and tag scanning (scannerc.go <c>yaml_parser_scan_directive</c>,
/// <c>yaml_parser_scan_anchor</c>, <c>yaml_parser_scan_tag</c> and their helpers).
/// </summary>
internal sealed partial class YamlScanner
{
    private readonly Utf8Builder _tagText = new();

    private YamlToken ScanDirective()
    {
        YamlMark startMark = Mark;
        Skip();
        byte[] buf = _buf;

        string name = ScanDirectiveName();
        YamlToken token;
        if (name == "YAML")
        {
            while (IsBlank(buf[_pos]))
            {
                Skip();
            }

            int major = ScanVersionDirectiveNumber();
            if (buf[_pos] != '.')
            {
                throw ScannerError("did not find expected digit or '.' character");
            }

            Skip();
            int minor = ScanVersionDirectiveNumber();
            token = new YamlToken { Kind = YamlTokenKind.VersionDirective, Start = startMark, End = Mark, Major = major, Minor = minor };
        }
        else if (name == "TAG")
        {
            while (IsBlank(buf[_pos]))
            {
                Skip();
            }

            string handle = ScanTagHandle(directive: true);
            if (!IsBlank(buf[_pos]))
            {
                throw ScannerError("did not find expected whitespace");
            }

            while (IsBlank(buf[_pos]))
            {
                Skip();
            }

            string prefix = ScanTagUri(head: null);
            if (!IsBlankZ(buf, _pos))
            {
                throw ScannerError("did not find expected whitespace or line break");
            }

            token = new YamlToken { Kind = YamlTokenKind.TagDirective, Start = startMark, End = Mark, Value = handle, Prefix = prefix };
        }
        else
        {
            // go-yaml refuses a reserved directive ("found unknown directive name"); YAML 1.2
            // (6.8) says to ignore it, so its parameters are skipped up to a comment or line end.
            token = default;
            while (!IsBreakZ(buf, _pos) && !(buf[_pos] == '#' && IsBlank(buf[_pos - 1])))
            {
                Skip();
            }
        }

        // Eat the rest of the line including any comments.
        while (IsBlank(buf[_pos]))
        {
            Skip();
        }

        if (buf[_pos] == '#')
        {
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

        return token;
    }

    private string ScanDirectiveName()
    {
        byte[] buf = _buf;
        int from = _pos;
        while (IsAlpha(buf[_pos]))
        {
            Skip();
        }

        if (_pos == from)
        {
            throw ScannerError("could not find expected directive name");
        }

        if (!IsBlankZ(buf, _pos))
        {
            throw ScannerError("found unexpected non-alphabetical character");
        }

        return System.Text.Encoding.ASCII.GetString(buf, from, _pos - from);
    }

    private int ScanVersionDirectiveNumber()
    {
        byte[] buf = _buf;
        int value = 0;
        int length = 0;
        while (IsDigit(buf[_pos]))
        {
            length++;
            if (length > 2)
            {
                throw ScannerError("found extremely long version number");
            }

            value = (value * 10) + (buf[_pos] - '0');
            Skip();
        }

        if (length == 0)
        {
            throw ScannerError("did not find expected version number");
        }

        return value;
    }

    private YamlToken ScanAnchor(YamlTokenKind kind)
    {
        YamlMark startMark = Mark;
        Skip();
        byte[] buf = _buf;
        int from = _pos;
        while (IsAlpha(buf[_pos]))
        {
            Skip();
        }

        YamlMark endMark = Mark;

        // An anchor is followed by a blank or one of '?', ':', ',', ']', '}', '%', '@', '`'.
        byte c = buf[_pos];
        if (_pos == from || !(IsBlankZ(buf, _pos) || c is (byte)'?' or (byte)':' or (byte)',' or (byte)']' or (byte)'}' or (byte)'%' or (byte)'@' or (byte)'`'))
        {
            throw ScannerError("did not find expected alphabetic or numeric character");
        }

        return new YamlToken { Kind = kind, Start = startMark, End = endMark, Value = System.Text.Encoding.ASCII.GetString(buf, from, _pos - from) };
    }

    private YamlToken ScanTag()
    {
        YamlMark startMark = Mark;
        byte[] buf = _buf;
        string handle;
        string suffix;
        if (buf[_pos + 1] == '<')
        {
            // A verbatim tag: !<uri>.
            handle = string.Empty;
            Skip();
            Skip();
            suffix = ScanTagUri(head: null);
            if (buf[_pos] != '>')
            {
                throw ScannerError("did not find the expected '>'");
            }

            Skip();
        }
        else
        {
            handle = ScanTagHandle(directive: false);
            if (handle.Length > 1 && handle[0] == '!' && handle[^1] == '!')
            {
                // A named handle: !name!suffix.
                suffix = ScanTagUri(head: null);
            }
            else
            {
                // '!suffix' or a lone '!': what was read as a handle is the suffix.
                suffix = ScanTagUri(head: handle);
                handle = "!";
                if (suffix.Length == 0)
                {
                    (handle, suffix) = (suffix, handle);
                }
            }
        }

        if (!IsBlankZ(buf, _pos))
        {
            throw ScannerError("did not find expected whitespace or line break");
        }

        return new YamlToken { Kind = YamlTokenKind.Tag, Start = startMark, End = Mark, Value = handle, Suffix = suffix };
    }

    private string ScanTagHandle(bool directive)
    {
        byte[] buf = _buf;
        if (buf[_pos] != '!')
        {
            throw ScannerError("did not find expected '!'");
        }

        int from = _pos;
        Skip();
        while (IsAlpha(buf[_pos]))
        {
            Skip();
        }

        if (buf[_pos] == '!')
        {
            Skip();
        }
        else if (directive && _pos - from != 1)
        {
            // A %TAG handle is '!', '!!' or '!name!'.
            throw ScannerError("did not find expected '!'");
        }

        return System.Text.Encoding.ASCII.GetString(buf, from, _pos - from);
    }

    private string ScanTagUri(string? head)
    {
        byte[] buf = _buf;
        Utf8Builder s = _tagText;
        s.Clear();
        bool hasTag = !string.IsNullOrEmpty(head);

        // Copy the head if needed; the leading '!' is not part of the URI.
        if (head is { Length: > 1 })
        {
            foreach (char ch in head.AsSpan(1))
            {
                s.Append((byte)ch);
            }
        }

        while (true)
        {
            byte c = buf[_pos];
            bool uriChar = IsAlpha(c) || c is (byte)';' or (byte)'/' or (byte)'?' or (byte)':' or (byte)'@' or (byte)'&' or (byte)'='
                or (byte)'+' or (byte)'$' or (byte)',' or (byte)'.' or (byte)'!' or (byte)'~' or (byte)'*' or (byte)'\''
                or (byte)'(' or (byte)')' or (byte)'[' or (byte)']' or (byte)'%';
            if (!uriChar)
            {
                break;
            }

            if (c == '%')
            {
                ScanUriEscapes(s);
            }
            else
            {
                Read(s);
            }

            hasTag = true;
        }

        if (!hasTag)
        {
            throw ScannerError("did not find expected tag URI");
        }

        return s.ToString();
    }

    private void ScanUriEscapes(Utf8Builder s)
    {
        byte[] buf = _buf;
        int width = 1024;
        while (width > 0)
        {
            if (!(buf[_pos] == '%' && IsHex(buf[_pos + 1]) && IsHex(buf[_pos + 2])))
            {
                throw ScannerError("did not find URI escaped octet");
            }

            byte octet = (byte)((AsHex(buf[_pos + 1]) << 4) + AsHex(buf[_pos + 2]));
            if (width == 1024)
            {
                width = octet < 0x80 ? 1 : (octet & 0xE0) == 0xC0 ? 2 : (octet & 0xF0) == 0xE0 ? 3 : (octet & 0xF8) == 0xF0 ? 4 : 0;
                if (width == 0)
                {
                    throw ScannerError("found an incorrect leading UTF-8 octet");
                }
            }
            else if ((octet & 0xC0) != 0x80)
            {
                throw ScannerError("found an incorrect trailing UTF-8 octet");
            }

            s.Append(octet);
            Skip();
            Skip();
            Skip();
            width--;
        }
    }
}

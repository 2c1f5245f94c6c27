using System.Buffers;
using System.Text;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Json;

// String literals: the plain-ASCII fast path, escapes, and Go's U+FFFD replacements.
internal ref partial struct JsonTreeReader
{
    // What ends the plain-ASCII fast path of a string: the closing quote, an escape, a control
    // character, or a non-ASCII byte (which may need U+FFFD replacement).
    private static readonly SearchValues<byte> s_stringSpecial = SearchValues.Create(
        [(byte)'"', (byte)'\\', .. Enumerable.Range(0, 0x20).Select(b => (byte)b), .. Enumerable.Range(0x80, 0x80).Select(b => (byte)b)]);

    // A string value: plain ASCII goes into the arena as it is, without a string object.
    private TreeScalar ParseStringValue()
    {
        int special = _input[(_pos + 1)..].IndexOfAny(s_stringSpecial);
        if (special >= 0 && _input[_pos + 1 + special] == (byte)'"')
        {
            ReadOnlySpan<byte> text = _input.Slice(_pos + 1, special);
            TreeScalar value = _leaves.String(text, ScalarStyle.Any);
            _pos += special + 2;
            return value;
        }

        return TreeScalar.String(ParseString());
    }

    // A key: plain-ASCII names repeat, and each distinct one is made into a string once.
    private string ParseKey()
    {
        int special = _input[(_pos + 1)..].IndexOfAny(s_stringSpecial);
        if (special is >= 0 and <= 256 && _input[_pos + 1 + special] == (byte)'"')
        {
            Span<char> name = stackalloc char[special];
            Encoding.ASCII.GetChars(_input.Slice(_pos + 1, special), name);
            _pos += special + 2;
            return _keyNames.Intern(name);
        }

        return _keyNames.Intern(ParseString());
    }

    private string ParseString()
    {
        int start = _pos;
        _pos++; // opening quote

        // Most strings (every ENC[...] value) are plain printable ASCII: one scan, one copy.
        int special = _input[_pos..].IndexOfAny(s_stringSpecial);
        if (special >= 0 && _input[_pos + special] == (byte)'"')
        {
            string plain = Encoding.ASCII.GetString(_input.Slice(_pos, special));
            _pos += special + 1;
            return plain;
        }

        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _input.Length)
            {
                _pos = start;
                throw Error("unterminated string");
            }

            byte b = _input[_pos];
            if (b == (byte)'"')
            {
                _pos++;
                return sb.ToString();
            }

            if (b < 0x20)
            {
                throw Error("control character in string");
            }

            if (b == (byte)'\\')
            {
                ParseEscape(sb);
            }
            else if (b < 0x80)
            {
                sb.Append((char)b);
                _pos++;
            }
            else
            {
                // Go replaces each byte of an invalid sequence with U+FFFD.
                if (System.Text.Rune.DecodeFromUtf8(_input[_pos..], out System.Text.Rune rune, out int consumed) == System.Buffers.OperationStatus.Done)
                {
                    sb.Append(rune.ToString());
                    _pos += consumed;
                }
                else
                {
                    sb.Append('\uFFFD');
                    _pos++;
                }
            }
        }
    }

    private void ParseEscape(StringBuilder sb)
    {
        _pos++; // backslash
        int c = Peek();
        _pos++;
        switch (c)
        {
            case '"': sb.Append('"'); break;
            case '\\': sb.Append('\\'); break;
            case '/': sb.Append('/'); break;
            case 'b': sb.Append('\b'); break;
            case 'f': sb.Append('\f'); break;
            case 'n': sb.Append('\n'); break;
            case 'r': sb.Append('\r'); break;
            case 't': sb.Append('\t'); break;
            case 'u':
                int unit = ReadHex4();
                if (char.IsHighSurrogate((char)unit) && Peek() == '\\' && Peek(1) == 'u')
                {
                    int save = _pos;
                    _pos += 2;
                    int low = ReadHex4();
                    if (char.IsLowSurrogate((char)low))
                    {
                        sb.Append((char)unit).Append((char)low);
                        break;
                    }

                    // Not a pair: Go replaces the first escape and reads the second on its own.
                    _pos = save;
                }

                sb.Append(char.IsSurrogate((char)unit) ? '\uFFFD' : (char)unit);
                break;
            default:
                _pos--;
                throw Error("invalid escape in string");
        }
    }

    private int ReadHex4()
    {
        if (_pos + 4 > _input.Length)
        {
            throw Error("invalid \\u escape in string");
        }

        int value = 0;
        for (int i = 0; i < 4; i++)
        {
            int d = HexDigit(_input[_pos + i]);
            if (d < 0)
            {
                throw Error("invalid \\u escape in string");
            }

            value = (value << 4) | d;
        }

        _pos += 4;
        return value;
    }

    private static int HexDigit(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}

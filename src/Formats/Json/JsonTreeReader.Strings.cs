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

    // A string value as UTF-8 into the arena, without a string object: plain ASCII and any
    // string without escapes or invalid bytes as it is in the input, others decoded at their
    // exact size (a 100 MB value cost a StringBuilder of UTF-16 text and its string: issue 14).
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

        int start = _pos;
        int length = DecodeString([], count: true, out bool verbatim);
        if (verbatim)
        {
            return _leaves.String(_input.Slice(start + 1, length), ScalarStyle.Any);
        }

        int end = _pos;
        _pos = start;
        byte[]? array = null;
        Span<byte> utf8 = length <= 512 ? stackalloc byte[length] : (array = GC.AllocateUninitializedArray<byte>(length));
        DecodeString(utf8, count: false, out _);
        TreeScalar scalar = _leaves.String(utf8, ScalarStyle.Any);
        if (array is not null)
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(array); // a value's plaintext
        }

        _pos = end;
        return scalar;
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
        int length = DecodeString([], count: true, out _);
        int end = _pos;
        _pos = start;
        Span<byte> utf8 = length <= 512 ? stackalloc byte[length] : new byte[length];
        DecodeString(utf8, count: false, out _);
        _pos = end;
        return Encoding.UTF8.GetString(utf8);
    }

    /// <summary>
    /// Decodes the string literal at <see cref="_pos"/> (its opening quote) to UTF-8, written to
    /// <paramref name="destination"/> unless <paramref name="count"/>; returns its length and
    /// leaves <see cref="_pos"/> after the closing quote. Go's decoding: escapes resolved, an
    /// unpaired surrogate escape and each byte of invalid UTF-8 become U+FFFD.
    /// <paramref name="verbatim"/>: the decoded bytes are the literal's own (no escape, no U+FFFD).
    /// </summary>
    private int DecodeString(scoped Span<byte> destination, bool count, out bool verbatim)
    {
        int start = _pos;
        _pos++; // opening quote
        int length = 0;
        verbatim = true;
        while (true)
        {
            int run = _input[_pos..].IndexOfAny(s_stringSpecial);
            if (run < 0)
            {
                _pos = start;
                throw Error("unterminated string");
            }

            if (!count)
            {
                _input.Slice(_pos, run).CopyTo(destination[length..]);
            }

            length += run;
            _pos += run;
            byte b = _input[_pos];
            if (b == (byte)'"')
            {
                _pos++;
                return length;
            }

            if (b < 0x20)
            {
                throw Error("control character in string");
            }

            Rune rune;
            if (b == (byte)'\\')
            {
                verbatim = false;
                rune = ParseEscape();
            }
            else if (Rune.DecodeFromUtf8(_input[_pos..], out _, out int consumed) == OperationStatus.Done)
            {
                if (!count)
                {
                    _input.Slice(_pos, consumed).CopyTo(destination[length..]);
                }

                length += consumed;
                _pos += consumed;
                continue;
            }
            else
            {
                // Go replaces each byte of an invalid sequence with U+FFFD.
                verbatim = false;
                rune = Rune.ReplacementChar;
                _pos++;
            }

            if (!count)
            {
                rune.EncodeToUtf8(destination[length..]);
            }

            length += rune.Utf8SequenceLength;
        }
    }

    private Rune ParseEscape()
    {
        _pos++; // backslash
        int c = Peek();
        _pos++;
        switch (c)
        {
            case '"': return new Rune('"');
            case '\\': return new Rune('\\');
            case '/': return new Rune('/');
            case 'b': return new Rune('\b');
            case 'f': return new Rune('\f');
            case 'n': return new Rune('\n');
            case 'r': return new Rune('\r');
            case 't': return new Rune('\t');
            case 'u':
                int unit = ReadHex4();
                if (char.IsHighSurrogate((char)unit) && Peek() == '\\' && Peek(1) == 'u')
                {
                    int save = _pos;
                    _pos += 2;
                    int low = ReadHex4();
                    if (char.IsLowSurrogate((char)low))
                    {
                        return new Rune((char)unit, (char)low);
                    }

                    // Not a pair: Go replaces the first escape and reads the second on its own.
                    _pos = save;
                }

                return char.IsSurrogate((char)unit) ? Rune.ReplacementChar : new Rune(unit);
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

using System.Globalization;
using Crypt.Crypto.Errors;
using Crypt.Formats.Encryption;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Json;

/// <summary>
/// Parses JSON (RFC 8259) into the tree the way SOPS's JSON store reads its token stream
/// (<c>stores/json</c>, sops 3.13.2): the top level must be an object; key order and duplicate
/// keys are kept; an integer literal that fits int64 is an int, any other number a float
/// (out-of-range numbers are errors, as Go's <c>ParseFloat</c> makes them); invalid UTF-8 and
/// unpaired <c>\u</c> surrogates become U+FFFD, as Go's decoder does. Unlike sops, data after
/// the top-level object is an error rather than silently dropped. Errors carry line, byte
/// column and key path, never input text.
/// </summary>
internal ref partial struct JsonTreeReader
{
    /// <summary>How deep objects and arrays may nest; deeper input is refused.</summary>
    public const int MaxDepth = 1000;

    private readonly ReadOnlySpan<byte> _input;
    private readonly List<string> _path;
    private readonly LeafFactory _leaves;
    private readonly KeyNames _keyNames = new();
    private int _pos;
    private int _depth;

    private JsonTreeReader(ReadOnlySpan<byte> input, bool roomForParts)
    {
        _input = input;
        _path = [];
        // Leaves with room for their encrypted parts, or ENC[...] values kept as their parts.
        _leaves = roomForParts ? new PlaintextLeaves() : new EncryptedLeaves();
    }

    /// <summary>Parses a document; with <paramref name="roomForParts"/> each leaf gets room for its encrypted parts.</summary>
    public static TreeMap Parse(ReadOnlySpan<byte> input, bool roomForParts = false)
    {
        var reader = new JsonTreeReader(input, roomForParts);
        return reader.ParseDocument();
    }

    private TreeMap ParseDocument()
    {
        SkipWhitespace();
        if (_pos >= _input.Length || _input[_pos] != (byte)'{')
        {
            throw IfComment() ?? Error("SOPS only supports JSON files with a top-level object (starting with '{'), not arrays or other types; wrap the content in an object, e.g. {\"data\": ...}");
        }

        TreeMap root = ParseObject();
        SkipWhitespace();
        if (_pos < _input.Length)
        {
            throw IfComment() ?? Error("unexpected data after the top-level object");
        }

        return root;
    }

    private TreeNode ParseValue()
    {
        SkipWhitespace();
        if (_pos >= _input.Length)
        {
            throw Error("unexpected end of input; expected a value");
        }

        switch (_input[_pos])
        {
            case (byte)'{': return ParseObject();
            case (byte)'[': return ParseArray();
            case (byte)'"': return ParseStringValue();
            case (byte)'t': ExpectLiteral("true"u8); return Leaf(TreeScalar.Boolean(true));
            case (byte)'f': ExpectLiteral("false"u8); return Leaf(TreeScalar.Boolean(false));
            case (byte)'n': ExpectLiteral("null"u8); return TreeScalar.Null;
            case (byte)'-' or (>= (byte)'0' and <= (byte)'9'): return Leaf(ParseNumber());
            default: throw IfComment() ?? Error("invalid character; expected a value");
        }
    }

    private TreeScalar Leaf(TreeScalar scalar) => _leaves.Leaf(scalar);

    private TreeMap ParseObject()
    {
        Enter();
        _pos++; // '{'
        var map = new TreeMap();
        SkipWhitespace();
        if (Peek() == '}')
        {
            _pos++;
            _depth--;
            return map;
        }

        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
            {
                throw IfComment() ?? Error("expected a string object key");
            }

            string key = ParseKey();
            SkipWhitespace();
            if (Peek() != ':')
            {
                throw Error("expected ':' after an object key");
            }

            _pos++;
            _path.Add(key);
            map.Add(key, ParseValue());
            _path.RemoveAt(_path.Count - 1);
            SkipWhitespace();
            int c = Peek();
            _pos++;
            if (c == '}')
            {
                _depth--;
                return map;
            }

            if (c != ',')
            {
                _pos--;
                throw IfComment() ?? Error("expected ',' or '}' after an object value");
            }

            ThrowIfTrailingComma('}');
        }
    }

    private TreeList ParseArray()
    {
        Enter();
        _pos++; // '['
        var list = new TreeList();
        SkipWhitespace();
        if (Peek() == ']')
        {
            _pos++;
            _depth--;
            return list;
        }

        while (true)
        {
            _path.Add(string.Create(CultureInfo.InvariantCulture, $"[{list.Items.Count}]"));
            list.Items.Add(ParseValue());
            _path.RemoveAt(_path.Count - 1);
            SkipWhitespace();
            int c = Peek();
            _pos++;
            if (c == ']')
            {
                _depth--;
                return list;
            }

            if (c != ',')
            {
                _pos--;
                throw IfComment() ?? Error("expected ',' or ']' after an array element");
            }

            ThrowIfTrailingComma(']');
        }
    }

    private TreeScalar ParseNumber()
    {
        int start = _pos;
        bool integral = true;
        if (Peek() == '-')
        {
            _pos++;
        }

        if (Peek() == '0')
        {
            _pos++;
        }
        else if (IsDigit(Peek()))
        {
            SkipDigits();
        }
        else
        {
            throw Error("invalid number");
        }

        if (Peek() == '.')
        {
            integral = false;
            _pos++;
            if (!IsDigit(Peek()))
            {
                throw Error("invalid number: digits expected after '.'");
            }

            SkipDigits();
        }

        if (Peek() is 'e' or 'E')
        {
            integral = false;
            _pos++;
            if (Peek() is '+' or '-')
            {
                _pos++;
            }

            if (!IsDigit(Peek()))
            {
                throw Error("invalid number: digits expected in the exponent");
            }

            SkipDigits();
        }

        ReadOnlySpan<byte> literal = _input[start.._pos];
        if (integral && long.TryParse(literal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
        {
            return TreeScalar.Integer(integer);
        }

        double value = double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsInfinity(value))
        {
            _pos = start;
            throw Error("number out of range");
        }

        return TreeScalar.FloatingPoint(value);
    }

    private void ExpectLiteral(ReadOnlySpan<byte> literal)
    {
        if (!_input[_pos..].StartsWith(literal))
        {
            throw Error("invalid literal; expected true, false or null");
        }

        _pos += literal.Length;
    }

    private void Enter()
    {
        if (++_depth > MaxDepth)
        {
            throw Error($"objects and arrays nest deeper than {MaxDepth} levels");
        }
    }

    private void SkipWhitespace()
    {
        while (_pos < _input.Length && _input[_pos] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            _pos++;
        }
    }

    private void SkipDigits()
    {
        while (IsDigit(Peek()))
        {
            _pos++;
        }
    }

    private readonly int Peek(int offset = 0) => _pos + offset < _input.Length ? _input[_pos + offset] : -1;

    private static bool IsDigit(int c) => c is >= '0' and <= '9';

    // JSONC and JSON5 habits (appsettings.json, tsconfig.json): named plainly instead of as the
    // character the grammar did not expect. sops (encoding/json) refuses them too.
    private readonly CryptFormatException? IfComment() =>
        Peek() == '#' || (Peek() == '/' && Peek(1) is '/' or '*')
            ? Error("JSON does not allow comments (//, /* */ or #); remove them or use YAML")
            : null;

    private void ThrowIfTrailingComma(char close)
    {
        int comma = _pos - 1;
        SkipWhitespace();
        if (Peek() == close)
        {
            _pos = comma;
            throw Error($"trailing comma before '{close}': JSON does not allow one");
        }
    }

    private readonly CryptFormatException Error(string message)
    {
        int pos = Math.Min(_pos, _input.Length);
        ReadOnlySpan<byte> before = _input[..pos];
        int line = before.Count((byte)'\n') + 1;
        int column = pos - (before.LastIndexOf((byte)'\n') + 1) + 1;
        string? keyPath = _path.Count == 0 ? null : string.Join(':', _path).Replace(":[", "[", StringComparison.Ordinal);
        return new CryptFormatException(message, line: line, column: column, keyPath: keyPath);
    }
}

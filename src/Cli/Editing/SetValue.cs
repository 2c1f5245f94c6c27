using System.Globalization;
using System.Text.Json;
using Crypt.Crypto.Errors;
using Crypt.Formats;
using Crypt.Formats.Stores;
using Crypt.Formats.Tree;

namespace Crypt.Cli.Editing;

/// <summary>
/// The value of <c>set</c>, read as sops reads it (jsonValueToTreeInsertableValue, FORMAT.md §10
/// and §13): a JSON scalar decodes as Go's encoding/json into interface{} does (every number a
/// float64, so <c>type:float</c>), an object is parsed by the JSON store (integers stay
/// integers), a top-level array is refused. Errors say where, never what: the value is a secret.
/// </summary>
internal static class SetValue
{
    public static TreeNode Parse(ReadOnlyMemory<byte> json)
    {
        Utf8JsonReader reader = new(json.Span, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            if (!reader.Read())
            {
                throw Invalid("the value is empty; give a JSON value such as '\"text\"', 42, true, null or an object");
            }

            TreeNode value;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartArray:
                    throw Invalid("the value is a JSON array, which cannot be set as a whole; set an object holding it, or its items one by one ('[\"list\"][0]')");
                case JsonTokenType.StartObject:
                    return ParseObject(json);
                case JsonTokenType.String:
                    value = TreeScalar.String(reader.GetString()!);
                    break;
                case JsonTokenType.Number:
                    value = reader.TryGetDouble(out double number) && double.IsFinite(number)
                        ? TreeScalar.FloatingPoint(number)
                        : throw Invalid("the number is out of range for a 64-bit float");
                    break;
                case JsonTokenType.True or JsonTokenType.False:
                    value = TreeScalar.Boolean(reader.GetBoolean());
                    break;
                default:
                    value = TreeScalar.Null;
                    break;
            }

            // Only white space may follow the one value (Go rejects anything else too).
            if (reader.Read())
            {
                throw Invalid("there is more than one JSON value");
            }

            return value;
        }
        catch (JsonException e)
        {
            // JsonException's message quotes the offending character: report only the place.
            string where = string.Create(CultureInfo.InvariantCulture, $"line {(e.LineNumber ?? 0) + 1}, column {(e.BytePositionInLine ?? 0) + 1}");
            throw Invalid($"the value is not valid JSON (at {where}); strings need double quotes, e.g. '\"text\"'");
        }
    }

    private static TreeMap ParseObject(ReadOnlyMemory<byte> json)
    {
        try
        {
            TreeDocument document = SopsDocument.ParsePlain(json, DocumentFormat.Json);
            return document.Branches.Count == 1
                ? document.Branches[0]
                : throw Invalid("the value is not one JSON object");
        }
        catch (CryptFormatException e)
        {
            // The JSON store read the set value, not a file: its format error is a bad value
            // (sops: "Value for --set is not valid JSON", exit 7).
            throw Invalid($"the value is not a valid JSON object: {e.Message}");
        }
    }

    private static InvalidSetException Invalid(string message) => new(message);
}

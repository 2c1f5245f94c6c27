using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Crypt.Cli.Tests.Corpus;

/// <summary>JSON read by System.Text.Json: values and key order, one line per leaf.</summary>
internal static class JsonData
{
    public static string Dump(byte[] bytes)
    {
        using JsonDocument document = JsonDocument.Parse(LineEndings.Plain(bytes));
        StringBuilder dump = new();
        Write(dump, string.Empty, document.RootElement);
        return dump.ToString();
    }

    /// <summary>Every scalar value with its path, outside the top-level <c>sops</c> key.</summary>
    public static IEnumerable<(string Path, string Value, bool NullOrEmpty)> Leaves(byte[] bytes)
    {
        using JsonDocument document = JsonDocument.Parse(LineEndings.Plain(bytes));
        List<(string, string, bool)> leaves = [];
        foreach (JsonProperty property in document.RootElement.EnumerateObject().Where(p => p.Name != "sops"))
        {
            Collect(leaves, "/" + property.Name, property.Value);
        }

        return leaves;
    }

    private static void Write(StringBuilder dump, string path, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object when !element.EnumerateObject().Any():
                dump.Append(path).Append(" = {}\n");
                break;
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    Write(dump, path + "/" + property.Name, property.Value);
                }

                break;
            case JsonValueKind.Array when element.GetArrayLength() == 0:
                dump.Append(path).Append(" = []\n");
                break;
            case JsonValueKind.Array:
                int i = 0;
                foreach (JsonElement item in element.EnumerateArray())
                {
                    Write(dump, $"{path}[{i++}]", item);
                }

                break;
            default:
                dump.Append(path).Append(" = ").Append(Scalar(element)).Append('\n');
                break;
        }
    }

    private static string Scalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => "str:" + element.GetString(),
        JsonValueKind.Number => "num:" + element.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        JsonValueKind.True => "bool:true",
        JsonValueKind.False => "bool:false",
        _ => "null",
    };

    private static void Collect(List<(string, string, bool)> leaves, string path, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    Collect(leaves, path + "/" + property.Name, property.Value);
                }

                break;
            case JsonValueKind.Array:
                int i = 0;
                foreach (JsonElement item in element.EnumerateArray())
                {
                    Collect(leaves, $"{path}[{i++}]", item);
                }

                break;
            case JsonValueKind.String:
                string text = element.GetString()!;
                leaves.Add((path, text, text.Length == 0));
                break;
            default:
                leaves.Add((path, element.GetRawText(), element.ValueKind == JsonValueKind.Null));
                break;
        }
    }
}

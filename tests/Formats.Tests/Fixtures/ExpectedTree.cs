using System.Globalization;
using System.Text.Json;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Tests.Fixtures;

/// <summary>
/// Compares a decrypted tree with the fixtures' JSON rendering of it: same keys in the same
/// order, same values and types (a JSON number with a fraction or exponent is a float, others
/// ints). Comment items take part only where the fixture lists them as <c>"#text": null</c> keys.
/// </summary>
internal static class ExpectedTree
{
    public static void AssertMatches(JsonElement expected, TreeNode actual, string path = "")
    {
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                TreeMap map = Assert.IsType<TreeMap>(actual);
                bool withComments = expected.EnumerateObject().Any(p => p.Name.StartsWith('#'));
                List<TreeMapItem> items = [.. map.Items.Where(i => withComments || !i.IsComment)];
                List<JsonProperty> properties = [.. expected.EnumerateObject()];
                Assert.True(properties.Count == items.Count, $"{path}: expected keys [{string.Join(", ", properties.Select(p => p.Name))}], got [{string.Join(", ", items.Select(i => i.Key ?? "#" + ((TreeComment)i.Value).Text))}]");
                for (int i = 0; i < items.Count; i++)
                {
                    if (items[i].IsComment)
                    {
                        Assert.Equal(properties[i].Name, "#" + ((TreeComment)items[i].Value).Text);
                        continue;
                    }

                    Assert.Equal(properties[i].Name, items[i].Key);
                    AssertMatches(properties[i].Value, items[i].Value, $"{path}{items[i].Key}:");
                }

                break;
            case JsonValueKind.Array:
                TreeList list = Assert.IsType<TreeList>(actual);
                List<TreeNode> values = [.. list.Items.Where(i => i is not TreeComment)];
                Assert.Equal(expected.GetArrayLength(), values.Count);
                int index = 0;
                foreach (JsonElement element in expected.EnumerateArray())
                {
                    AssertMatches(element, values[index++], path);
                }

                break;
            default:
                AssertScalar(expected, Assert.IsType<TreeScalar>(actual), path);
                break;
        }
    }

    private static void AssertScalar(JsonElement expected, TreeScalar actual, string path)
    {
        switch (expected.ValueKind)
        {
            case JsonValueKind.String:
                Assert.True(actual.Kind == ScalarKind.String, $"{path}: expected a string, got {actual.Kind}");
                Assert.Equal(expected.GetString(), actual.Text);
                break;
            case JsonValueKind.True or JsonValueKind.False:
                Assert.Equal(expected.GetBoolean(), actual.Bool);
                break;
            case JsonValueKind.Null:
                Assert.Equal(ScalarKind.Null, actual.Kind);
                break;
            case JsonValueKind.Number:
                string raw = expected.GetRawText();
                if (raw.Contains('.', StringComparison.Ordinal) || raw.Contains('e', StringComparison.OrdinalIgnoreCase))
                {
                    Assert.True(actual.Kind == ScalarKind.Float, $"{path}: expected a float, got {actual.Kind}");
                    Assert.Equal(double.Parse(raw, CultureInfo.InvariantCulture), actual.Float);
                }
                else
                {
                    Assert.True(actual.Kind == ScalarKind.Int, $"{path}: expected an int, got {actual.Kind}");
                    Assert.Equal(long.Parse(raw, CultureInfo.InvariantCulture), actual.Int);
                }

                break;
            default:
                throw new InvalidOperationException($"{path}: unexpected JSON {expected.ValueKind}");
        }
    }
}

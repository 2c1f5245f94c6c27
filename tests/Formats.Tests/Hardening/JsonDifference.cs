using System.Text.Json;

namespace Crypt.Formats.Tests.Hardening;

/// <summary>
/// Compares two decrypted documents (as JSON; duplicate keys kept, which is why this walks
/// <see cref="JsonElement"/>s) and names each difference the SOPS format lets through (see
/// <see cref="TamperJudge"/>) in <paramref name="classes"/>, or says where the first other
/// difference is. The encrypted document walks along: the same place in the encrypted file,
/// to tell clear data from ciphertext.
/// </summary>
internal sealed class JsonDifference(bool macOnlyEncrypted, ISet<string> classes)
{
    /// <returns>null when every difference is one of the named classes.</returns>
    public string? Classify(JsonElement expected, JsonElement actual, JsonElement? encrypted, string path)
    {
        string? difference = (expected.ValueKind, actual.ValueKind) switch
        {
            (JsonValueKind.Object, JsonValueKind.Object) => Objects(expected, actual, encrypted, path),
            (JsonValueKind.Array, JsonValueKind.Array) => Arrays([.. expected.EnumerateArray()], [.. actual.EnumerateArray()], encrypted, path),
            (JsonValueKind.Object or JsonValueKind.Array, _) or (_, JsonValueKind.Object or JsonValueKind.Array) => $"node at '{path}' changed kind",
            _ => Scalars(expected, actual, path),
        };
        return difference is not null && macOnlyEncrypted && encrypted is { } original && !HoldsCiphertext(original)
            ? Allowed("clear data changed (mac_only_encrypted: outside the MAC)")
            : difference;
    }

    private string? Scalars(JsonElement expected, JsonElement actual, string path)
    {
        if (JsonElement.DeepEquals(expected, actual))
        {
            return null;
        }

        return Text(expected) == Text(actual) ? Allowed("type tag changed") : $"value at '{path}' changed";
    }

    private string? Objects(JsonElement expected, JsonElement actual, JsonElement? encrypted, string path)
    {
        List<JsonProperty> e = [.. expected.EnumerateObject()], a = [.. actual.EnumerateObject()];
        if (e.Count != a.Count)
        {
            (e, a) = ([.. e.Where(p => !IsEmpty(p.Value))], [.. a.Where(p => !IsEmpty(p.Value))]);
            bool emptiesExplainIt = e.Count == a.Count;
            if (!emptiesExplainIt && macOnlyEncrypted && encrypted is { ValueKind: JsonValueKind.Object } map)
            {
                bool Clear(JsonProperty p) => map.TryGetProperty(p.Name, out JsonElement original) && !HoldsCiphertext(original);
                (e, a) = ([.. e.Where(p => !Clear(p))], [.. a.Where(p => !Clear(p))]);
            }

            if (e.Count != a.Count)
            {
                return $"keys under '{path}' added or removed";
            }

            Allowed(emptiesExplainIt ? "null or empty value added or removed" : "clear data changed (mac_only_encrypted: outside the MAC)");
        }

        if (SameValuesReordered(e, a))
        {
            return Allowed("order of entries with equal values changed");
        }

        for (int i = 0; i < e.Count; i++)
        {
            string child = $"{path}/{e[i].Name}";
            JsonElement? encryptedChild = encrypted is { ValueKind: JsonValueKind.Object } map && map.TryGetProperty(e[i].Name, out JsonElement c) ? c : null;
            if (e[i].Name != a[i].Name)
            {
                if (!JsonElement.DeepEquals(e[i].Value, a[i].Value) || encryptedChild is not { } original || HoldsCiphertext(original))
                {
                    return $"key '{child}' renamed over encrypted data";
                }

                Allowed("name of a clear key changed");
                continue;
            }

            if (Classify(e[i].Value, a[i].Value, encryptedChild, child) is string difference)
            {
                return difference;
            }
        }

        return null;
    }

    private string? Arrays(List<JsonElement> expected, List<JsonElement> actual, JsonElement? encrypted, string path)
    {
        List<JsonElement>? encryptedItems = encrypted is { ValueKind: JsonValueKind.Array } list ? [.. list.EnumerateArray()] : null;
        if (expected.Count != actual.Count)
        {
            (expected, actual) = ([.. expected.Where(n => !IsEmpty(n))], [.. actual.Where(n => !IsEmpty(n))]);
            if (expected.Count != actual.Count)
            {
                return $"items of '{path}' added or removed";
            }

            Allowed("null or empty value added or removed");
            encryptedItems = null;
        }

        for (int i = 0; i < expected.Count; i++)
        {
            JsonElement? encryptedItem = encryptedItems is not null && i < encryptedItems.Count ? encryptedItems[i] : null;
            if (Classify(expected[i], actual[i], encryptedItem, $"{path}/{i}") is string difference)
            {
                return difference;
            }
        }

        return null;
    }

    /// <summary>The same entries in another order, with the values in the same order: what a MAC over values cannot see.</summary>
    private static bool SameValuesReordered(List<JsonProperty> expected, List<JsonProperty> actual) =>
        !expected.Select(p => p.Name).SequenceEqual(actual.Select(p => p.Name))
        && expected.Where(p => !IsEmpty(p.Value)).Select(p => p.Value.GetRawText()).SequenceEqual(actual.Where(p => !IsEmpty(p.Value)).Select(p => p.Value.GetRawText()))
        && expected.Select(Entry).Order(StringComparer.Ordinal).SequenceEqual(actual.Select(Entry).Order(StringComparer.Ordinal));

    /// <summary>
    /// The non-empty values in walk order, as text: what the MAC hashes (sops.go Tree.Encrypt).
    /// Two documents with the same sequence differ only in keys, structure or types, which the
    /// MAC does not cover; the AAD of each encrypted value still binds that value to its path.
    /// </summary>
    public static List<string?> ValuesInOrder(JsonElement node)
    {
        var values = new List<string?>();
        Walk(node);
        return values;

        void Walk(JsonElement n)
        {
            switch (n.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (JsonProperty p in n.EnumerateObject())
                    {
                        Walk(p.Value);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (JsonElement item in n.EnumerateArray())
                    {
                        Walk(item);
                    }

                    break;
                default:
                    if (!IsEmpty(n))
                    {
                        values.Add(Text(n));
                    }

                    break;
            }
        }
    }

    private static string Entry(JsonProperty property) => property.Name + "\0" + property.Value.GetRawText();

    private string? Allowed(string difference)
    {
        classes.Add(difference);
        return null;
    }

    private static bool HoldsCiphertext(JsonElement node) => node.ValueKind switch
    {
        JsonValueKind.Object => node.EnumerateObject().Any(p => HoldsCiphertext(p.Value)),
        JsonValueKind.Array => node.EnumerateArray().Any(HoldsCiphertext),
        JsonValueKind.String => node.GetString()!.StartsWith("ENC[", StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>What the MAC hashes as nothing: null, "", and maps or lists with no values.</summary>
    private static bool IsEmpty(JsonElement node) => node.ValueKind switch
    {
        JsonValueKind.Null => true,
        JsonValueKind.String => node.GetString()!.Length == 0,
        JsonValueKind.Object => node.EnumerateObject().All(p => IsEmpty(p.Value)),
        JsonValueKind.Array => node.EnumerateArray().All(IsEmpty),
        _ => false,
    };

    private static string? Text(JsonElement node) => node.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => node.GetString(),
        _ => node.GetRawText(),
    };
}

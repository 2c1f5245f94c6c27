using System.Buffers.Text;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;

namespace Crypt.Crypto.Azure.KeyVault;

/// <summary>
/// The JSON bodies of the Key Vault key operations (REST API 7.x, <c>KeyOperationsParameters</c>,
/// <c>KeyOperationResult</c>, <c>KeyBundle</c>, <c>KeyVaultError</c>), read and written with the
/// span reader/writer so no reflection serializer is involved and the secret never becomes a
/// string. Byte values are base64url without padding.
/// </summary>
internal static class KeyVaultJson
{
    public const string Algorithm = "RSA-OAEP-256";

    public static byte[] WriteOperation(ReadOnlySpan<byte> value)
    {
        byte[] encoded = new byte[Base64Url.GetEncodedLength(value.Length)];
        try
        {
            Base64Url.EncodeToUtf8(value, encoded);
            using MemoryStream buffer = new(encoded.Length + 64);
            using (Utf8JsonWriter writer = new(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("alg"u8, Algorithm);
                writer.WriteString("value"u8, encoded);
                writer.WriteEndObject();
            }

            byte[] body = buffer.ToArray();
            Wipe(buffer.GetBuffer());
            return body;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(encoded);
        }
    }

    /// <summary>The decoded top-level <c>value</c>, or null if there is none.</summary>
    public static byte[]? ReadValue(ReadOnlySpan<byte> json)
    {
        try
        {
            Utf8JsonReader reader = new(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isValue = reader.ValueTextEquals("value"u8);
                reader.Read();
                if (isValue && reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped)
                {
                    return Base64Url.DecodeFromUtf8(reader.ValueSpan);
                }

                reader.Skip();
            }
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return null;
        }

        return null;
    }

    /// <summary><c>key.kid</c> of a key bundle, or null.</summary>
    public static string? ReadKid(ReadOnlySpan<byte> json)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json.ToArray());
            return document.RootElement.TryGetProperty("key", out JsonElement key)
                && key.TryGetProperty("kid", out JsonElement kid)
                && kid.ValueKind == JsonValueKind.String
                ? kid.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>"HTTP 404 KeyNotFound: message" from a Key Vault error body (which never holds key material).</summary>
    public static string DescribeError(int status, ReadOnlySpan<byte> json)
    {
        string prefix = "Key Vault answered HTTP " + status.ToString(CultureInfo.InvariantCulture);
        try
        {
            using JsonDocument document = JsonDocument.Parse(json.ToArray());
            if (document.RootElement.TryGetProperty("error", out JsonElement error))
            {
                string? code = error.TryGetProperty("code", out JsonElement c) ? c.GetString() : null;
                string? message = error.TryGetProperty("message", out JsonElement m) ? m.GetString() : null;
                return $"{prefix} {code}: {message}";
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's page, an empty 401): the status says enough.
        }

        return status == 401 ? prefix + " (unauthorized: the token was missing or refused)" : prefix;
    }

    public static void Wipe(ReadOnlyMemory<byte> memory)
    {
        if (MemoryMarshal.TryGetArray(memory, out ArraySegment<byte> segment))
        {
            CryptographicOperations.ZeroMemory(segment);
        }
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Crypt.Tests.Emulators.KeyVault;

/// <summary>
/// The parts of a Microsoft Entra ID (Azure AD) authority that MSAL's client-credentials flow
/// reaches when <c>AZURE_AUTHORITY_HOST</c> names a host it does not know (Azure Stack, a
/// sovereign cloud): instance discovery, the tenant's OpenID configuration and the v2.0 token
/// endpoint. A request with the emulator's client id and secret gets the emulator's token;
/// anything else gets Entra's <c>invalid_client</c> error.
/// </summary>
internal static class EntraAuthority
{
    public static async Task<bool> TryHandleAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        string path = request.Path.Value ?? string.Empty;
        string authority = $"{request.Scheme}://{request.Host}";
        string[] segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is ["common", "discovery", "instance"])
        {
            string host = request.Host.Host;
            await JsonAsync(context, 200, w =>
            {
                w.WriteString("tenant_discovery_endpoint", $"{authority}/{KeyVaultEmulator.TenantId}/v2.0/.well-known/openid-configuration");
                w.WriteString("api-version", "1.1");
                w.WriteStartArray("metadata");
                w.WriteStartObject();
                w.WriteString("preferred_network", host);
                w.WriteString("preferred_cache", host);
                w.WriteStartArray("aliases");
                w.WriteStringValue(host);
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndArray();
            });
            return true;
        }

        if (segments is [string tenant, "v2.0", ".well-known", "openid-configuration"])
        {
            await JsonAsync(context, 200, w =>
            {
                w.WriteString("issuer", $"{authority}/{tenant}/v2.0");
                w.WriteString("authorization_endpoint", $"{authority}/{tenant}/oauth2/v2.0/authorize");
                w.WriteString("token_endpoint", $"{authority}/{tenant}/oauth2/v2.0/token");
            });
            return true;
        }

        if (segments is [string tokenTenant, "oauth2", "v2.0", "token"] && request.Method == "POST")
        {
            IFormCollection form = await request.ReadFormAsync();
            bool valid = tokenTenant == KeyVaultEmulator.TenantId
                && form["grant_type"] == "client_credentials"
                && form["client_id"] == KeyVaultEmulator.ClientId
                && form["client_secret"] == KeyVaultEmulator.ClientSecret;
            if (!valid)
            {
                await JsonAsync(context, 401, w =>
                {
                    w.WriteString("error", "invalid_client");
                    w.WriteString("error_description", "AADSTS7000215: Invalid client secret provided.");
                });
                return true;
            }

            await JsonAsync(context, 200, w =>
            {
                w.WriteString("token_type", "Bearer");
                w.WriteNumber("expires_in", 3599);
                w.WriteNumber("ext_expires_in", 3599);
                w.WriteString("access_token", KeyVaultEmulator.Token);
            });
            return true;
        }

        return false;
    }

    private static async Task JsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        using MemoryStream buffer = new();
        using (Utf8JsonWriter writer = new(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(buffer.ToArray());
    }
}

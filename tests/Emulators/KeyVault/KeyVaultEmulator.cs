using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crypt.Tests.Emulators.KeyVault;

/// <summary>
/// A loopback stand-in for Azure Key Vault's key operations (REST API 7.x): <c>GET
/// /keys/{name}[/{version}]</c> returns the JWK with a versioned <c>kid</c>, <c>POST
/// .../encrypt|decrypt</c> do real RSA-OAEP-256 with RSA keys it holds. HTTPS with a
/// self-signed certificate made at start; a request without the expected bearer token gets 401
/// with Key Vault's challenge header and error JSON. The same host also answers as a Microsoft
/// Entra ID authority (see <see cref="EntraAuthority"/>), so an out-of-process client can get
/// its token the way a user in a sovereign cloud does: <c>AZURE_AUTHORITY_HOST</c> plus a
/// service principal's <c>AZURE_TENANT_ID</c>/<c>AZURE_CLIENT_ID</c>/<c>AZURE_CLIENT_SECRET</c>.
/// </summary>
public sealed class KeyVaultEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, List<(string Version, RSA Key)>> _keys = new(StringComparer.Ordinal);

    private KeyVaultEmulator(WebApplication app, X509Certificate2 certificate)
    {
        _app = app;
        Certificate = certificate;
    }

    public const string Token = "emulator-access-token";

    public const string TenantId = "7a1c0f1e-2b3d-4c5e-8f90-a1b2c3d4e5f6";

    public const string ClientId = "0d5e4f3a-6b7c-4d8e-9fa0-112233445566";

    public const string ClientSecret = "emulator-client-secret";

    public X509Certificate2 Certificate { get; }

    /// <summary>The vault URL, <c>https://127.0.0.1:port</c>, without a trailing slash.</summary>
    public string VaultUrl { get; private set; } = null!;

    /// <summary>The authority host to put in <c>AZURE_AUTHORITY_HOST</c>, with a trailing slash.</summary>
    public string AuthorityHost => VaultUrl + "/";

    /// <summary>Environment variables that let <c>DefaultAzureCredential</c> get a token here.</summary>
    public IReadOnlyDictionary<string, string> CredentialEnvironment => new Dictionary<string, string>
    {
        ["AZURE_AUTHORITY_HOST"] = AuthorityHost,
        ["AZURE_TENANT_ID"] = TenantId,
        ["AZURE_CLIENT_ID"] = ClientId,
        ["AZURE_CLIENT_SECRET"] = ClientSecret,
    };

    /// <summary>Writes the certificate as PEM (for <c>SSL_CERT_FILE</c>) and returns the path.</summary>
    public string WriteCertificatePem(string path)
    {
        File.WriteAllText(path, Certificate.ExportCertificatePem() + "\n");
        return path;
    }

    /// <summary>Every request as "METHOD path?query".</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public byte[]? LastCiphertext { get; private set; }

    public static async Task<KeyVaultEmulator> StartAsync()
    {
        X509Certificate2 certificate = SelfSignedCertificate();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
        WebApplication app = builder.Build();
        KeyVaultEmulator emulator = new(app, certificate);
        app.Run(emulator.HandleAsync);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        emulator.VaultUrl = address.TrimEnd('/');
        return emulator;
    }

    /// <summary>Adds a new version of key <paramref name="name"/> and returns the version.</summary>
    public string AddKeyVersion(string name, int bits = 2048)
    {
        string version = Guid.NewGuid().ToString("N");
        _keys.GetOrAdd(name, _ => []).Add((version, RSA.Create(bits)));
        return version;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach ((string _, RSA key) in _keys.Values.SelectMany(v => v))
        {
            key.Dispose();
        }

        Certificate.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        Requests.Enqueue($"{request.Method} {request.Path}{request.QueryString}");
        if (await EntraAuthority.TryHandleAsync(context))
        {
            return;
        }

        if (request.Headers.Authorization.ToString() != "Bearer " + Token)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer authorization=\"https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000\", resource=\"https://vault.azure.net\"";
            await ErrorAsync(context, 401, "Unauthorized", "AKV10000: Request is missing a Bearer or PoP token.");
            return;
        }

        if (!request.Query.ContainsKey("api-version"))
        {
            await ErrorAsync(context, 400, "BadParameter", "The request URI contains an invalid or missing api-version.");
            return;
        }

        // /keys/{name}[/{version}[/{operation}]]
        string[] segments = request.Path.Value!.Split('/');
        if (segments.Length < 3 || segments[1] != "keys")
        {
            await ErrorAsync(context, 404, "NotFound", "no such route");
            return;
        }

        string name = segments[2];
        string version = segments.Length > 3 ? segments[3] : string.Empty;
        string? operation = segments.Length > 4 ? segments[4] : null;
        if (!TryFind(name, version, out string foundVersion, out RSA? key))
        {
            await ErrorAsync(context, 404, "KeyNotFound", $"A key with (name/id) {name}/{version} was not found in this key vault.");
            return;
        }

        string kid = $"{VaultUrl}/keys/{name}/{foundVersion}";
        if (request.Method == "GET" && operation is null)
        {
            RSAParameters p = key.ExportParameters(false);
            await JsonAsync(context, w =>
            {
                w.WriteStartObject("key");
                w.WriteString("kid", kid);
                w.WriteString("kty", "RSA");
                w.WriteStartArray("key_ops");
                w.WriteStringValue("encrypt");
                w.WriteStringValue("decrypt");
                w.WriteEndArray();
                w.WriteString("n", Base64Url.EncodeToString(p.Modulus));
                w.WriteString("e", Base64Url.EncodeToString(p.Exponent));
                w.WriteEndObject();
                w.WriteStartObject("attributes");
                w.WriteBoolean("enabled", true);
                w.WriteEndObject();
            });
            return;
        }

        if (request.Method != "POST" || operation is not ("encrypt" or "decrypt"))
        {
            await ErrorAsync(context, 405, "MethodNotAllowed", $"{request.Method} {operation}");
            return;
        }

        using JsonDocument body = await JsonDocument.ParseAsync(request.Body);
        if (body.RootElement.GetProperty("alg").GetString() != "RSA-OAEP-256")
        {
            await ErrorAsync(context, 400, "BadParameter", "unsupported alg");
            return;
        }

        byte[] value = Base64Url.DecodeFromChars(body.RootElement.GetProperty("value").GetString());
        byte[] result;
        try
        {
            result = operation == "encrypt"
                ? key.Encrypt(value, RSAEncryptionPadding.OaepSHA256)
                : key.Decrypt(value, RSAEncryptionPadding.OaepSHA256);
        }
        catch (CryptographicException)
        {
            await ErrorAsync(context, 400, "BadParameter", "Unable to decrypt the specified value with this key.");
            return;
        }

        if (operation == "encrypt")
        {
            LastCiphertext = result;
        }

        await JsonAsync(context, w =>
        {
            w.WriteString("kid", kid);
            w.WriteString("value", Base64Url.EncodeToString(result));
        });
    }

    private bool TryFind(string name, string version, out string foundVersion, out RSA key)
    {
        foundVersion = string.Empty;
        key = null!;
        if (!_keys.TryGetValue(name, out List<(string Version, RSA Key)>? versions) || versions.Count == 0)
        {
            return false;
        }

        (string Version, RSA Key) match = version.Length == 0 ? versions[^1] : versions.FirstOrDefault(v => v.Version == version);
        if (match.Key is null)
        {
            return false;
        }

        (foundVersion, key) = match;
        return true;
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using RSA rsa = RSA.Create(2048);
        CertificateRequest request = new("CN=crypt-keyvault-emulator", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        SubjectAlternativeNameBuilder names = new();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using X509Certificate2 created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(2));

        // Kestrel needs a certificate whose private key came from a PKCS#12 import.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    private static async Task JsonAsync(HttpContext context, Action<Utf8JsonWriter> write)
    {
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

    private static Task ErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        return JsonAsync(context, w =>
        {
            w.WriteStartObject("error");
            w.WriteString("code", code);
            w.WriteString("message", message);
            w.WriteEndObject();
        });
    }
}

using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crypt.Tests.Emulators.Kms;

/// <summary>
/// A loopback stand-in for AWS KMS (AWS JSON 1.1, <c>TrentService.Encrypt</c>/<c>Decrypt</c>)
/// and STS (query protocol, <c>AssumeRole</c>). Real AES-256-GCM under keys it holds per ARN;
/// the ciphertext blob names its key and the encryption context is the GCM AAD, so a wrong
/// context fails as it does in KMS. Errors come back as AWS error JSON (<c>__type</c>) so the
/// SDK raises its typed exceptions.
/// </summary>
public sealed class KmsEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte[]> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _aliases = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _denied = new(StringComparer.Ordinal);

    private KmsEmulator(WebApplication app)
    {
        _app = app;
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>Every request as (operation, SigV4 access key id, credential scope, session token).</summary>
    public ConcurrentQueue<SeenRequest> Requests { get; } = new();

    /// <summary>RoleSessionName of every AssumeRole call.</summary>
    public ConcurrentQueue<string> SessionNames { get; } = new();

    /// <summary>Last ciphertext blob Encrypt returned.</summary>
    public byte[]? LastCiphertext { get; private set; }

    public static async Task<KmsEmulator> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        WebApplication app = builder.Build();
        KmsEmulator emulator = new(app);
        app.Run(emulator.HandleAsync);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        emulator.Url = new Uri(address + "/");
        return emulator;
    }

    public string AddKey(string arn)
    {
        _keys[arn] = RandomNumberGenerator.GetBytes(32);
        return arn;
    }

    public void AddAlias(string aliasArn, string keyArn) => _aliases[aliasArn] = keyArn;

    public void Deny(string arn) => _denied[arn] = true;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        string authorization = context.Request.Headers.Authorization.ToString();
        const string SigV4 = "AWS4-HMAC-SHA256 Credential=";
        if (!authorization.StartsWith(SigV4, StringComparison.Ordinal))
        {
            await ErrorAsync(context, "MissingAuthenticationTokenException", "Missing Authentication Token");
            return;
        }

        string[] credential = authorization[SigV4.Length..].Split(',')[0].Split('/');
        string target = context.Request.Headers["X-Amz-Target"].ToString();
        string body = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync();
        string operation = target.Length > 0 ? target : "STS";
        Requests.Enqueue(new SeenRequest(
            operation,
            credential[0],
            string.Join('/', credential.Skip(1)),
            context.Request.Headers["X-Amz-Security-Token"].ToString()));

        switch (target)
        {
            case "TrentService.Encrypt":
                await EncryptAsync(context, body);
                break;
            case "TrentService.Decrypt":
                await DecryptAsync(context, body);
                break;
            case "":
                await AssumeRoleAsync(context, body);
                break;
            default:
                await ErrorAsync(context, "UnknownOperationException", target);
                break;
        }
    }

    private async Task EncryptAsync(HttpContext context, string body)
    {
        using JsonDocument request = JsonDocument.Parse(body);
        string keyId = request.RootElement.GetProperty("KeyId").GetString()!;
        if (!TryResolve(keyId, out string keyArn, out byte[] key))
        {
            await ErrorAsync(context, "NotFoundException", $"Key '{keyId}' does not exist");
            return;
        }

        if (_denied.ContainsKey(keyId) || _denied.ContainsKey(keyArn))
        {
            await ErrorAsync(context, "AccessDeniedException", $"User is not authorized to perform: kms:Encrypt on resource: {keyArn}");
            return;
        }

        byte[] plaintext = request.RootElement.GetProperty("Plaintext").GetBytesFromBase64();
        byte[] aad = ContextBytes(request.RootElement);
        byte[] arnBytes = Encoding.UTF8.GetBytes(keyArn);
        byte[] blob = new byte[2 + arnBytes.Length + 12 + plaintext.Length + 16];
        BinaryPrimitives.WriteUInt16BigEndian(blob, (ushort)arnBytes.Length);
        arnBytes.CopyTo(blob, 2);
        Span<byte> nonce = blob.AsSpan(2 + arnBytes.Length, 12);
        RandomNumberGenerator.Fill(nonce);
        using (AesGcm gcm = new(key, 16))
        {
            gcm.Encrypt(nonce, plaintext, blob.AsSpan(2 + arnBytes.Length + 12, plaintext.Length), blob.AsSpan(blob.Length - 16), aad);
        }

        LastCiphertext = blob;
        await JsonAsync(context, w =>
        {
            w.WriteBase64String("CiphertextBlob", blob);
            w.WriteString("KeyId", keyArn);
            w.WriteString("EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
        });
    }

    private async Task DecryptAsync(HttpContext context, string body)
    {
        using JsonDocument request = JsonDocument.Parse(body);
        byte[] blob = request.RootElement.GetProperty("CiphertextBlob").GetBytesFromBase64();
        if (blob.Length < 2 + 12 + 16 || blob.Length < 2 + BinaryPrimitives.ReadUInt16BigEndian(blob) + 12 + 16)
        {
            await ErrorAsync(context, "InvalidCiphertextException", "The ciphertext is invalid");
            return;
        }

        int arnLength = BinaryPrimitives.ReadUInt16BigEndian(blob);
        string blobArn = Encoding.UTF8.GetString(blob, 2, arnLength);
        if (!_keys.TryGetValue(blobArn, out byte[]? key))
        {
            await ErrorAsync(context, "NotFoundException", $"Key '{blobArn}' does not exist");
            return;
        }

        if (request.RootElement.TryGetProperty("KeyId", out JsonElement keyIdElement))
        {
            string keyId = keyIdElement.GetString()!;
            if (!TryResolve(keyId, out string requestedArn, out _))
            {
                await ErrorAsync(context, "NotFoundException", $"Key '{keyId}' does not exist");
                return;
            }

            if (requestedArn != blobArn)
            {
                await ErrorAsync(context, "IncorrectKeyException", "The key ID in the request does not identify the key that encrypted the ciphertext");
                return;
            }

            if (_denied.ContainsKey(keyId))
            {
                await ErrorAsync(context, "AccessDeniedException", $"User is not authorized to perform: kms:Decrypt on resource: {blobArn}");
                return;
            }
        }

        int offset = 2 + arnLength;
        byte[] plaintext = new byte[blob.Length - offset - 12 - 16];
        try
        {
            using AesGcm gcm = new(key, 16);
            gcm.Decrypt(blob.AsSpan(offset, 12), blob.AsSpan(offset + 12, plaintext.Length), blob.AsSpan(blob.Length - 16), plaintext, ContextBytes(request.RootElement));
        }
        catch (AuthenticationTagMismatchException)
        {
            await ErrorAsync(context, "InvalidCiphertextException", null);
            return;
        }

        await JsonAsync(context, w =>
        {
            w.WriteString("KeyId", blobArn);
            w.WriteBase64String("Plaintext", plaintext);
            w.WriteString("EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
        });
    }

    private async Task AssumeRoleAsync(HttpContext context, string body)
    {
        Dictionary<string, string> form = body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p.Length > 1 ? p[1].Replace('+', ' ') : string.Empty));
        if (form.GetValueOrDefault("Action") != "AssumeRole")
        {
            await ErrorAsync(context, "UnknownOperationException", form.GetValueOrDefault("Action"));
            return;
        }

        string session = form["RoleSessionName"];
        SessionNames.Enqueue(session);
        context.Response.ContentType = "text/xml";
        await context.Response.WriteAsync($"""
            <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <AssumeRoleResult>
                <Credentials>
                  <AccessKeyId>{AssumedAccessKeyId}</AccessKeyId>
                  <SecretAccessKey>assumed-secret</SecretAccessKey>
                  <SessionToken>assumed-session-token</SessionToken>
                  <Expiration>2099-01-01T00:00:00Z</Expiration>
                </Credentials>
                <AssumedRoleUser>
                  <AssumedRoleId>AROAEXAMPLE:{session}</AssumedRoleId>
                  <Arn>{form["RoleArn"]}/{session}</Arn>
                </AssumedRoleUser>
              </AssumeRoleResult>
              <ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata>
            </AssumeRoleResponse>
            """);
    }

    public const string AssumedAccessKeyId = "ASIAASSUMEDROLE00001";

    private bool TryResolve(string keyId, out string keyArn, out byte[] key)
    {
        keyArn = _aliases.TryGetValue(keyId, out string? target) ? target : keyId;
        if (_keys.TryGetValue(keyArn, out byte[]? found))
        {
            key = found;
            return true;
        }

        key = [];
        return false;
    }

    // KMS binds the context independent of its order.
    private static byte[] ContextBytes(JsonElement request)
    {
        if (!request.TryGetProperty("EncryptionContext", out JsonElement context))
        {
            return [];
        }

        IEnumerable<string> pairs = context.EnumerateObject()
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => $"{p.Name.Length}:{p.Name}={p.Value.GetString()!.Length}:{p.Value.GetString()}");
        return Encoding.UTF8.GetBytes(string.Join(';', pairs));
    }

    private static async Task JsonAsync(HttpContext context, Action<Utf8JsonWriter> write)
    {
        context.Response.ContentType = "application/x-amz-json-1.1";
        using MemoryStream buffer = new();
        using (Utf8JsonWriter writer = new(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(buffer.ToArray());
    }

    private static Task ErrorAsync(HttpContext context, string type, string? message)
    {
        context.Response.StatusCode = 400;
        return JsonAsync(context, w =>
        {
            w.WriteString("__type", type);
            if (message is not null)
            {
                w.WriteString("message", message);
            }
        });
    }
}

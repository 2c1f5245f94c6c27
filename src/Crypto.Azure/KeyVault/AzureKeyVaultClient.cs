using System.Collections.Concurrent;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Crypt.Crypto.Errors;

namespace Crypt.Crypto.Azure.KeyVault;

/// <summary>
/// Speaks the three Key Vault key operations SOPS uses (get key, encrypt, decrypt with
/// RSA-OAEP-256; REST API 7.5) through an Azure.Core pipeline: retry, logging and bearer-token
/// policies from <see cref="AzureKeyVaultClientOptions"/> and a <see cref="TokenCredential"/>,
/// <see cref="DefaultAzureCredential"/> unless one is given (environment service principal,
/// workload identity, managed identity, Azure CLI, ...). Every failure becomes a
/// <see cref="KeySourceException"/> naming the key URL.
/// </summary>
public sealed class AzureKeyVaultClient
{
    private const string GetKeyOperation = "get key";

    private readonly TokenCredential? _credential;
    private readonly Lazy<TokenCredential> _defaultCredential = new(() => new DefaultAzureCredential());
    private readonly AzureKeyVaultClientOptions _options;
    private readonly ConcurrentDictionary<string, HttpPipeline> _pipelines = new(StringComparer.Ordinal);

    /// <summary>Creates a client; null arguments mean <see cref="DefaultAzureCredential"/> and default options.</summary>
    public AzureKeyVaultClient(TokenCredential? credential = null, AzureKeyVaultClientOptions? options = null)
    {
        _credential = credential;
        _options = options ?? new AzureKeyVaultClientOptions();
    }

    /// <summary>The version <c>GET /keys/{name}</c> reports as current (the last segment of its <c>kid</c>).</summary>
    internal Task<string> GetCurrentVersionAsync(AzureKeyVaultKeyReference key, CancellationToken cancellationToken) =>
        RunAsync(key, GetKeyOperation, async ct =>
        {
            HttpPipeline pipeline = Pipeline(key.VaultUri);
            using HttpMessage message = CreateMessage(pipeline, key, RequestMethod.Get, operation: null);
            Response response = await SendAsync(pipeline, key, GetKeyOperation, message, ct).ConfigureAwait(false);
            string kid = KeyVaultJson.ReadKid(response.Content.ToMemory().Span)
                ?? throw new KeySourceException(key.KeyUrl, "Key Vault's get key response has no key.kid");
            string version = kid.TrimEnd('/')[(kid.TrimEnd('/').LastIndexOf('/') + 1)..];
            return version.Length > 0 && version != key.Name
                ? version
                : throw new KeySourceException(key.KeyUrl, "Key Vault's get key response has a kid without a version");
        }, cancellationToken);

    /// <summary>Key Vault <c>encrypt</c> with RSA-OAEP-256.</summary>
    internal Task<byte[]> EncryptAsync(AzureKeyVaultKeyReference key, ReadOnlyMemory<byte> plaintext, CancellationToken cancellationToken) =>
        TransformAsync(key, "encrypt", plaintext, cancellationToken);

    /// <summary>Key Vault <c>decrypt</c> with RSA-OAEP-256; the caller wipes the result.</summary>
    internal Task<byte[]> DecryptAsync(AzureKeyVaultKeyReference key, ReadOnlyMemory<byte> ciphertext, CancellationToken cancellationToken) =>
        TransformAsync(key, "decrypt", ciphertext, cancellationToken);

    private Task<byte[]> TransformAsync(AzureKeyVaultKeyReference key, string operation, ReadOnlyMemory<byte> value, CancellationToken cancellationToken) =>
        RunAsync(key, operation, async ct =>
        {
            byte[] body = KeyVaultJson.WriteOperation(value.Span);
            try
            {
                HttpPipeline pipeline = Pipeline(key.VaultUri);
                using HttpMessage message = CreateMessage(pipeline, key, RequestMethod.Post, operation);
                message.Request.Headers.Add(HttpHeader.Names.ContentType, "application/json");
                message.Request.Content = RequestContent.Create(body);
                Response response = await SendAsync(pipeline, key, operation, message, ct).ConfigureAwait(false);
                ReadOnlyMemory<byte> content = response.Content.ToMemory();
                try
                {
                    return KeyVaultJson.ReadValue(content.Span)
                        ?? throw new KeySourceException(key.KeyUrl, $"Key Vault's {operation} response has no value");
                }
                finally
                {
                    KeyVaultJson.Wipe(content);
                }
            }
            finally
            {
                System.Security.Cryptography.CryptographicOperations.ZeroMemory(body);
            }
        }, cancellationToken);

    private static HttpMessage CreateMessage(HttpPipeline pipeline, AzureKeyVaultKeyReference key, RequestMethod method, string? operation)
    {
        HttpMessage message = pipeline.CreateMessage();
        Request request = message.Request;
        request.Method = method;
        request.Uri.Reset(key.VaultUri);
        request.Uri.AppendPath("/keys/", escape: false);
        request.Uri.AppendPath(key.Name, escape: true);
        if (operation is not null || key.Version.Length > 0)
        {
            // An empty version ("/keys/name//encrypt") means the current one to Key Vault.
            request.Uri.AppendPath("/", escape: false);
            request.Uri.AppendPath(key.Version, escape: true);
        }

        if (operation is not null)
        {
            request.Uri.AppendPath("/" + operation, escape: false);
        }

        request.Uri.AppendQuery("api-version", AzureKeyVaultClientOptions.ServiceVersion);
        request.Headers.Add(HttpHeader.Names.Accept, "application/json");
        return message;
    }

    // The response belongs to the message, which the caller disposes.
    private static async Task<Response> SendAsync(HttpPipeline pipeline, AzureKeyVaultKeyReference key, string operation, HttpMessage message, CancellationToken cancellationToken)
    {
        message.BufferResponse = true;
        await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        Response response = message.Response;
        if (response.IsError)
        {
            throw new KeySourceException(key.KeyUrl, $"Azure Key Vault {operation} failed: {KeyVaultJson.DescribeError(response.Status, response.Content.ToMemory().Span)}");
        }

        return response;
    }

    private HttpPipeline Pipeline(Uri vault) =>
        _pipelines.GetOrAdd(KeyVaultScope.ForVault(vault), scope => HttpPipelineBuilder.Build(
            _options,
            perCallPolicies: [],
            perRetryPolicies: [new BearerTokenAuthenticationPolicy(_credential ?? _defaultCredential.Value, scope)],
            new ResponseClassifier()));

    private async Task<T> RunAsync<T>(AzureKeyVaultKeyReference key, string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using CancellationTokenSource deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.OperationTimeout);
        try
        {
            // WaitAsync bounds the call even where a credential does not observe the token.
            return await call(deadline.Token).WaitAsync(_options.OperationTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            throw new KeySourceException(key.KeyUrl, $"Azure Key Vault {operation} did not finish within {_options.OperationTimeout.TotalSeconds:0.#} s", e);
        }
        catch (AggregateException e) when (e.InnerExceptions.All(i => i is OperationCanceledException))
        {
            // The retry policy gathers the per-try network timeouts.
            throw new KeySourceException(key.KeyUrl, $"Azure Key Vault {operation} got no answer ({e.InnerExceptions.Count} tries timed out)", e);
        }
        catch (Exception e) when (e is RequestFailedException or AuthenticationFailedException or HttpRequestException or IOException or AggregateException)
        {
            throw new KeySourceException(key.KeyUrl, $"Azure Key Vault {operation} failed: {e.Message}", e);
        }
    }
}

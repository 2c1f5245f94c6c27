using Amazon.KeyManagementService;
using Amazon.Runtime;
using Crypt.Crypto.Errors;

namespace Crypt.Crypto.Aws.Kms;

/// <summary>
/// Runs one KMS operation for one key under the options' overall deadline, and turns every
/// way it can fail into a <see cref="KeySourceException"/> naming the key. AWS error messages
/// name keys and principals, never the plaintext, so they are passed on.
/// </summary>
internal static class KmsCall
{
    public static async Task<T> RunAsync<T>(
        KmsKeyReference key,
        KmsClientOptions options,
        string operation,
        Func<IAmazonKeyManagementService, CancellationToken, Task<T>> call,
        CancellationToken cancellationToken)
    {
        using CancellationTokenSource deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.OperationTimeout);
        try
        {
            // WaitAsync bounds the call even if some part of the SDK (a credential provider
            // probing instance metadata, say) does not observe the token.
            return await RunCoreAsync(key, options, call, deadline.Token)
                .WaitAsync(options.OperationTimeout, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            throw new KeySourceException(
                key.DisplayName,
                $"AWS KMS {operation} did not finish within {options.OperationTimeout.TotalSeconds:0.#} s",
                e);
        }
        catch (AmazonServiceException e)
        {
            string code = string.IsNullOrEmpty(e.ErrorCode) ? ((int)e.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : e.ErrorCode;
            throw new KeySourceException(key.DisplayName, $"AWS KMS {operation} failed: {code}: {e.Message}", e);
        }
        catch (AmazonClientException e)
        {
            throw new KeySourceException(key.DisplayName, $"AWS KMS {operation} failed: {e.Message}", e);
        }
        catch (HttpRequestException e)
        {
            throw new KeySourceException(key.DisplayName, $"AWS KMS {operation} failed: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            // Unknown region in the ARN, malformed profile, bad endpoint URL.
            throw new KeySourceException(key.DisplayName, $"AWS KMS {operation} failed: {e.Message}", e);
        }
    }

    private static async Task<T> RunCoreAsync<T>(
        KmsKeyReference key,
        KmsClientOptions options,
        Func<IAmazonKeyManagementService, CancellationToken, Task<T>> call,
        CancellationToken cancellationToken)
    {
        using AmazonKeyManagementServiceClient client = await KmsClientFactory.CreateAsync(key, options, cancellationToken).ConfigureAwait(false);
        return await call(client, cancellationToken).ConfigureAwait(false);
    }

    public static Dictionary<string, string>? ContextOf(KmsKeyReference key)
    {
        if (key.Context.Count == 0)
        {
            return null;
        }

        Dictionary<string, string> context = new(StringComparer.Ordinal);
        foreach (KeyValuePair<string, string> pair in key.Context)
        {
            context[pair.Key] = pair.Value;
        }

        return context;
    }
}

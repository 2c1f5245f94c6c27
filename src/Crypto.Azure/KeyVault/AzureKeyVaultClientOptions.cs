using Azure.Core;

namespace Crypt.Crypto.Azure.KeyVault;

/// <summary>
/// Azure SDK client options for Crypt's Key Vault calls: transport, retry, diagnostics as for
/// any Azure client, plus an overall bound per key operation. Defaults retry three times with a
/// 10 s network timeout per try.
/// </summary>
public sealed class AzureKeyVaultClientOptions : ClientOptions
{
    /// <summary>The Key Vault REST API version the requests use (as the .NET SDK does).</summary>
    public const string ServiceVersion = "7.5";

    /// <summary>Creates options with bounded retries and timeouts.</summary>
    public AzureKeyVaultClientOptions()
    {
        Retry.MaxRetries = 3;
        Retry.Delay = TimeSpan.FromMilliseconds(500);
        Retry.MaxDelay = TimeSpan.FromSeconds(4);
        Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
    }

    /// <summary>
    /// The most one key operation may take, token acquisition, retries and back-off included.
    /// A vault that does not answer fails with a <see cref="Errors.KeySourceException"/> then.
    /// </summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(15);
}

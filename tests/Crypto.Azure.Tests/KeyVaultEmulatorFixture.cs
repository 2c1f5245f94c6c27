using System.Security.Cryptography.X509Certificates;
using Azure.Core.Pipeline;
using Crypt.Crypto.Azure.KeyVault;
using Crypt.Tests.Emulators.KeyVault;

namespace Crypt.Crypto.Azure.Tests;

/// <summary>One HTTPS emulator for the collection; tests add their own keys to it.</summary>
public sealed class KeyVaultEmulatorFixture : IAsyncLifetime
{
    internal KeyVaultEmulator Emulator { get; private set; } = null!;

    public async Task InitializeAsync() => Emulator = await KeyVaultEmulator.StartAsync();

    public async Task DisposeAsync() => await Emulator.DisposeAsync();

    /// <summary>
    /// A deadline for calls that must succeed: far above anything a loaded CI machine needs, so
    /// only the failure tests, which pass their own short timeout, depend on timing.
    /// </summary>
    internal static TimeSpan GenerousTimeout => TimeSpan.FromMinutes(2);

    /// <summary>
    /// Client options whose transport trusts exactly the emulator's self-signed certificate:
    /// the same <c>ClientOptions.Transport</c> a user sets for a private CA. Without
    /// <paramref name="operationTimeout"/> the deadline is <see cref="GenerousTimeout"/>.
    /// </summary>
    internal static AzureKeyVaultClientOptions TrustingOptions(X509Certificate2 certificate, TimeSpan? operationTimeout = null)
    {
        string thumbprint = certificate.Thumbprint;
        AzureKeyVaultClientOptions options = new()
        {
            Transport = new HttpClientTransport(new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == thumbprint,
            }),
        };
        TimeSpan timeout = operationTimeout ?? GenerousTimeout;
        options.OperationTimeout = timeout;
        options.Retry.NetworkTimeout = timeout / 2;

        return options;
    }
}

/// <summary>Key Vault tests share one emulator.</summary>
[CollectionDefinition(Name)]
public sealed class KeyVaultTestGroup : ICollectionFixture<KeyVaultEmulatorFixture>
{
    public const string Name = "keyvault";
}

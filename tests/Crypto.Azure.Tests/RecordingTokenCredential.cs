using System.Collections.Concurrent;
using Azure.Core;
using Crypt.Tests.Emulators.KeyVault;

namespace Crypt.Crypto.Azure.Tests;

/// <summary>
/// A <see cref="TokenCredential"/> as any Azure SDK user may pass one: hands out a fixed token
/// and remembers which scopes were asked for.
/// </summary>
internal sealed class RecordingTokenCredential(string token = KeyVaultEmulator.Token) : TokenCredential
{
    public ConcurrentQueue<string> Scopes { get; } = new();

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        foreach (string scope in requestContext.Scopes)
        {
            Scopes.Enqueue(scope);
        }

        return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(GetToken(requestContext, cancellationToken));
}

using Crypt.Tests.Emulators.Kms;

namespace Crypt.Crypto.Aws.Tests;

/// <summary>One emulator for the collection; tests add their own keys to it.</summary>
public sealed class KmsEmulatorFixture : IAsyncLifetime
{
    internal KmsEmulator Emulator { get; private set; } = null!;

    public async Task InitializeAsync() => Emulator = await KmsEmulator.StartAsync();

    public async Task DisposeAsync() => await Emulator.DisposeAsync();
}

/// <summary>
/// KMS tests share the emulator and the process environment (the SDK reads endpoints and
/// credentials from it), so they run one at a time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KmsTestGroup : ICollectionFixture<KmsEmulatorFixture>
{
    public const string Name = "kms";
}

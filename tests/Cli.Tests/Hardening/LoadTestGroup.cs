namespace Crypt.Cli.Tests.Hardening;

/// <summary>
/// The load tests run on their own: hundreds of concurrent crypt processes would starve every
/// other test running beside them (and be starved by them) on a two-core machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoadTestGroup
{
    public const string Name = "load";
}

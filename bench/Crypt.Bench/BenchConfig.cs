using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Crypt.Bench;

/// <summary>
/// A short job (1 launch, 1 warmup, 5 iterations): a million-leaf file takes seconds per
/// operation, and the figures that matter are ratios to the floor measured in the same run.
/// In-process, so a run does not build a second copy of the project.
/// </summary>
internal static class BenchConfig
{
    public static IConfig Create() =>
        DefaultConfig.Instance
            .AddJob(Job.Default
                .WithLaunchCount(1)
                .WithWarmupCount(1)
                .WithIterationCount(5)
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithId("short"))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(new PerLeafColumn())
            .WithOptions(ConfigOptions.DisableLogFile);
}

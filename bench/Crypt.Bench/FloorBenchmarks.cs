using BenchmarkDotNet.Attributes;
using Crypt.Formats.Stores;

namespace Crypt.Bench;

/// <summary>An operation of crypt next to its floor, per format and size; subclasses say which operation.</summary>
public abstract class FloorBenchmarks : IDisposable
{
    private IFloorWorkload? _workload;

    [Params(DocumentFormat.Yaml, DocumentFormat.Json)]
    public DocumentFormat Format { get; set; }

    [ParamsSource(typeof(LeafCounts), nameof(LeafCounts.Selected))]
    public int Leaves { get; set; }

    [GlobalSetup]
    public void Setup() => _workload = CreateWorkload(Format, Leaves);

    [GlobalCleanup]
    public void Dispose()
    {
        _workload?.Dispose();
        _workload = null;
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public long Floor() => _workload!.Floor();

    [Benchmark]
    public long Crypt() => _workload!.Crypt();

    private protected abstract IFloorWorkload CreateWorkload(DocumentFormat format, int leaves);
}

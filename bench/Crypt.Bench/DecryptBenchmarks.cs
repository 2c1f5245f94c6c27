using BenchmarkDotNet.Attributes;
using Crypt.Formats.Stores;

namespace Crypt.Bench;

/// <summary>crypt's decrypt next to its floor (parse + GCM over the same values + emit), per format and size.</summary>
public class DecryptBenchmarks : IDisposable
{
    private DecryptWorkload? _workload;

    [Params(DocumentFormat.Yaml, DocumentFormat.Json)]
    public DocumentFormat Format { get; set; }

    [ParamsSource(typeof(LeafCounts), nameof(LeafCounts.Selected))]
    public int Leaves { get; set; }

    [GlobalSetup]
    public void Setup() => _workload = new DecryptWorkload(Format, Leaves);

    [GlobalCleanup]
    public void Dispose()
    {
        _workload?.Dispose();
        _workload = null;
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public byte[] Floor() => _workload!.Floor();

    [Benchmark]
    public byte[] Crypt() => _workload!.Crypt();
}

using Crypt.Formats.Stores;

namespace Crypt.Bench;

/// <summary>crypt's decrypt next to its floor (parse + GCM over the same values + emit), per format and size.</summary>
public class DecryptBenchmarks : FloorBenchmarks
{
    private protected override IFloorWorkload CreateWorkload(DocumentFormat format, int leaves) => new DecryptWorkload(format, leaves);
}

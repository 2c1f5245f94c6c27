using Crypt.Formats.Stores;

namespace Crypt.Bench;

/// <summary>crypt's encrypt next to its floor (parse + GCM over the same values + emit), per format and size.</summary>
public class EncryptBenchmarks : FloorBenchmarks
{
    private protected override IFloorWorkload CreateWorkload(DocumentFormat format, int leaves) => new EncryptWorkload(format, leaves);
}

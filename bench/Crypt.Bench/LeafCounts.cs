using System.Globalization;

namespace Crypt.Bench;

/// <summary>
/// The file sizes to run: 1k, 10k, 100k and 1M leaves, or the comma-separated list in
/// <c>CRYPT_BENCH_LEAVES</c> for a quick run (BenchmarkDotNet's <c>--filter</c> cannot pick parameters).
/// </summary>
public static class LeafCounts
{
    public static IEnumerable<int> Selected =>
        Environment.GetEnvironmentVariable("CRYPT_BENCH_LEAVES") is { Length: > 0 } list
            ? list.Split(',').Select(s => int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture))
            : [1_000, 10_000, 100_000, 1_000_000];
}

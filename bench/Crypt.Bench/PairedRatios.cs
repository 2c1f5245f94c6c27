using System.Diagnostics;
using System.Globalization;
using Crypt.Formats.Stores;

namespace Crypt.Bench;

/// <summary>
/// <c>Crypt.Bench ratios [ROUNDS]</c>: a stopwatch check of the same comparisons that stays
/// meaningful on a busy machine. Floor and crypt alternate within each round (so a load change
/// hits both), and the ratio is taken between the fastest runs of each, the runs least
/// disturbed by other processes. Sizes come from <c>CRYPT_BENCH_LEAVES</c> as for the
/// BenchmarkDotNet classes, formats from <c>CRYPT_BENCH_FORMATS</c> (e.g. <c>json</c>; default both).
/// </summary>
internal static class PairedRatios
{
    public static int Run(string[] args)
    {
        int rounds = args.Length > 0 ? int.Parse(args[0], NumberStyles.None, CultureInfo.InvariantCulture) : 7;
        Console.WriteLine("| Operation | Format | Leaves | Floor min (ms) | Crypt min (ms) | Ratio (min/min) | Ratio (median) | Crypt ns/leaf |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");
        string formats = Environment.GetEnvironmentVariable("CRYPT_BENCH_FORMATS") is { Length: > 0 } f ? f : "yaml,json";
        foreach (DocumentFormat format in new[] { DocumentFormat.Yaml, DocumentFormat.Json })
        {
            if (!formats.Contains(format.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (int leaves in LeafCounts.Selected)
            {
                using (DecryptWorkload decrypt = new(format, leaves))
                {
                    Report("decrypt", format, leaves, rounds, decrypt.Floor, decrypt.Crypt);
                }

                using EncryptWorkload encrypt = new(format, leaves);
                Report("encrypt", format, leaves, rounds, encrypt.Floor, encrypt.Crypt);
            }
        }

        return 0;
    }

    private static void Report(string operation, DocumentFormat format, int leaves, int rounds, Func<long> floor, Func<long> crypt)
    {
        _ = floor();
        _ = crypt();
        List<double> floorTimes = [];
        List<double> cryptTimes = [];
        List<double> ratios = [];
        for (int round = 0; round < rounds; round++)
        {
            // Alternate which side goes first so neither always follows the other's garbage.
            bool floorFirst = round % 2 == 0;
            double first = Time(floorFirst ? floor : crypt);
            double second = Time(floorFirst ? crypt : floor);
            double f = floorFirst ? first : second;
            double c = floorFirst ? second : first;
            floorTimes.Add(f);
            cryptTimes.Add(c);
            ratios.Add(c / f);
        }

        double floorMin = floorTimes.Min();
        double cryptMin = cryptTimes.Min();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {operation} | {format} | {leaves} | {floorMin:0.00} | {cryptMin:0.00} | {cryptMin / floorMin:0.00} | {Median(ratios):0.00} | {cryptMin * 1e6 / leaves:0} |"));
    }

    private static double Time(Func<long> operation)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        int g0 = GC.CollectionCount(0), g1 = GC.CollectionCount(1), g2 = GC.CollectionCount(2);
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        long start = Stopwatch.GetTimestamp();
        long written = operation();
        double elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (Environment.GetEnvironmentVariable("CRYPT_BENCH_GCS") is not null)
        {
            Console.Error.WriteLine($"{operation.Method.Name}: {elapsed:0} ms, gc {GC.CollectionCount(0) - g0}/{GC.CollectionCount(1) - g1}/{GC.CollectionCount(2) - g2}, {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6:0.0} MB allocated");
        }

        GC.KeepAlive(written);
        return elapsed;
    }

    private static double Median(List<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

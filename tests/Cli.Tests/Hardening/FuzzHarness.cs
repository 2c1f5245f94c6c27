using System.Diagnostics;
using System.Globalization;
using CsCheck;

namespace Crypt.Cli.Tests.Hardening;

/// <summary>What one fuzz target saw: the figures its output line reports.</summary>
internal sealed record FuzzCounts(long Inputs, TimeSpan Wall, TimeSpan Cpu, TimeSpan Slowest, long MostAllocated, int SlowRetimed)
{
    /// <summary>Inputs per second of the fuzzing thread's own CPU time: what the machine's load does not change.</summary>
    public double PerCpuSecond => Cpu > TimeSpan.Zero ? Inputs / Cpu.TotalSeconds : 0;
}

/// <summary>
/// Runs a fuzz target's inputs on one dedicated thread with the checks issue 14 asks for, at a
/// per-input cost close to the parser's own: no task per input, no CsCheck shrinking (a failure
/// stops the run and names its input), only timestamps and the thread's allocation counter.
/// - No unhandled exception: <c>check</c> throws for anything but the allowed exceptions.
/// - No hang (> 1 s per input): an input over 1 s of wall time is timed again after the run
///   (best of three, so a descheduled thread on a loaded machine is not a hang) and fails when it
///   still takes over 1 s; one stuck for 30 s fails at once, while it runs.
/// - No memory blow-up: an input whose parse allocates more than <see cref="AllocationBound"/>
///   fails (what the fuzzing thread allocated, so the figure does not depend on when GC ran).
/// </summary>
internal static class FuzzHarness
{
    /// <summary>CI: 2,000 per target; soak (CRYPT_SOAK=1): 10 M; CRYPT_SOAK_INPUTS overrides both (a quick end-to-end soak).</summary>
    public static long Inputs { get; } =
        long.TryParse(Environment.GetEnvironmentVariable("CRYPT_SOAK_INPUTS"), NumberStyles.None, CultureInfo.InvariantCulture, out long inputs) && inputs > 0
            ? inputs
            : Environment.GetEnvironmentVariable("CRYPT_SOAK") == "1" ? 10_000_000 : 2_000;

    /// <summary>Inputs are under 100 KiB; a parser that allocates this much for one has blown up.</summary>
    public const long AllocationBound = 256L << 20;

    private static readonly TimeSpan s_hang = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_stuck = TimeSpan.FromSeconds(30);

    /// <summary>Runs <paramref name="iterations"/> inputs of <paramref name="inputs"/> through <paramref name="check"/>; returns the counts or throws naming the first failing input.</summary>
    public static FuzzCounts Run(string target, Gen<byte[]> inputs, Action<byte[]> check, long iterations)
    {
        long count = 0, started = 0, mostAllocated = 0, slowestTicks = 0;
        byte[]? current = null;
        string? failure = null;
        List<byte[]> slow = [];
        TimeSpan cpu = TimeSpan.Zero;
        Stopwatch watch = Stopwatch.StartNew();
        Thread worker = new(() =>
        {
            TimeSpan cpuStart = ThreadCpu();
            try
            {
                inputs.Sample(input =>
                {
                    if (Volatile.Read(ref failure) is not null)
                    {
                        return;
                    }

                    Volatile.Write(ref current, input);
                    long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                    long start = Stopwatch.GetTimestamp();
                    Volatile.Write(ref started, start);
                    string? error = Check(check, input);
                    long ticks = Stopwatch.GetTimestamp() - start;
                    Volatile.Write(ref started, 0);
                    long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
                    Volatile.Write(ref count, count + 1);
                    slowestTicks = Math.Max(slowestTicks, ticks);
                    mostAllocated = Math.Max(mostAllocated, allocated);
                    if (error is null && allocated > AllocationBound)
                    {
                        error = $"one input allocated {allocated >> 20} MiB (bound {AllocationBound >> 20} MiB)";
                    }

                    if (error is not null)
                    {
                        Volatile.Write(ref failure, $"{error} for input {Convert.ToBase64String(input)}");
                    }
                    else if (Stopwatch.GetElapsedTime(start, start + ticks) > s_hang && slow.Count < 100)
                    {
                        slow.Add(input);
                    }
                }, iter: iterations, threads: 1);
            }
            catch (Exception e)
            {
                Volatile.Write(ref failure, failure ?? e.ToString());
            }

            cpu = ThreadCpu() - cpuStart;
        })
        { IsBackground = true, Name = "fuzz" };
        worker.Start();
        SoakProgress.Write($"fuzz {target}: started, {iterations} inputs to run");
        long beats = 0;
        while (!worker.Join(TimeSpan.FromSeconds(1)))
        {
            if (++beats % 60 == 0)
            {
                SoakProgress.Write($"fuzz {target}: {Volatile.Read(ref count)} of {iterations} inputs in {watch.Elapsed.TotalMinutes:0} min");
            }

            long since = Volatile.Read(ref started);
            if (since != 0 && Stopwatch.GetElapsedTime(since) > s_stuck && Volatile.Read(ref current) is { } stuck)
            {
                // The thread stays stuck in the parser (a background thread: it ends with the test host).
                SoakProgress.Write($"fuzz {target}: FAILED, an input stuck for {s_stuck.TotalSeconds:0} s");
                throw new InvalidOperationException($"no answer in {s_stuck.TotalSeconds:0} s for input {Convert.ToBase64String(stuck)}");
            }
        }

        if (failure is not null)
        {
            SoakProgress.Write($"fuzz {target}: FAILED after {count} inputs (the test output names the input)");
            throw new InvalidOperationException(failure);
        }

        foreach (byte[] input in slow)
        {
            TimeSpan best = Enumerable.Range(0, 3).Select(attempt =>
            {
                long start = Stopwatch.GetTimestamp();
                _ = Check(check, input);
                return Stopwatch.GetElapsedTime(start);
            }).Min();
            if (best > s_hang)
            {
                throw new InvalidOperationException($"a hang: {best.TotalSeconds:0.0} s (best of 3) for input {Convert.ToBase64String(input)}");
            }
        }

        SoakProgress.Write($"fuzz {target}: done, {count} inputs in {watch.Elapsed.TotalMinutes:0} min, 0 failures");
        return new FuzzCounts(count, watch.Elapsed, cpu, Stopwatch.GetElapsedTime(0, slowestTicks), mostAllocated, slow.Count);
    }

    private static string? Check(Action<byte[]> check, byte[] input)
    {
        try
        {
            check(input);
            return null;
        }
        catch (Exception e)
        {
            return e.Message;
        }
    }

    /// <summary>The calling thread's user + system CPU time (Linux /proc/thread-self/stat, fields 14 and 15, in 1/100 s).</summary>
    private static TimeSpan ThreadCpu()
    {
        try
        {
            string stat = File.ReadAllText("/proc/thread-self/stat");
            // The command name (field 2) is in parentheses and may hold spaces: count from after it.
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            long ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromMilliseconds(ticks * 10);
        }
        catch (IOException)
        {
            return TimeSpan.Zero;
        }
    }
}

using BenchmarkDotNet.Running;

namespace Crypt.Bench;

/// <summary>
/// <c>Crypt.Bench generate DIR [LEAVES...]</c> writes the benchmark inputs for bench/run.sh;
/// <c>Crypt.Bench ratios [ROUNDS]</c> runs the paired stopwatch check; anything else goes to
/// BenchmarkDotNet (e.g. <c>--filter '*Encrypt*'</c>).
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["generate", string directory, .. string[] sizes])
        {
            return InputFiles.Write(directory, sizes);
        }

        if (args is ["ratios", .. string[] rounds])
        {
            return PairedRatios.Run(rounds);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, BenchConfig.Create());
        return 0;
    }
}

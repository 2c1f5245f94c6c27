using System.Globalization;
using Crypt.Formats.Stores;

namespace Crypt.Bench;

/// <summary>
/// Writes <c>plain-N.yaml</c> and <c>plain-N.json</c> for bench/run.sh (the whole-process
/// timings encrypt them with the native crypt, then decrypt what it wrote).
/// </summary>
internal static class InputFiles
{
    public static int Write(string directory, string[] sizes)
    {
        Directory.CreateDirectory(directory);
        int[] leaves = sizes.Length > 0
            ? [.. sizes.Select(s => int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture))]
            : [1_000, 10_000, 100_000, 1_000_000];
        foreach (int count in leaves)
        {
            foreach ((DocumentFormat format, string extension) in new[] { (DocumentFormat.Yaml, "yaml"), (DocumentFormat.Json, "json") })
            {
                string path = Path.Combine(directory, $"plain-{count}.{extension}");
                File.WriteAllBytes(path, DocumentGenerator.Generate(format, count));
                Console.WriteLine(path);
            }
        }

        return 0;
    }
}

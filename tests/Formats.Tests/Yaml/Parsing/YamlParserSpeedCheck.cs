using System.Diagnostics;
using System.Text;
using Crypt.Formats.Yaml.Parsing;
using Xunit.Abstractions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Crypt.Formats.Tests.Yaml.Parsing;

/// <summary>
/// The go-yaml port next to YamlDotNet's Scanner+Parser (what the YAML reader used before): both
/// must see the same scalars on a bench-shaped document. Run by hand for the speed ratio, on a
/// file from <c>dotnet run --project bench/Crypt.Bench -c Release -- generate DIR 100000</c>:
/// <c>CRYPT_YAML_SPEED_INPUT=DIR/plain-100000.yaml dotnet test tests/Formats.Tests -c Release
/// --filter YamlParserSpeedCheck --logger "console;verbosity=detailed"</c>. Timing is printed,
/// never asserted.
/// </summary>
public sealed class YamlParserSpeedCheck(ITestOutputHelper output)
{
    [Fact]
    public void The_port_and_YamlDotNet_see_the_same_scalars()
    {
        string? path = Environment.GetEnvironmentVariable("CRYPT_YAML_SPEED_INPUT");
        byte[] input = path is null ? Encoding.UTF8.GetBytes(BenchShaped(200)) : File.ReadAllBytes(path);

        Assert.Equal(YamlDotNetScalars(input), PortScalars(input));
        if (path is null)
        {
            return;
        }

        // Alternate the two so machine load hits both alike; compare the fastest rounds.
        TimeSpan port = TimeSpan.MaxValue;
        TimeSpan yamlDotNet = TimeSpan.MaxValue;
        for (int round = 0; round < 7; round++)
        {
            port = Min(port, Time(() => PortScalars(input)));
            yamlDotNet = Min(yamlDotNet, Time(() => YamlDotNetScalars(input)));
        }

        output.WriteLine($"{input.Length} bytes: port {port.TotalMilliseconds:F1} ms, YamlDotNet {yamlDotNet.TotalMilliseconds:F1} ms, ratio port/YamlDotNet {port / yamlDotNet:F2}");
    }

    private static List<string> PortScalars(byte[] input)
    {
        List<string> scalars = [];
        YamlParser parser = new(input);
        while (parser.Next() is { } e)
        {
            if (e.Kind == YamlEventKind.Scalar)
            {
                scalars.Add(e.Value!);
            }
        }

        return scalars;
    }

    private static List<string> YamlDotNetScalars(byte[] input)
    {
        List<string> scalars = [];
        using StreamReader reader = new(new MemoryStream(input, writable: false), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024);
        Parser parser = new(new Scanner(reader, skipComments: false));
        while (parser.MoveNext())
        {
            if (parser.Current is Scalar scalar)
            {
                scalars.Add(scalar.Value);
            }
        }

        return scalars;
    }

    private static TimeSpan Time(Action action)
    {
        Stopwatch clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>The shape bench/Crypt.Bench generates: a head comment and ten leaves per service.</summary>
    private static string BenchShaped(int services)
    {
        StringBuilder sb = new();
        for (int i = 0; i < services; i++)
        {
            sb.Append($"# service_{i:D6}: connection settings, owner team-{i % 7}\nservice_{i:D6}:\n");
            sb.Append($"    name: service_{i:D6}\n    host: db-{i:D6}.internal.example.com\n    port: {17301 + i}\n");
            sb.Append($"    enabled: {(i % 2 == 0 ? "false" : "true")}\n    ratio: 0.{i % 1000}\n    password: 'p{i}w''d'\n");
            sb.Append("    tags:\n        - canary\n        - \"edge\\tx\"\n    limits:\n        cpu: 100m\n        memory: >-\n          3904Mi\n          more\n");
        }

        return sb.ToString();
    }
}

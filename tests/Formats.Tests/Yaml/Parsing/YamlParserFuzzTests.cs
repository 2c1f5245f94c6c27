using System.Diagnostics;
using System.Text;
using Crypt.Crypto.Errors;
using Crypt.Formats.Yaml.Parsing;
using Crypt.Tests;
using CsCheck;

namespace Crypt.Formats.Tests.Yaml.Parsing;

/// <summary>
/// Hostile input for the go-yaml port: byte mutations of real files (../shared/corpus/configs)
/// and of the yaml-test-suite inputs either parse or fail with <see cref="CryptFormatException"/>;
/// never another exception, a hang or runaway allocation. Findings become regression cases below.
/// </summary>
public sealed class YamlParserFuzzTests
{
    private static readonly byte[][] s_tokens = [.. new[]
    {
        ":", ": ", "- ", "-", "#", " #", "'", "\"", "[", "]", "{", "}", ",", "? ", "?", "&a ", "*a", "!!str ", "!x ",
        "!<tag:x> ", "|", "|-\n", ">+\n", "|2\n", "\t", "\n", "\r\n", "  ", "    ", "---\n", "...\n", "%YAML 1.2\n",
        "%TAG !e! tag:e,2000:\n", "\\", "\\x4", "\\u00e9", "\u00e9", "\u2028", "\u0085", "\uFEFF", "a: b\n", "  - x\n",
    }.Select(Encoding.UTF8.GetBytes)];

    private static readonly Lazy<byte[][]> s_seeds = new(LoadSeeds);

    [Fact]
    public void Mutated_real_files_parse_or_fail_with_CryptFormatException_only()
    {
        byte[][] seeds = s_seeds.Value;
        Gen<(int Op, int Position, int Length, int Pick)> mutation =
            Gen.Select(Gen.Int[0, 7], Gen.Int[0, int.MaxValue], Gen.Int[1, 64], Gen.Int[0, int.MaxValue]);
        Gen<byte[]> inputs = Gen.Select(Gen.Int[0, seeds.Length - 1], mutation.Array[1, 8], (seed, ops) => Mutate(seeds[seed], ops));

        // About 5 s on an idle machine, so it stays well under a minute on a loaded CI machine.
        inputs.Sample(ParseWithinBounds, iter: 40_000);
    }

    [Theory]
    [InlineData("- - - - - - - - - - - - - - - - - - - - x\n")]
    [InlineData("a: [\n")]
    [InlineData("a: \"\\")]
    [InlineData("a: |")]
    [InlineData("\uFEFF")]
    [InlineData("&")]
    [InlineData("!")]
    [InlineData("!<")]
    [InlineData("%TAG ! !\n--- !%")]
    [InlineData("? ")]
    [InlineData("[:")]
    [InlineData("{\"a\"")]
    [InlineData("- \t- x\n")]
    [InlineData("...x")]
    [InlineData("#\r")]
    public void Truncated_and_odd_inputs_fail_cleanly_or_parse(string yaml) =>
        ParseWithinBounds(Encoding.UTF8.GetBytes(yaml));

    [Fact]
    public void Deep_nesting_fails_cleanly_at_go_yamls_limit()
    {
        byte[] flow = Encoding.UTF8.GetBytes(new string('[', 20_000));
        CryptFormatException e = Assert.Throws<CryptFormatException>(() => YamlParser.ParseAll(flow));
        Assert.Contains("exceeded max depth of 10000", e.Message, StringComparison.Ordinal);

        StringBuilder block = new();
        for (int i = 0; i < 10_005; i++)
        {
            block.Append("- ");
        }

        CryptFormatException blockError = Assert.Throws<CryptFormatException>(() => YamlParser.ParseAll(Encoding.UTF8.GetBytes(block.Append("x\n").ToString())));
        Assert.Contains("exceeded max depth of 10000", blockError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_comments_after_a_deep_dedent_stay_linear()
    {
        StringBuilder sb = new();
        for (int i = 0; i < 5_000; i++)
        {
            sb.Append("- ");
        }

        sb.Append("x\n");
        for (int i = 0; i < 20_000; i++)
        {
            sb.Append(i % 2 == 0 ? "#c\n" : " #c\n");
        }

        sb.Append("y\n");
        ParseWithinBounds(Encoding.UTF8.GetBytes(sb.ToString()));
    }

    [Fact]
    public void A_long_line_parses_in_linear_time()
    {
        string longKey = new('k', 2_000_000);
        string flow = "[" + string.Join(",", Enumerable.Range(0, 200_000).Select(i => "v" + i)) + "]";
        ParseWithinBounds(Encoding.UTF8.GetBytes(longKey + ": v\n"));
        ParseWithinBounds(Encoding.UTF8.GetBytes("a: " + flow + "\n"));
        ParseWithinBounds(Encoding.UTF8.GetBytes("a: " + new string(' ', 1_000_000) + "#c\n"));
    }

    /// <summary>Parses on a worker with a generous time bound and an allocation bound linear in the input.</summary>
    private static void ParseWithinBounds(byte[] input)
    {
        Exception? failure = null;
        long allocated = 0;
        Task work = Task.Run(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                YamlParser parser = new(input);
                while (parser.Next() is not null)
                {
                }
            }
            catch (CryptFormatException)
            {
                // The only failure allowed.
            }
            catch (Exception e)
            {
                failure = e;
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        });

        Stopwatch clock = Stopwatch.StartNew();
        if (!work.Wait(TimeSpan.FromSeconds(30)))
        {
            Assert.Fail($"parsing did not finish in {clock.Elapsed}: {Convert.ToBase64String(input)}");
        }

        if (failure is not null)
        {
            Assert.Fail($"{failure.GetType().Name} escaped for input {Convert.ToBase64String(input)}: {failure}");
        }

        long bound = (64L * input.Length) + (16L << 20);
        Assert.True(allocated < bound, $"parsing {input.Length} bytes allocated {allocated} bytes: {Convert.ToBase64String(input)}");
    }

    private static byte[] Mutate(byte[] seed, (int Op, int Position, int Length, int Pick)[] ops)
    {
        List<byte> data = [.. seed];
        foreach ((int op, int position, int length, int pick) in ops)
        {
            int at = data.Count == 0 ? 0 : position % data.Count;
            int len = Math.Min(length, data.Count - at);
            switch (op)
            {
                case 0:
                    data.Insert(at, (byte)pick);
                    break;
                case 1:
                    data.RemoveRange(at, len);
                    break;
                case 2:
                    if (data.Count > 0)
                    {
                        data[at] = (byte)pick;
                    }

                    break;
                case 3:
                    data.InsertRange(at, data.GetRange(at, len));
                    break;
                case 4:
                case 5:
                    data.InsertRange(at, s_tokens[pick % s_tokens.Length]);
                    break;
                case 6:
                    // Re-indent a line: move its start by up to 8 spaces either way.
                    int lineStart = at == 0 ? 0 : data.LastIndexOf((byte)'\n', at - 1) + 1;
                    int shift = (pick % 17) - 8;
                    if (shift > 0)
                    {
                        data.InsertRange(lineStart, Enumerable.Repeat((byte)' ', shift));
                    }
                    else
                    {
                        int spaces = 0;
                        while (spaces < -shift && lineStart + spaces < data.Count && data[lineStart + spaces] == ' ')
                        {
                            spaces++;
                        }

                        data.RemoveRange(lineStart, spaces);
                    }

                    break;
                default:
                    data.RemoveRange(at, data.Count - at);
                    break;
            }
        }

        return [.. data];
    }

    private static byte[][] LoadSeeds()
    {
        string configs = Path.Combine(SharedPaths.Shared, "corpus", "configs");
        List<byte[]> seeds = [.. Directory.GetFiles(configs, "*.y*ml").Order(StringComparer.Ordinal).Select(File.ReadAllBytes)];
        seeds.AddRange(YamlSuiteCases.Ids().Select(YamlSuiteCases.Input));
        Assert.True(seeds.Count > 400, "the corpus seeds are missing");
        return [.. seeds];
    }
}

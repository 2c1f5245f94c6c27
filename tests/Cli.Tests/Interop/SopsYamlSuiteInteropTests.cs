using System.Text.RegularExpressions;
using Crypt.Cli.Tests.EncryptDecrypt;
using Crypt.Tests;

namespace Crypt.Cli.Tests.Interop;

/// <summary>
/// Live interop with the real sops on the yaml-test-suite cases sops accepts (checks (a) to (c)
/// of <see cref="SopsYamlConfigInteropTests"/>), and the refusals sops makes for a reason of its
/// store (not a parse error) made by crypt too, with the line and column.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed partial class SopsYamlSuiteInteropTests
{
    // Known differences, each checked to still differ so the list cannot go stale.
    private static readonly Dictionary<string, string> s_knownDifferences = new(StringComparer.Ordinal)
    {
        ["565N"] = "!!binary values holding bytes that are not UTF-8: tree strings are text, so the bytes and the MAC differ",
    };

    // go-yaml misreads these valid documents; crypt's parser reads them as the spec and the suite's
    // in.json say (YamlTestSuiteEventTests checks the events). crypt opens sops's files of them, but
    // its own round trip gives the spec's data where sops's gives go-yaml's.
    private static readonly Dictionary<string, string> s_specReadings = new(StringComparer.Ordinal)
    {
        ["4ABK"] = "flow mapping entry 'omitted value:' with no value: go-yaml reads the key as 'omitted value:', the spec as 'omitted value' with a null value",
        ["652Z"] = "'?foo' in a flow mapping: go-yaml reads the key as '?foo', the spec as 'foo'",
        ["Y2GN"] = "anchor '&an:chor': go-yaml ends the anchor at ':' and reads the value as ':chor value', the spec reads the anchor 'an:chor' and the value 'value'",
    };

    public static TheoryData<string> Accepted() =>
        [.. YamlCorpus.SuiteCases().Where(c => c.SopsAccepts && !c.SpecError && !s_knownDifferences.ContainsKey(c.Id) && !s_specReadings.ContainsKey(c.Id)).Select(c => c.Id)];

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Crypt_and_sops_read_each_others_files_of_this_case_to_the_same_bytes(string id)
    {
        using Workspace ws = new();
        SopsYamlInterop.CryptOpensWhatSopsWrote(ws, "yaml-test-suite/" + id, InYaml(id));
        SopsYamlInterop.RoundTripsMatchSops(ws, "yaml-test-suite/" + id);
    }

    // sops accepts these invalid documents; what it writes is valid YAML, which crypt must open.
    public static TheoryData<string> InvalidButAcceptedBySops() =>
        [.. YamlCorpus.SuiteCases().Where(c => c.SopsAccepts && c.SpecError).Select(c => c.Id)];

    [Theory]
    [MemberData(nameof(InvalidButAcceptedBySops))]
    public void Crypt_opens_what_sops_wrote_from_an_invalid_document_it_accepted(string id)
    {
        using Workspace ws = new();
        SopsYamlInterop.CryptOpensWhatSopsWrote(ws, "yaml-test-suite/" + id, InYaml(id));
    }

    [Fact]
    public void Each_known_difference_still_differs()
    {
        foreach (string id in s_knownDifferences.Keys)
        {
            using Workspace ws = new();
            Assert.ThrowsAny<Exception>(() => SopsYamlInterop.CryptOpensWhatSopsWrote(ws, "yaml-test-suite/" + id, InYaml(id)));
        }
    }

    [Fact]
    public void Where_go_yaml_misreads_valid_yaml_crypt_opens_sops_files_but_round_trips_the_spec_data()
    {
        foreach (string id in s_specReadings.Keys)
        {
            using Workspace ws = new();
            SopsYamlInterop.CryptOpensWhatSopsWrote(ws, "yaml-test-suite/" + id, InYaml(id));
            Assert.ThrowsAny<Exception>(() => SopsYamlInterop.RoundTripsMatchSops(ws, "yaml-test-suite/" + id));
        }
    }

    public static TheoryData<string> RefusedByTheStore() =>
        [.. YamlCorpus.SuiteCases().Where(c => !c.SopsAccepts && c.Category is "top-level-not-mapping" or "non-scalar-key" or "non-string-key" or "duplicate-key" or "no-document").Select(c => c.Id)];

    [Theory]
    [MemberData(nameof(RefusedByTheStore))]
    public void A_case_sops_refuses_for_its_store_is_refused_with_a_one_line_message(string id)
    {
        using Workspace ws = new();
        File.Copy(InYaml(id), ws.Path("in.yaml"));
        string category = YamlCorpus.SuiteCases().Single(c => c.Id == id).Category;
        AssertRefusedWithOneLine(ws, id, expectPosition: category != "no-document");
    }

    internal static void AssertRefusedWithOneLine(Workspace ws, string what, bool expectPosition)
    {
        CryptResult result = ws.Run("encrypt", "--age", ws.Recipient, "--input-type", "yaml", "--output-type", "yaml", "in.yaml");
        Assert.True(result.ExitCode != 0, what + ": accepted\n" + result);
        string message = result.Stderr.TrimEnd('\n');
        Assert.DoesNotContain('\n', message);
        if (expectPosition)
        {
            Assert.Matches(LineAndColumn(), message);
        }
    }

    private static string InYaml(string id) => Path.Combine(SharedPaths.Corpus, "yaml-test-suite", "data", id, "in.yaml");

    [GeneratedRegex(@"in\.yaml:\d+:\d+: ")]
    private static partial Regex LineAndColumn();
}

using Crypt.Crypto.Errors;
using Crypt.Tests;

namespace Crypt.Formats.Tests.Yaml.Parsing;

/// <summary>
/// The go-yaml v3 port against the official yaml-test-suite (data-2022-01-17, read in place from
/// ../shared/corpus/yaml-test-suite): every case with an <c>error</c> file is refused, every other
/// case gives exactly its <c>test.event</c>, except the cases listed with a reason in
/// SuiteDeviations.tsv, which must still differ (so the list stays true).
/// </summary>
public sealed class YamlTestSuiteEventTests
{
    private static readonly Lazy<Dictionary<string, string>> s_deviations = new(LoadDeviations);

    public static TheoryData<string> Cases()
    {
        TheoryData<string> data = [];
        foreach (string id in YamlSuiteCases.Ids())
        {
            data.Add(id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Suite_case_is_refused_or_gives_its_events(string id)
    {
        byte[] input = YamlSuiteCases.Input(id);
        if (YamlSuiteCases.IsError(id))
        {
            CryptFormatException e = Assert.Throws<CryptFormatException>(() => YamlSuiteCases.Events(input));
            Assert.True(e.Line > 0, $"{id}: the error names no line: {e.Message}");
            Assert.True(e.Column > 0, $"{id}: the error names no column: {e.Message}");
            return;
        }

        string expected = YamlSuiteCases.ExpectedEvents(id);
        if (s_deviations.Value.ContainsKey(id))
        {
            string? got = null;
            try
            {
                got = YamlSuiteCases.Events(input);
            }
            catch (CryptFormatException)
            {
                // Refused: still a deviation.
            }

            Assert.False(got == expected, $"{id} is listed in SuiteDeviations.tsv but now gives its events: remove it from the list");
            return;
        }

        Assert.Equal(expected, YamlSuiteCases.Events(input));
    }

    [Fact]
    public void Every_listed_deviation_is_a_valid_suite_case_with_a_reason()
    {
        HashSet<string> ids = [.. YamlSuiteCases.Ids()];
        foreach ((string id, string reason) in s_deviations.Value)
        {
            Assert.Contains(id, ids);
            Assert.False(YamlSuiteCases.IsError(id), $"{id} is an error case; error cases are never deviations");
            Assert.False(string.IsNullOrWhiteSpace(reason), $"{id} has no reason");
        }
    }

    [Fact]
    public void The_suite_is_all_there()
    {
        // The data release holds 402 cases, 94 of them errors (README of the shared copy).
        List<string> ids = [.. YamlSuiteCases.Ids()];
        Assert.Equal(402, ids.Count);
        Assert.Equal(94, ids.Count(YamlSuiteCases.IsError));
    }

    private static Dictionary<string, string> LoadDeviations()
    {
        string path = Path.Combine(SharedPaths.RepoRoot, "tests", "Formats.Tests", "Yaml", "Parsing", "SuiteDeviations.tsv");
        Dictionary<string, string> deviations = new(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(path).Skip(1))
        {
            if (line.Length == 0)
            {
                continue;
            }

            string[] cells = line.Split('\t');
            deviations.Add(cells[0], cells.Length > 1 ? cells[1] : string.Empty);
        }

        return deviations;
    }
}

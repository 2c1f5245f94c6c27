using System.Text.Json;
using Xunit.Abstractions;

namespace Crypt.Cli.Tests.Corpus;

/// <summary>
/// Every file of <c>../shared/corpus/configs</c> through the CLI (issue 11): the files sops
/// refuses are refused with a clear message (JSON with a BOM aside: Crypt accepts it), every
/// other file survives <c>crypt encrypt</c> then <c>crypt decrypt</c> with its data and every
/// comment, its encrypted form has no plaintext value, and its output is the bytes sops's own
/// round trip gives, wherever sops keeps every comment.
/// </summary>
[Collection(CorpusTestGroup.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CorpusRoundTripTests(CorpusFixture corpus, ITestOutputHelper output)
{
    public static TheoryData<string> Refused() => Corpus.Names(f => Corpus.ExpectationOf(f.Name).Outcome == CorpusOutcome.Refused);

    public static TheoryData<string> Accepted() => Corpus.Names(f => Corpus.ExpectationOf(f.Name).Outcome != CorpusOutcome.Refused);

    public static TheoryData<string> WithSopsReference() => Corpus.Names(f => Corpus.ExpectationOf(f.Name).SopsIsByteReference);

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_file_sops_refuses_is_refused_with_one_line_naming_the_file_and_the_problem(string file) =>
        AssertNoProblem(CorpusChecks.Refusal(corpus[file]));

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Encrypt_then_decrypt_keeps_the_data_and_every_comment_at_its_level(string file) =>
        AssertNoProblem(CorpusChecks.RoundTrip(corpus[file]));

    [Theory]
    [MemberData(nameof(Accepted))]
    public void The_encrypted_form_has_no_plaintext_value_and_a_changed_byte_fails_decrypt(string file) =>
        AssertNoProblem(CorpusChecks.Encrypted(corpus[file]));

    [Theory]
    [MemberData(nameof(WithSopsReference))]
    public void Encrypt_then_decrypt_gives_the_bytes_of_sops_own_round_trip(string file) =>
        AssertNoProblem(CorpusChecks.Bytes(corpus[file]));

    [Fact]
    public void Every_corpus_file_is_judged_or_has_a_listed_reason_and_the_counts_are_printed()
    {
        output.WriteLine($"corpus: {Corpus.Files.Count} files, crypt and sops runs took {corpus.Elapsed.TotalSeconds:0.0} s");
        output.WriteLine("format   files  refused-as-expected  round-tripped  same-bytes-as-sops  byte-identical-to-input  no-byte-reference");
        foreach (IGrouping<string, FileRuns> format in corpus.All.GroupBy(r => r.File.InputType))
        {
            FileRuns[] refusals = [.. format.Where(r => r.Expectation.Outcome == CorpusOutcome.Refused)];
            FileRuns[] accepted = [.. format.Except(refusals)];
            output.WriteLine(
                $"{format.Key,-8} {format.Count(),5}  {refusals.Count(r => CorpusChecks.Refusal(r) is null),4} of {refusals.Length,-13}"
                + $"  {accepted.Count(r => CorpusChecks.RoundTrip(r) is null && CorpusChecks.Encrypted(r) is null),3} of {accepted.Length,-7}"
                + $"  {accepted.Count(r => r.Reference is not null && CorpusChecks.Bytes(r) is null),3} of {accepted.Count(r => r.Expectation.SopsIsByteReference),-12}"
                + $"  {accepted.Count(r => r.Decrypt is { ExitCode: 0 } d && d.Stdout.AsSpan().SequenceEqual(r.File.Bytes)),3}"
                + $"{string.Empty,21}  {accepted.Count(r => !r.Expectation.SopsIsByteReference),3}");
        }

        foreach (FileRuns runs in corpus.All)
        {
            string? problem = runs.Expectation.Outcome == CorpusOutcome.Refused ? CorpusChecks.Refusal(runs)
                : CorpusChecks.RoundTrip(runs) ?? CorpusChecks.Encrypted(runs) ?? (runs.Expectation.SopsIsByteReference ? CorpusChecks.Bytes(runs) : null);
            if (problem is not null)
            {
                output.WriteLine($"FAIL {runs.File.Name}: {CorpusChecks.FirstLine(problem)}");
            }
        }

        // No file is skipped without a listed reason: every row names a corpus file; the refusals
        // are exactly sops's, less the JSON files whose only fault is a BOM; every file without a
        // byte reference is one MANIFEST.tsv shows sops losing comments of, or failing on.
        HashSet<string> names = [.. Corpus.Files.Select(f => f.Name)];
        Assert.DoesNotContain(Corpus.Expectations.Keys, k => !names.Contains(k));
        Assert.All(corpus.All, r => Assert.True(r.Error is null, $"{r.File.Name}: {r.Error}"));
        HashSet<string> refused = [.. Corpus.Expectations.Values.Where(e => e.Outcome == CorpusOutcome.Refused).Select(e => e.File)];
        Assert.DoesNotContain(refused, f => !Corpus.SopsRefusals.Contains(f));
        Assert.All(Corpus.SopsRefusals.Where(f => !refused.Contains(f)), f => AssertOnlyABom(Corpus.File(f)));
        Assert.All(Corpus.Files, f =>
        {
            CorpusOutcome listed = Corpus.ExpectationOf(f.Name).Outcome;
            CorpusOutcome? manifest = f.CommentsNotRestoredBySops > 0 ? CorpusOutcome.SopsLosesComments : f.SopsDecrypt == "panic" ? CorpusOutcome.SopsPanics : null;
            CorpusOutcome? lossy = listed is CorpusOutcome.SopsLosesComments or CorpusOutcome.SopsPanics ? listed : null;
            Assert.True(manifest == lossy, $"{f.Name}: MANIFEST.tsv says {manifest?.ToString() ?? "sops keeps every comment"}, CorpusExpectations.tsv says {listed}");
        });
    }

    private static void AssertOnlyABom(CorpusFile file)
    {
        Assert.True(file.InputType == "json" && file.HasBom, $"{file.Name}: sops refuses it and CorpusExpectations.tsv does not list it as refused, but it is not JSON with a BOM");
        using JsonDocument document = JsonDocument.Parse(file.Normalized());
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
    }

    private static void AssertNoProblem(string? problem) => Assert.True(problem is null, problem);
}

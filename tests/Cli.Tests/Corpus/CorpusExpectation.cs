namespace Crypt.Cli.Tests.Corpus;

/// <summary>
/// One row of CorpusExpectations.tsv. For <see cref="CorpusOutcome.Refused"/> the detail is a
/// pattern (case-insensitive) the one-line message must match; otherwise it says why the file
/// is not simply byte-identical after a round trip.
/// </summary>
internal sealed record CorpusExpectation(string File, CorpusOutcome Outcome, string Detail)
{
    /// <summary>Whether sops's own round trip is the byte reference for Crypt's.</summary>
    public bool SopsIsByteReference => Outcome is CorpusOutcome.Identical or CorpusOutcome.Layout;
}

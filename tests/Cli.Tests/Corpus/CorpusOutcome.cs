namespace Crypt.Cli.Tests.Corpus;

/// <summary>What a corpus file must give through crypt (see CorpusExpectations.tsv).</summary>
internal enum CorpusOutcome
{
    /// <summary>Not listed: encrypt then decrypt gives the input bytes back.</summary>
    Identical,

    /// <summary>Refused with a one-line message matching the listed pattern.</summary>
    Refused,

    /// <summary>Round-trips to the bytes sops's writer gives (which are not the input's): the reason says why.</summary>
    Layout,

    /// <summary>sops loses some comments of this file; Crypt keeps every one, so its bytes have no sops reference.</summary>
    SopsLosesComments,

    /// <summary>sops cannot decrypt this file at all (a panic); Crypt round-trips it.</summary>
    SopsPanics,
}

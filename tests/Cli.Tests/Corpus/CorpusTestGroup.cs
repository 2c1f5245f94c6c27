namespace Crypt.Cli.Tests.Corpus;

/// <summary>The corpus and live-sops tests share one fixture: every file is encrypted once per tool.</summary>
[CollectionDefinition(Name)]
public sealed class CorpusTestGroup : ICollectionFixture<CorpusFixture>
{
    public const string Name = "corpus";
}

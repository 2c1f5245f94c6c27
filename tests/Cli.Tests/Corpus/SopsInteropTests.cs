using Xunit.Abstractions;

namespace Crypt.Cli.Tests.Corpus;

/// <summary>
/// Live interop with the real sops on every corpus file sops accepts, both directions: what
/// sops encrypted, crypt decrypts to exactly the bytes sops prints (where sops loses comments,
/// crypt keeps every one its file holds); what crypt encrypted, sops decrypts to the bytes
/// crypt prints (BOM and CRLF aside, which only crypt puts back).
/// </summary>
[Collection(CorpusTestGroup.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SopsInteropTests(CorpusFixture corpus, ITestOutputHelper output)
{
    public static TheoryData<string> SopsAccepts() => Corpus.Names(f => f.SopsAccepts);

    [Theory]
    [MemberData(nameof(SopsAccepts))]
    public void Crypt_decrypts_a_file_sops_encrypted_to_the_bytes_sops_prints(string file)
    {
        string? problem = CorpusChecks.SopsToCrypt(corpus[file]);
        Assert.True(problem is null, problem);
    }

    [Theory]
    [MemberData(nameof(SopsAccepts))]
    public void Sops_decrypts_a_file_crypt_encrypted_to_the_bytes_crypt_prints(string file)
    {
        string? problem = CorpusChecks.CryptToSops(corpus[file]);
        Assert.True(problem is null, problem);
    }

    [Fact]
    public void The_interop_counts_are_printed_and_every_file_sops_accepts_is_judged()
    {
        output.WriteLine("format   sops-accepts  sops->crypt  crypt->sops");
        foreach (IGrouping<string, FileRuns> format in corpus.All.Where(r => r.File.SopsAccepts).GroupBy(r => r.File.InputType))
        {
            output.WriteLine($"{format.Key,-8} {format.Count(),12}  {format.Count(r => CorpusChecks.SopsToCrypt(r) is null),11}  {format.Count(r => CorpusChecks.CryptToSops(r) is null),11}");
        }

        foreach (FileRuns runs in corpus.All.Where(r => r.File.SopsAccepts))
        {
            string? problem = CorpusChecks.SopsToCrypt(runs) is { } a ? "sops->crypt: " + a
                : CorpusChecks.CryptToSops(runs) is { } b ? "crypt->sops: " + b
                : null;
            if (problem is not null)
            {
                output.WriteLine($"FAIL {runs.File.Name}: {CorpusChecks.FirstLine(problem)}");
            }
        }

        Assert.All(corpus.All.Where(r => r.File.SopsAccepts), r => Assert.NotNull(r.SopsEncrypt));
        Assert.Equal(5, corpus.All.Where(r => r.File.SopsAccepts).Select(r => r.File.InputType).Distinct().Count());
    }
}

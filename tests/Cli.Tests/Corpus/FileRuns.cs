using Crypt.Tests;

namespace Crypt.Cli.Tests.Corpus;

/// <summary>
/// Everything the corpus and interop tests assert on for one file, produced once by
/// <see cref="CorpusFixture"/>: crypt's encrypt, decrypt and tampered decrypt, sops's encrypt
/// and decrypt of the same input, and each tool decrypting the other's file.
/// </summary>
internal sealed class FileRuns(CorpusFile file, CorpusExpectation expectation)
{
    public CorpusFile File { get; } = file;

    public CorpusExpectation Expectation { get; } = expectation;

    /// <summary>For a refusal: crypt encrypt -i on a copy.</summary>
    public CryptResult? Refusal { get; set; }

    /// <summary>For a refusal: whether the copy kept its bytes and nothing else appeared beside it.</summary>
    public string? RefusalLeftovers { get; set; }

    public CryptResult? Encrypt { get; set; }

    public CryptResult? Decrypt { get; set; }

    /// <summary>Which ENC value had a byte changed, and crypt decrypt of that copy.</summary>
    public string? TamperedValue { get; set; }

    public CryptResult? TamperedDecrypt { get; set; }

    /// <summary>sops decrypt of crypt's encrypted file.</summary>
    public SopsResult? SopsDecryptOfCrypt { get; set; }

    /// <summary>sops encrypt of the input as it is (only where sops accepts it).</summary>
    public SopsResult? SopsEncrypt { get; set; }

    /// <summary>sops decrypt of its own encrypted file.</summary>
    public SopsResult? SopsDecrypt { get; set; }

    /// <summary>crypt decrypt of sops's encrypted file.</summary>
    public CryptResult? CryptDecryptOfSops { get; set; }

    /// <summary>
    /// The bytes crypt's round trip must give: sops's round trip of the input without a BOM and
    /// CRLF, with them put back. Null where sops is no reference (see <see cref="ReferenceProblem"/>).
    /// </summary>
    public byte[]? Reference { get; set; }

    public string? ReferenceProblem { get; set; }

    /// <summary>An exception while producing the runs (not a test failure by itself).</summary>
    public Exception? Error { get; set; }
}

namespace Crypt.Cli.Tests.Corpus;

/// <summary>
/// One row of <c>../shared/corpus/configs/MANIFEST.tsv</c>: the file, the input type to pass
/// (many names do not end in a known extension) and what the real sops did with it.
/// </summary>
internal sealed record CorpusFile(string Name, string InputType, bool Crlf, bool SopsAccepts, string SopsDecrypt, int CommentsNotRestoredBySops)
{
    public string Path => System.IO.Path.Combine(Corpus.ConfigsFolder, Name);

    public byte[] Bytes => File.ReadAllBytes(Path);

    public bool HasBom => Bytes.AsSpan().StartsWith("\uFEFF"u8);

    /// <summary>Text formats get their CRLF line endings back from crypt (issue 11: YAML, dotenv, INI; JSON too).</summary>
    public bool RestoresCrlf => Crlf && InputType is not "binary";

    /// <summary>The input without what Crypt accepts beyond sops (a BOM; CRLF in YAML, dotenv, INI).</summary>
    public byte[] Normalized() => LineEndings.Normalize(Bytes, RestoresCrlf);

    /// <summary>Puts back onto sops-shaped output what <see cref="Normalized"/> took away.</summary>
    public byte[] Restore(byte[] output) => LineEndings.Restore(output, HasBom, RestoresCrlf);

    public override string ToString() => Name;
}

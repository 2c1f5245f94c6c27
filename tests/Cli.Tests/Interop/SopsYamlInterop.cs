using System.Text;
using Crypt.Cli.Tests.EncryptDecrypt;
using Crypt.Tests;

namespace Crypt.Cli.Tests.Interop;

/// <summary>
/// One YAML input through the real sops and through crypt, both ways (the three checks of
/// <see cref="SopsYamlConfigInteropTests"/>). Outputs must be byte-identical except where sops
/// loses a comment: it leaves it as <c>#ENC[...]</c> (its reader puts the comment elsewhere
/// than its writer encrypted it for) or go-yaml drops it (CommentsKeptBeyondSops.tsv). There
/// crypt prints the comment in plain text, at the input's level (further left than sops's
/// #ENC[...] line when go-yaml read it into a deeper node), and that is all that may differ.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static class SopsYamlInterop
{
    private static readonly Lazy<ILookup<string, string>> s_kept = new(() =>
        File.ReadLines(Path.Combine(SharedPaths.RepoRoot, "tests", "Formats.Tests", "Yaml", "CommentsKeptBeyondSops.tsv"))
            .Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t')).ToLookup(r => r[0], r => r[1]));

    private static readonly string[] s_yaml = ["--input-type", "yaml", "--output-type", "yaml"];

    /// <summary>(a) crypt decrypt of sops's file prints what sops decrypt prints.</summary>
    public static void CryptOpensWhatSopsWrote(Workspace ws, string source, string input)
    {
        File.Copy(input, ws.Path("in.yaml"));
        byte[] sopsEncrypted = Sops(ws, ["encrypt", "--age", ws.Recipient, .. s_yaml, "in.yaml"]);
        File.WriteAllBytes(ws.Path("s.enc.yaml"), sopsEncrypted);
        string bySops = Encoding.UTF8.GetString(Sops(ws, ["decrypt", .. s_yaml, "s.enc.yaml"]));
        string byCrypt = Crypt(ws, ["decrypt", .. s_yaml, "s.enc.yaml"]);
        AssertSameButForLostComments(source, bySops, byCrypt, "(a) crypt decrypt of sops's file");
    }

    /// <summary>
    /// (b) crypt encrypt then decrypt prints what sops encrypt then decrypt prints (run after
    /// <see cref="CryptOpensWhatSopsWrote"/> in the same workspace); (c) sops decrypt of
    /// crypt's file prints what crypt decrypt of it prints.
    /// </summary>
    public static void RoundTripsMatchSops(Workspace ws, string source)
    {
        string bySops = Encoding.UTF8.GetString(Sops(ws, ["decrypt", .. s_yaml, "s.enc.yaml"]));
        CryptResult encrypted = ws.Run(["encrypt", "--age", ws.Recipient, .. s_yaml, "--output", "c.enc.yaml", "in.yaml"]);
        Assert.True(encrypted.ExitCode == 0, source + ": crypt encrypt\n" + encrypted);
        string cryptRoundTrip = Crypt(ws, ["decrypt", .. s_yaml, "c.enc.yaml"]);
        AssertSameButForLostComments(source, bySops, cryptRoundTrip, "(b) crypt encrypt→decrypt against sops encrypt→decrypt");

        string sopsOfCrypt = Encoding.UTF8.GetString(Sops(ws, ["decrypt", .. s_yaml, "c.enc.yaml"]));
        AssertSameButForLostComments(source, sopsOfCrypt, cryptRoundTrip, "(c) sops decrypt of crypt's file against crypt decrypt of it");
    }

    private static byte[] Sops(Workspace ws, string[] args)
    {
        SopsResult result = SopsProcess.Run(ws.Root, ws.KeyFile, args);
        Assert.True(result.ExitCode == 0, $"sops {string.Join(' ', args)}\n{result}");
        return result.Stdout;
    }

    private static string Crypt(Workspace ws, string[] args)
    {
        CryptResult result = ws.Run(args);
        Assert.True(result.ExitCode == 0, $"crypt {string.Join(' ', args)}\n{result}");
        return result.StdoutText;
    }

    // sops's text, with each #ENC[...] comment sops left encrypted allowed to be crypt's
    // plain comment at the same or a lower indentation, and the comments go-yaml drops allowed extra.
    private static void AssertSameButForLostComments(string source, string sops, string crypt, string what)
    {
        // crypt gives a CRLF or BOM file back with its CRLF and BOM (Stores/LayoutCorpusTests
        // checks that); sops writes LF without a BOM. Compared here: everything else.
        crypt = crypt.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal);
        if (sops == crypt)
        {
            return;
        }

        List<string> expected = [.. sops.Split('\n')];
        List<string> actual = [.. crypt.Split('\n')];
        foreach (string kept in s_kept.Value[source])
        {
            if (actual.Count > expected.Count)
            {
                int at = actual.FindIndex(l => l.TrimStart() == kept);
                Assert.True(at >= 0, $"{source} {what}: kept comment '{kept}' missing");
                actual.RemoveAt(at);
            }
        }

        // Walk both; a crypt line may stand for a sops #ENC line at the same or a lower indentation, and
        // a plain crypt comment with no sops line is one sops dropped on reading its own file.
        int e = 0;
        int a = 0;
        while (e < expected.Count || a < actual.Count)
        {
            string? sopsLine = e < expected.Count ? expected[e] : null;
            string? cryptLine = a < actual.Count ? actual[a] : null;
            if (sopsLine == cryptLine)
            {
                e++;
                a++;
                continue;
            }

            bool cryptComment = cryptLine is not null && cryptLine.TrimStart().StartsWith('#') && !cryptLine.Contains("ENC[", StringComparison.Ordinal);

            // sops's reader puts a block's trailing comment one or more levels deeper than its
            // writer encrypted it for (left #ENC[...] there), or moves a second comment block a
            // level up; crypt writes both at the input's level (the corpus round-trip test
            // checks that level): the same comment, at the same place or further left.
            bool leftEncrypted = sopsLine is not null && IsLeftEncrypted(sopsLine) && Indent(cryptLine ?? string.Empty).Length <= Indent(sopsLine).Length;
            bool moved = sopsLine is not null && sopsLine.TrimStart().StartsWith('#') && sopsLine.TrimStart() == cryptLine?.TrimStart();
            if (cryptComment && (leftEncrypted || moved))
            {
                e++;
                a++;
                continue;
            }

            Assert.True(
                cryptComment && actual.Count - a > expected.Count - e,
                $"{source} {what}: sops line {e + 1} / crypt line {a + 1} differ\n  sops:  {sopsLine}\n  crypt: {cryptLine}");
            a++;
        }
    }

    private static bool IsLeftEncrypted(string line) =>
        line.TrimStart().StartsWith("#ENC[AES256_GCM,", StringComparison.Ordinal) && line.EndsWith(",type:comment]", StringComparison.Ordinal);

    private static string Indent(string line) => line[..(line.Length - line.TrimStart().Length)];
}

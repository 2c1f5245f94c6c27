using Crypt.Cli.Tests.EncryptDecrypt;
using Crypt.Formats;
using Crypt.Formats.Stores;

using Crypt.Tests;

namespace Crypt.Cli.Tests.Stores;

/// <summary>
/// The corpus files with a UTF-8 BOM or CRLF line breaks: crypt encrypts them (sops refuses a
/// BOM in JSON), the encrypted file keeps the layout, decrypt restores it with the data
/// unchanged; the real sops reads crypt's file wherever it reads that layout, and crypt
/// decrypts sops's file to the bytes sops prints.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LayoutCorpusTests : IDisposable
{
    private static readonly byte[] s_bom = [0xEF, 0xBB, 0xBF];

    private readonly Workspace _ws = new();

    public void Dispose() => _ws.Dispose();

    public static TheoryData<string> Files() => CorpusFiles.Where(row => IsLayoutCase(row) && !row["features"].Contains("// comments", StringComparison.Ordinal));

    // A YAML comment inside a sequence is the YAML reader's MAC case (issue 11), tested with the
    // corpus interop tests; here only the layout is under test.
    public static TheoryData<string> SopsEncryptable() => CorpusFiles.Where(row => IsLayoutCase(row)
        && !row["features"].Contains("// comments", StringComparison.Ordinal)
        && !row["features"].Contains("comment line inside a sequence", StringComparison.Ordinal));

    public static TheoryData<string> JsonWithComments() => CorpusFiles.Where(row => IsLayoutCase(row) && row["features"].Contains("// comments", StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(JsonWithComments))]
    public void A_bom_json_file_with_comments_is_refused_for_its_comments_with_their_position(string file)
    {
        CryptResult result = _ws.Run("encrypt", "--age", _ws.Recipient, "--output", _ws.Path("out.json"), Path.Combine(CorpusFiles.Folder, file));
        Assert.Equal(2, result.ExitCode);
        Assert.Matches(@":\d+:\d+ .*JSON does not allow comments", result.Stderr);
        Assert.False(File.Exists(_ws.Path("out.json")));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Crypt_keeps_the_layout_through_encrypt_and_decrypt_and_sops_reads_the_data(string file)
    {
        byte[] original = File.ReadAllBytes(Path.Combine(CorpusFiles.Folder, file));
        bool bom = original.AsSpan().StartsWith(s_bom);
        bool crlf = original.AsSpan().IndexOf("\r\n"u8) >= 0;
        string plain = _ws.Path("in-" + file);
        File.WriteAllBytes(plain, original);
        string encrypted = _ws.Path("enc-" + file);

        CryptResult encrypt = _ws.Run("encrypt", "--age", _ws.Recipient, "--output", encrypted, plain);
        Assert.True(encrypt.ExitCode == 0, encrypt.ToString());
        byte[] file0 = File.ReadAllBytes(encrypted);
        Assert.Equal(bom, file0.AsSpan().StartsWith(s_bom));
        Assert.Equal(crlf, file0.AsSpan().IndexOf("\r\n"u8) >= 0);

        CryptResult decrypt = _ws.Run("decrypt", encrypted);
        Assert.True(decrypt.ExitCode == 0, decrypt.ToString());
        Assert.Equal(bom, decrypt.Stdout.AsSpan().StartsWith(s_bom));
        Assert.Equal(crlf, decrypt.Stdout.AsSpan().IndexOf("\r\n"u8) >= 0);
        DocumentFormat format = DocumentFormats.FromPath(file);
        Assert.Equal(Data(original, format), Data(decrypt.Stdout, format));

        SopsResult sops = SopsProcess.Run(_ws.Root, _ws.KeyFile, "decrypt", encrypted);
        if (bom && format == DocumentFormat.Json)
        {
            Assert.NotEqual(0, sops.ExitCode); // encoding/json refuses a BOM, as sops refuses the plaintext
            return;
        }

        Assert.True(sops.ExitCode == 0, sops.ToString());
        Assert.Equal(Data(original, format), Data(sops.Stdout, format));
    }

    [Theory]
    [MemberData(nameof(SopsEncryptable))]
    public void Crypt_decrypts_a_file_sops_encrypted_from_such_input_to_the_bytes_sops_prints(string file)
    {
        string plain = _ws.Path("in-" + file);
        File.Copy(Path.Combine(CorpusFiles.Folder, file), plain);
        string encrypted = _ws.Path("sops-" + file);
        SopsResult encrypt = SopsProcess.Run(_ws.Root, _ws.KeyFile, "encrypt", "--age", _ws.Recipient, "--output", encrypted, plain);
        if (encrypt.ExitCode != 0)
        {
            // sops refuses only the BOM JSON files (EXPECTED_REFUSALS.md).
            Assert.True(DocumentFormats.FromPath(file) == DocumentFormat.Json && File.ReadAllBytes(plain).AsSpan().StartsWith(s_bom), encrypt.ToString());
            return;
        }

        SopsResult sops = SopsProcess.Run(_ws.Root, _ws.KeyFile, "decrypt", encrypted);
        CryptResult crypt = _ws.Run("decrypt", encrypted);
        Assert.True(sops.ExitCode == 0, sops.ToString());
        Assert.True(crypt.ExitCode == 0, crypt.ToString());
        Assert.Equal(sops.StdoutText, crypt.StdoutText);
    }

    private static bool IsLayoutCase(IReadOnlyDictionary<string, string> row) => row["bom"] == "yes" || row["eol"] == "CRLF";

    // The data as canonical JSON (layout and comments aside).
    private static string Data(byte[] content, DocumentFormat format) =>
        System.Text.Encoding.UTF8.GetString(SopsDocument.EmitPlain(SopsDocument.ParsePlain(content, format) is var tree ? Strip(tree) : null!, DocumentFormat.Json, EmitOptions.Default));

    private static Formats.Tree.TreeDocument Strip(Formats.Tree.TreeDocument tree)
    {
        tree.Layout = Formats.Tree.TextLayout.Plain;
        if (tree.Branches.Count > 0 && tree.Branches[0].Items.Count > 0 && tree.Branches[0].Items[0].Key is { } key && key.StartsWith('\ufeff'))
        {
            // sops keeps a dotenv BOM in the first key; the data is the same either way.
            tree.Branches[0].Items[0] = tree.Branches[0].Items[0] with { Key = key[1..] };
        }

        tree.Branches.RemoveRange(1, tree.Branches.Count - 1);
        tree.Branches[0].Items.RemoveAll(i => i.IsComment);
        return tree;
    }
}

using System.Text;
using Crypt.Cli.Tests.EncryptDecrypt;
using Crypt.Formats;
using Crypt.Formats.Stores;
using Crypt.Formats.Tree;

using Crypt.Tests;

namespace Crypt.Cli.Tests.Stores;

/// <summary>
/// Every INI file of the corpus through crypt and the real sops. Round trip: the same
/// sections, keys and values as gopkg.in/ini.v1 reads, and every comment line kept. Interop:
/// both directions print the same bytes as sops, except the rows of
/// <c>ini-interop-exceptions.tsv</c>, which pin what sops does instead. Files sops refuses are
/// refused, naming the line.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class IniInteropTests : IDisposable
{
    private readonly Workspace _ws = new();

    public void Dispose() => _ws.Dispose();

    public static TheoryData<string> Accepted() => CorpusFiles.Where(row => row["input_type"] == "ini" && row["sops_encrypt"] == "accept");

    public static TheoryData<string> Refused() => CorpusFiles.Where(row => row["input_type"] == "ini" && row["sops_encrypt"] == "refuse");

    [Theory]
    [MemberData(nameof(Accepted))]
    public void An_ini_file_round_trips_with_its_data_and_every_comment_line(string file)
    {
        byte[] original = File.ReadAllBytes(Path.Combine(CorpusFiles.Folder, file));
        byte[] decrypted = Decrypt(CryptEncrypt(file, original));

        Assert.Equal(Data(original), Data(decrypted));
        string output = Encoding.UTF8.GetString(decrypted);
        foreach (string comment in CommentLines(original))
        {
            Assert.Contains(comment, output, StringComparison.Ordinal);
        }

        Assert.Equal(CommentTexts(original), CommentTexts(decrypted));
    }

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Sops_decrypts_a_file_crypt_encrypted_to_the_bytes_crypt_prints(string file)
    {
        byte[] original = File.ReadAllBytes(Path.Combine(CorpusFiles.Folder, file));
        string encrypted = CryptEncrypt(file, original);
        byte[] crypt = Decrypt(encrypted);
        SopsResult sops = SopsProcess.Run(_ws.Root, _ws.KeyFile, "decrypt", "--input-type", "ini", "--output-type", "ini", encrypted);

        switch (Exception(file, "crypt-encrypted"))
        {
            case "sops-panics":
                Assert.NotEqual(0, sops.ExitCode);
                break;
            case "sops-drops-trailing":
                Assert.True(sops.ExitCode == 0, sops.ToString());
                Assert.True(sops.Stdout.Length < crypt.Length && crypt.AsSpan().StartsWith(sops.Stdout), "sops's output is not a prefix of crypt's");
                break;
            default:
                Assert.True(sops.ExitCode == 0, sops.ToString());
                Assert.Equal(Encoding.UTF8.GetString(crypt), sops.StdoutText);
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Crypt_decrypts_a_file_sops_encrypted_to_the_bytes_sops_prints(string file)
    {
        byte[] original = File.ReadAllBytes(Path.Combine(CorpusFiles.Folder, file));
        string plain = _ws.Path("in-" + file);
        File.WriteAllBytes(plain, original);
        string encrypted = _ws.Path("sops-" + file);
        SopsResult encrypt = SopsProcess.Run(_ws.Root, _ws.KeyFile, "encrypt", "--input-type", "ini", "--output-type", "ini", "--age", _ws.Recipient, "--output", encrypted, plain);
        Assert.True(encrypt.ExitCode == 0, encrypt.ToString());

        byte[] crypt = Decrypt(encrypted);
        SopsResult sops = SopsProcess.Run(_ws.Root, _ws.KeyFile, "decrypt", "--input-type", "ini", "--output-type", "ini", encrypted);
        if (Exception(file, "sops-encrypted") == "sops-panics")
        {
            Assert.NotEqual(0, sops.ExitCode);
            Assert.Equal(Data(original), Data(crypt));
            return;
        }

        Assert.True(sops.ExitCode == 0, sops.ToString());
        Assert.Equal(sops.StdoutText, Encoding.UTF8.GetString(crypt));
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void An_ini_file_sops_refuses_is_refused_naming_its_line_and_nothing_is_written(string file)
    {
        string plain = _ws.Path("in-" + file);
        File.Copy(Path.Combine(CorpusFiles.Folder, file), plain);
        CryptResult result = _ws.Run("encrypt", "--input-type", "ini", "--output-type", "ini", "--age", _ws.Recipient, "--output", _ws.Path("out.ini"), plain);
        Assert.Equal(2, result.ExitCode);
        Assert.Matches(@":\d+:", result.Stderr);
        Assert.Contains("INI", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_ws.Path("out.ini")));
    }

    private string CryptEncrypt(string file, byte[] original)
    {
        string plain = _ws.Path("in-" + file);
        File.WriteAllBytes(plain, original);
        string encrypted = _ws.Path("crypt-" + file);
        CryptResult result = _ws.Run("encrypt", "--input-type", "ini", "--output-type", "ini", "--age", _ws.Recipient, "--output", encrypted, plain);
        Assert.True(result.ExitCode == 0, result.ToString());
        return encrypted;
    }

    private byte[] Decrypt(string encrypted)
    {
        CryptResult result = _ws.Run("decrypt", "--input-type", "ini", "--output-type", "ini", encrypted);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout;
    }

    private static string? Exception(string file, string direction)
    {
        foreach (string line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Stores", "ini-interop-exceptions.tsv")))
        {
            string[] cells = line.Split('\t');
            if (cells.Length >= 3 && cells[0] == file && cells[1] == direction)
            {
                return cells[2];
            }
        }

        return null;
    }

    // Sections, keys and values as ini.v1 reads them.
    private static List<string> Data(byte[] content)
    {
        List<string> data = [];
        foreach (TreeMapItem section in SopsDocument.ParsePlain(content, DocumentFormat.Ini).Branches[0].Items)
        {
            foreach (TreeMapItem item in ((TreeMap)section.Value).Items.Where(i => !i.IsComment))
            {
                data.Add($"[{section.Key}] {item.Key} = {((TreeScalar)item.Value).Text}");
            }
        }

        return data;
    }

    // The text of every comment the reader keeps, one entry per line, without its marker.
    private static List<string> CommentTexts(byte[] content) =>
        [.. SopsDocument.ParsePlain(content, DocumentFormat.Ini).Branches[0].Items
            .SelectMany(section => ((TreeMap)section.Value).Items)
            .Select(i => i.Value).OfType<TreeComment>()
            .SelectMany(c => c.Text.Split('\n'))
            .Select(Normalize)
            .Where(t => t.Length > 0)];

    // Whole-line comments of the file itself, without marker and outer spaces (sops re-spaces them).
    private static IEnumerable<string> CommentLines(byte[] content) =>
        Encoding.UTF8.GetString(content).Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.StartsWith(';') || l.StartsWith('#'))
            .Select(Normalize)
            .Where(t => t.Length > 0);

    private static string Normalize(string line) => line.TrimStart(';', '#', ' ', '\t').Trim();
}

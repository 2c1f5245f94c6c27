using System.Text;
using Crypt.Crypto.KeySources;
using Crypt.Formats.Stores;
using Crypt.Formats.Tests.Encryption;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Tests.Layout;

/// <summary>
/// BOM and CRLF inputs (what Visual Studio and Windows editors write; sops issues #904, #779,
/// #854): accepted in every text format, kept in the encrypted file, restored by decrypt.
/// </summary>
public sealed class TextLayoutTests
{
    private static readonly byte[] s_bom = [0xEF, 0xBB, 0xBF];

    public static TheoryData<DocumentFormat, string, bool, bool> Cases()
    {
        TheoryData<DocumentFormat, string, bool, bool> cases = [];
        (DocumentFormat Format, string Text)[] documents =
        [
            (DocumentFormat.Yaml, "# top\na: 1\nb:\n    c: two\n"),
            (DocumentFormat.Json, "{\n\t\"a\": 1,\n\t\"b\": \"two\"\n}\n"),
            (DocumentFormat.Dotenv, "#top\nA=1\nB=two\n"),
            (DocumentFormat.Dotenv, "A=1\nB=two\n"),
            (DocumentFormat.Ini, "; top\n[s]\na = 1\nb = two\n"),
        ];
        foreach ((DocumentFormat format, string text) in documents)
        {
            foreach ((bool bom, bool crlf) in new[] { (true, false), (false, true), (true, true) })
            {
                cases.Add(format, text, bom, crlf);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Encrypt_keeps_the_layout_and_decrypt_gives_the_file_back_byte_for_byte(DocumentFormat format, string text, bool bom, bool crlf)
    {
        byte[] input = Layout(text, bom, crlf);

        EncryptedDocument encrypted = await SopsDocument.EncryptAsync(input, format, Options(), default);
        byte[] file = SopsDocument.Emit(encrypted, format, EmitOptions.Default);
        Assert.Equal(bom, file.AsSpan().StartsWith(s_bom));
        Assert.Equal(crlf, file.AsSpan().IndexOf("\r\n"u8) >= 0);
        Assert.Equal(crlf, !HasBareLf(file));

        using KeyRing ring = new([new FakeUnwrapper("r")]);
        using DecryptedDocument decrypted = await SopsDocument.DecryptAsync(file, format, ring, DecryptOptions.Default, default);
        Assert.Equal(input, decrypted.EmitPlain(format, EmitOptions.Default));
    }

    [Fact]
    public void A_file_without_bom_or_crlf_is_parsed_from_its_own_bytes()
    {
        byte[] input = Encoding.UTF8.GetBytes("a: 1\n");
        TreeDocument document = SopsDocument.ParsePlain(input, DocumentFormat.Yaml);
        Assert.Equal(TextLayout.Plain, document.Layout);
        Assert.Equal(input, SopsDocument.EmitPlain(document, DocumentFormat.Yaml, EmitOptions.Default));
    }

    [Fact]
    public void A_dotenv_bom_before_a_key_stays_in_the_key_as_sops_reads_it()
    {
        byte[] input = [.. s_bom, .. "KEY=v\n"u8];
        TreeDocument document = SopsDocument.ParsePlain(input, DocumentFormat.Dotenv);
        Assert.Equal("\ufeffKEY", document.Branches[0].Items[0].Key);
        Assert.False(document.Layout.Bom);
        Assert.Equal(input, SopsDocument.EmitPlain(document, DocumentFormat.Dotenv, EmitOptions.Default));
    }

    [Fact]
    public void Binary_content_is_never_changed()
    {
        byte[] input = [.. s_bom, .. "a\r\nb\r\n"u8];
        TreeDocument document = SopsDocument.ParsePlain(input, DocumentFormat.Binary);
        Assert.Equal(TextLayout.Plain, document.Layout);
        Assert.Equal(input, SopsDocument.EmitPlain(document, DocumentFormat.Binary, EmitOptions.Default));
    }

    private static EncryptOptions Options() => new() { KeyGroups = [[new FakeRecipient("r")]], Clock = new FixedClock(TestKeys.Now) };

    private static byte[] Layout(string text, bool bom, bool crlf)
    {
        byte[] body = Encoding.UTF8.GetBytes(crlf ? text.Replace("\n", "\r\n", StringComparison.Ordinal) : text);
        return bom ? [.. s_bom, .. body] : body;
    }

    private static bool HasBareLf(byte[] file)
    {
        for (int i = 0; i < file.Length; i++)
        {
            if (file[i] == '\n' && (i == 0 || file[i - 1] != '\r'))
            {
                return true;
            }
        }

        return false;
    }
}

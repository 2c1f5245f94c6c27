using System.Text;
using Crypt.Crypto.KeySources;
using Crypt.Formats.Stores;
using Crypt.Formats.Tests.Encryption;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Tests.Hardening;

/// <summary>
/// One very large value in every format and YAML scalar style (issue 14: a 100 MB value used to
/// cost 20x its size): it encrypts and decrypts back to the same bytes. Peak memory is measured
/// by bench/run.sh, not here.
/// </summary>
public sealed class LargeValueTests
{
    private const int ValueBytes = 16 << 20;

    public static TheoryData<DocumentFormat, string, string> Shapes() => new()
    {
        { DocumentFormat.Yaml, "key: ", "\n" },
        { DocumentFormat.Yaml, "key: \"", "\"\n" },
        { DocumentFormat.Yaml, "key: '", "'\n" },
        { DocumentFormat.Json, "{\"key\": \"", "\"}" },
        { DocumentFormat.Dotenv, "KEY=", "\n" },
        { DocumentFormat.Ini, "[s]\nkey = ", "\n" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task A_single_large_value_round_trips(DocumentFormat format, string before, string after)
    {
        string value = Value('a', ValueBytes);
        byte[] input = Encoding.UTF8.GetBytes(before + value + after);

        (string decrypted, byte[] emitted) = await RoundTrip(input, format);

        Assert.Equal(value.Length, decrypted.Length);
        Assert.True(decrypted == value, "the decrypted value differs from the original");
        // JSON is re-indented, and YAML quotes are not kept (go-yaml's encoder picks the style, as in sops).
        if (format is not (DocumentFormat.Json or DocumentFormat.Yaml) || before == "key: ")
        {
            Assert.Equal(input, emitted);
        }
    }

    [Fact]
    public async Task A_large_yaml_block_scalar_round_trips()
    {
        StringBuilder text = new("key: |\n");
        StringBuilder expected = new();
        string line = Value('b', 79);
        for (int i = 0; i < ValueBytes / 80; i++)
        {
            text.Append("    ").Append(line).Append('\n');
            expected.Append(line).Append('\n');
        }

        byte[] input = Encoding.UTF8.GetBytes(text.ToString());

        (string decrypted, byte[] emitted) = await RoundTrip(input, DocumentFormat.Yaml);

        Assert.True(decrypted == expected.ToString(), "the decrypted block scalar differs from the original");
        Assert.Equal(input, emitted);
    }

    [Fact]
    public async Task A_large_binary_file_round_trips()
    {
        byte[] input = new byte[ValueBytes];
        new Random(14).NextBytes(input);

        EncryptedDocument encrypted = await SopsDocument.EncryptAsync(input, DocumentFormat.Binary, Options(), default);
        byte[] file = SopsDocument.Emit(encrypted, DocumentFormat.Binary, EmitOptions.Default);
        using KeyRing ring = new([new FakeUnwrapper("r")]);
        using DecryptedDocument decrypted = await SopsDocument.DecryptAsync(file, DocumentFormat.Binary, ring, DecryptOptions.Default, default);

        Assert.Equal(input, decrypted.EmitPlain(DocumentFormat.Binary, EmitOptions.Default));
    }

    private static async Task<(string Value, byte[] Emitted)> RoundTrip(byte[] input, DocumentFormat format)
    {
        EncryptedDocument encrypted = await SopsDocument.EncryptAsync(input, format, Options(), default);
        byte[] file = SopsDocument.Emit(encrypted, format, EmitOptions.Default);
        Assert.True(file.Length > ValueBytes, "the encrypted file holds the value");
        using KeyRing ring = new([new FakeUnwrapper("r")]);
        using DecryptedDocument decrypted = await SopsDocument.DecryptAsync(file, format, ring, DecryptOptions.Default, default);
        return (Leaf(decrypted.Tree.Branches[0]).Text, decrypted.EmitPlain(format, EmitOptions.Default));
    }

    // The one value, also inside an INI section.
    private static TreeScalar Leaf(TreeMap map)
    {
        foreach (TreeMapItem item in map.Items)
        {
            switch (item.Value)
            {
                case TreeScalar { Kind: ScalarKind.String } scalar when item.Key is not null:
                    return scalar;
                case TreeMap section when section.Items.Count > 0:
                    return Leaf(section);
            }
        }

        throw new InvalidOperationException("no string value in the document");
    }

    private static string Value(char c, int length) => new(c, length);

    private static EncryptOptions Options() => new() { KeyGroups = [[new FakeRecipient("r")]], Clock = new FixedClock(TestKeys.Now) };
}

using System.Text;
using Crypt.Crypto.Keys;
using Crypt.Crypto.Values;
using CsCheck;

namespace Crypt.Crypto.Tests.Values;

public sealed class ValueCipherTests
{
    private static readonly byte[] s_key = Convert.FromHexString("81d247290bee0b25484e76101e727f63fc984896953fe4888864f49db529e73a");

    [Fact]
    public void Disposing_a_cipher_that_was_never_used_does_not_throw()
    {
        using DataKey key = DataKey.FromBytes(s_key);
        ValueCipher cipher = new(key);
        cipher.Dispose();
    }

    // FORMAT.md Appendix A, humphd-sops-age/secret.enc.yaml.
    public static TheoryData<string, string, string> AppendixA => new()
    {
        { "int:", "ENC[AES256_GCM,data:Ag==,iv:7mZlIiottanvOoufMaIRtOYNmq0yr3E0HBbChYkB7sc=,tag:FSHs1hYNQEkBAFCRYbcEUw==,type:int]", "7" },
        { "boolean:", "ENC[AES256_GCM,data:qw4M9Q==,iv:6nWrJg5eHsgOpxQsTX3Z3egkRFKeVi5UztF3ccd6Nqk=,tag:n7Dnj1JtcCKBr1JTAzhhpA==,type:bool]", "True" },
        { "float:", "ENC[AES256_GCM,data:xXzcgA==,iv:nfQv47XSb+3zRPL7hZPlxtPcfhdHfXDVVf28/DpoaZ4=,tag:1S0vEap4M1RvG61FhDOUmA==,type:float]", "3.14" },
        { "complex:array:", "ENC[AES256_GCM,data:dDBg,iv:yQOKyyjy49vtuYeAGmwug6Bgj+r/nGAAq028IXGswWw=,tag:Uk5/fV0k2ICcHPY7gJfMNQ==,type:str]", "one" },
    };

    [Theory]
    [MemberData(nameof(AppendixA))]
    public void Appendix_A_values_decrypt_with_their_path(string aad, string value, string plaintext)
    {
        using DataKey key = DataKey.FromBytes(s_key);
        using ValueCipher cipher = new(key);
        Assert.True(EncryptedValue.TryParse(value, out EncryptedValue? parsed, out _));
        Assert.Equal(plaintext, Encoding.UTF8.GetString(cipher.Decrypt(parsed!, Encoding.UTF8.GetBytes(aad))!));
        Assert.Null(cipher.Decrypt(parsed!, Encoding.UTF8.GetBytes("other:")));
    }

    [Fact]
    public void Appendix_A_comment_vector_decrypts_with_the_top_level_AAD()
    {
        using DataKey key = DataKey.FromBytes(Convert.FromHexString("d47a66aa0fc88f3a593ea2640ff1f7608f80e134bb40ed668555c936f1dd8e19"));
        using ValueCipher cipher = new(key);
        Assert.True(EncryptedValue.TryParse(
            "ENC[AES256_GCM,data:TfdJsqJ9p/3tnClpyPQbfvbmYUmjryiSGA==,iv:YXiEYlAdzco3hZ7T+X6dOUb17ByZeyGXlimfD+yaTa0=,tag:67TgtX4Zn6Ft7ww+J5AjTQ==,type:comment]",
            out EncryptedValue? parsed,
            out _));
        Assert.Equal(SopsValueType.Comment, parsed!.Type);
        Assert.Equal(" This is an example file.", Encoding.UTF8.GetString(cipher.Decrypt(parsed, ":"u8)!));
    }

    [Fact]
    public void Appendix_A_MAC_is_SHA512_of_the_listed_plaintexts()
    {
        using SopsMac mac = new(macOnlyEncrypted: false);
        foreach (string leaf in new[] { "this is a secret", "string", "7", "3.14", "True", "this is a secret", "one", "two", "three" })
        {
            mac.Append(Encoding.UTF8.GetBytes(leaf));
        }

        string hex = mac.FinishHex();
        Assert.StartsWith("3B83FDE1D6E139C4", hex, StringComparison.Ordinal);
        Assert.EndsWith("CBB6E580", hex, StringComparison.Ordinal);
    }

    [Fact]
    public void Appendix_A_mac_only_encrypted_vector_starts_with_the_constant()
    {
        using SopsMac mac = new(macOnlyEncrypted: true);
        mac.Append("xxx"u8);
        mac.Append("xxx"u8);
        string hex = mac.FinishHex();
        Assert.StartsWith("952F6F3C", hex, StringComparison.Ordinal);
        Assert.EndsWith("4864F7", hex, StringComparison.Ordinal);
    }

    [Fact]
    public void Encrypting_with_a_given_IV_is_deterministic_and_a_fresh_IV_is_32_bytes()
    {
        using DataKey key = DataKey.FromBytes(s_key);
        using ValueCipher cipher = new(key);
        EncryptedValue fresh = cipher.Encrypt("v"u8, "a:"u8, SopsValueType.Str);
        Assert.Equal(32, fresh.Iv.Length);
        Assert.Equal(fresh.ToString(), cipher.Encrypt("v"u8, "a:"u8, SopsValueType.Str, fresh.Iv).ToString());
    }

    [Fact]
    public void EncryptToText_matches_Encrypt_and_the_span_parse_reads_it_back()
    {
        using DataKey key = DataKey.FromBytes(s_key);
        using ValueCipher cipher = new(key);
        byte[] iv = new byte[ValueCipher.IvSize];
        iv[0] = 7;
        byte[] plaintext = Encoding.UTF8.GetBytes("hunter2 ✓");
        string text = cipher.EncryptToText(plaintext, "db:password:"u8, SopsValueType.Str, iv);
        Assert.Equal(cipher.Encrypt(plaintext, "db:password:"u8, SopsValueType.Str, (byte[])iv.Clone()).ToString(), text);

        byte[] buffer = new byte[EncryptedValue.DecodedLength(text)];
        Assert.True(EncryptedValue.TryParse(text, buffer, out EncryptedValueLayout layout, out _));
        Assert.Equal(SopsValueType.Str, layout.Type);
        byte[] opened = new byte[layout.DataLength];
        Assert.True(cipher.TryDecrypt(layout.Data(buffer), layout.Iv(buffer), layout.Tag(buffer), "db:password:"u8, opened));
        Assert.Equal(plaintext, opened);
    }

    [Fact]
    public void A_failed_span_decrypt_leaves_no_plaintext_in_the_buffer()
    {
        using DataKey key = DataKey.FromBytes(s_key);
        using ValueCipher cipher = new(key);
        string text = cipher.EncryptToText(Encoding.UTF8.GetBytes("secret value"), "a:"u8, SopsValueType.Str);
        byte[] buffer = new byte[EncryptedValue.DecodedLength(text)];
        Assert.True(EncryptedValue.TryParse(text, buffer, out EncryptedValueLayout layout, out _));

        byte[] opened = new byte[layout.DataLength];
        Assert.False(cipher.TryDecrypt(layout.Data(buffer), layout.Iv(buffer), layout.Tag(buffer), "b:"u8, opened));
        Assert.All(opened, b => Assert.Equal(0, b));
    }

    [Theory]
    [InlineData(0, 32, SopsValueType.Str)]
    [InlineData(1, 12, SopsValueType.Int)]
    [InlineData(37, 32, SopsValueType.Comment)]
    [InlineData(300, 64, SopsValueType.Float)]
    public void The_UTF8_format_writes_exactly_the_EncryptToText_bytes_in_the_announced_length(int plaintextLength, int ivLength, SopsValueType type)
    {
        using DataKey key = DataKey.FromBytes(s_key);
        using ValueCipher cipher = new(key);
        byte[] plaintext = new byte[plaintextLength];
        Random.Shared.NextBytes(plaintext);
        byte[] iv = new byte[ivLength];
        Random.Shared.NextBytes(iv);
        byte[] parts = new byte[plaintextLength + ivLength + ValueCipher.TagSize];
        cipher.EncryptToParts(plaintext, "k:"u8, iv, parts);
        EncryptedValueLayout layout = new(plaintextLength, ivLength, type);

        byte[] utf8 = new byte[EncryptedValue.FormattedLength(plaintextLength, ivLength, type) + 8];
        int written = EncryptedValue.Format(layout.Data(parts), layout.Iv(parts), layout.Tag(parts), type, utf8);

        string text = cipher.EncryptToText(plaintext, "k:"u8, type, iv);
        Assert.Equal(EncryptedValue.FormattedLength(plaintextLength, ivLength, type), written);
        Assert.Equal(text, Encoding.UTF8.GetString(utf8, 0, written));
    }

    [Theory]
    [InlineData("ENC[AES256_GCM,data:Ag==,iv:7mZlIiottanvOoufMaIRtOYNmq0yr3E0HBbChYkB7sc=,tag:FSHs1hYNQEkBAFCRYbcEUw==,type:int]")]
    [InlineData("ENC[AES256_GCM,data:,iv:7mZlIiottanvOoufMaIRtOYNmq0yr3E0HBbChYkB7sc=,tag:FSHs1hYNQEkBAFCRYbcEUw==,type:str]")]
    [InlineData("ENC[AES256_GCM,data:Ag=,iv:7mZlIiottanvOoufMaIRtOYNmq0yr3E0HBbChYkB7sc=,tag:FSHs1hYNQEkBAFCRYbcEUw==,type:int]")]
    [InlineData("ENC[AES256_GCM,data:Ag==,iv:7mZlIiottanvOoufMaIRtOYNmq0yr3E0HBbChYkB7sc=,tag:FSHs1hYNQEkBAFCRYbcE,type:int]")]
    [InlineData("ENC[AES256_GCM,data:Ag==,iv:,tag:FSHs1hYNQEkBAFCRYbcEUw==,type:int]")]
    [InlineData("ENC[AES256_GCM,data:Ag==,iv:7mZlIiottanvOoufMaIRtOYNmq0yr3E0HBbChYkB7sc=,tag:FSHs1hYNQEkBAFCRYbcEUw==,type:nope]")]
    [InlineData("ENC[AES256_GCM,data:A g==,iv:7mZlIiottanvOoufMaIRtOYNmq0yr3E0HBbChYkB7sc=,tag:FSHs1hYNQEkBAFCRYbcEUw==,type:int]")]
    [InlineData("ENC[AES256_GCM,data:Agé=,iv:7mZlIiottanvOoufMaIRtOYNmq0yr3E0HBbChYkB7sc=,tag:FSHs1hYNQEkBAFCRYbcEUw==,type:int]")]
    [InlineData("ENC[AES256_GCM,data:Ah==,iv:7mZlIiottanvOoufMaIRtOYNmq0yr3E0HBbChYkB7sc=,tag:FSHs1hYNQEkBAFCRYbcEUw==,type:int]")]
    [InlineData("ENC[AES256_GCM,data:Ag==,iv:7mZlIiottanvOoufMaIRtOYNmq0yr3E0HBbChYkB7sd=,tag:FSHs1hYNQEkBAFCRYbcEUw==,type:int]")]
    [InlineData("ENC[AES256_GCM,data:Ag,iv:7mZlIiottanvOoufMaIRtOYNmq0yr3E0HBbChYkB7sc=,tag:FSHs1hYNQEkBAFCRYbcEUw==,type:int]")]
    [InlineData("ENC[AES256_GCM,data:Ag==\n,iv:7mZlIiottanvOoufMaIRtOYNmq0yr3E0HBbChYkB7sc=,tag:FSHs1hYNQEkBAFCRYbcEUw==,type:int]")]
    [InlineData("ENC[AES256_GCM,data:Ag==,iv:7mZlIiottanvOoufMaIRtOYNmq0yr3E0HBbChYkB7sc=,tag:FSHs1hYNQEkBAFCRYbcEUw==,type:int]]")]
    [InlineData("ENC[AES256_GCM,data:Ag==,iv:7mZlIiottanvOoufMaIRtOYNmq0yr3E0HBbChYkB7sc=,tag:FSHs1hYNQEkBAFCRYbcEUw==,extra:1,type:int]")]
    [InlineData("ENC[AES256_GCM,data:Ag==,iv:7mZlIiottanvOoufMaIRtOYNmq0yr3E0HBbChYkB7sc=,tag:FSHs1hYNQEkBAFCRYbcEUw==,type:INT]")]
    [InlineData("ENC[AES256_GCM,data:Ag==")]
    [InlineData("plain")]
    public void The_UTF8_parse_accepts_and_refuses_exactly_what_the_char_parse_does(string text)
    {
        byte[] charBuffer = new byte[EncryptedValue.DecodedLength(text)];
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        byte[] utf8Buffer = new byte[EncryptedValue.DecodedLength(utf8.Length)];

        bool viaChars = EncryptedValue.TryParse(text, charBuffer, out EncryptedValueLayout charLayout, out string? charError);
        bool viaUtf8 = EncryptedValue.TryParse(utf8, utf8Buffer, out EncryptedValueLayout utf8Layout, out string? utf8Error);

        Assert.Equal(viaChars, viaUtf8);
        Assert.Equal(charError, utf8Error);
        Assert.Equal(charLayout, utf8Layout);
        if (viaChars)
        {
            int used = charLayout.DataLength + charLayout.IvLength + ValueCipher.TagSize;
            Assert.Equal(charBuffer.AsSpan(0, used).ToArray(), utf8Buffer.AsSpan(0, used).ToArray());
        }
    }

    [Fact]
    public void The_UTF8_parse_agrees_with_the_char_parse_on_mutated_values()
    {
        const string Valid = "ENC[AES256_GCM,data:Va/yn8aIMldbjczVIyBgkRrSo6fo+Dbj,iv:Vwo0MgyProNgNz1AjUJ1KLuEDbZwhSzVWRebJrUlw/Y=,tag:5PFX8ehffhAns47hI9E0fw==,type:str]";
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=,:[] \n\té-_";
        Gen.Select(Gen.Int[0, Valid.Length - 1], Gen.Int[0, Alphabet.Length - 1], Gen.Int[0, 2]).Array[1, 4].Sample(edits =>
        {
            var text = new StringBuilder(Valid);
            foreach ((int at, int c, int kind) in edits)
            {
                int i = Math.Min(at, text.Length - 1);
                _ = kind switch
                {
                    0 => text.Remove(i, 1),
                    1 => text.Insert(i, Alphabet[c]),
                    _ => text.Replace(text[i], Alphabet[c], i, 1),
                };
            }

            The_UTF8_parse_accepts_and_refuses_exactly_what_the_char_parse_does(text.ToString());
        }, iter: 20_000);
    }

    [Fact]
    public void EncryptToParts_lays_out_what_the_text_parses_to()
    {
        using DataKey key = DataKey.FromBytes(s_key);
        using ValueCipher cipher = new(key);
        byte[] iv = new byte[12];
        iv[3] = 9;
        byte[] plaintext = Encoding.UTF8.GetBytes("hunter2");
        byte[] parts = new byte[plaintext.Length + iv.Length + ValueCipher.TagSize];

        Assert.Equal(iv.Length, cipher.EncryptToParts(plaintext, "a:"u8, iv, parts));

        string text = cipher.EncryptToText(plaintext, "a:"u8, SopsValueType.Str, iv);
        byte[] parsed = new byte[EncryptedValue.DecodedLength(text)];
        Assert.True(EncryptedValue.TryParse(text, parsed, out EncryptedValueLayout layout, out _));
        Assert.Equal(parsed.AsSpan(0, parts.Length).ToArray(), parts);
        Assert.True(EncryptedValue.TryParseExact(Encoding.ASCII.GetBytes(text), new byte[parsed.Length], out EncryptedValueLayout exact));
        Assert.Equal(layout, exact);
    }
}

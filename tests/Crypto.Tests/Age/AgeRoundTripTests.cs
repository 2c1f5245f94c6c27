using System.Security.Cryptography;
using System.Text;
using Crypt.Crypto.Age;

namespace Crypt.Crypto.Tests.Age;

/// <summary>
/// Re-encoding round trips the age test kit README allows: armor decode/encode for armored
/// vectors, header parse/serialize for every vector that is not a header failure, and STREAM
/// decrypt/encrypt for every success vector (with its file key).
/// </summary>
public sealed class AgeRoundTripTests
{
    public static TheoryData<string> ArmoredVectors() =>
        [.. TestkitVector.AllNames().Where(n => TestkitVector.Load(n) is { Armored: true, Expect: not "armor failure" })];

    public static TheoryData<string> HeaderVectors() =>
        [.. TestkitVector.AllNames().Where(n => TestkitVector.Load(n) is { Armored: false, Expect: not "header failure" })];

    public static TheoryData<string> StreamVectors() =>
        [.. TestkitVector.AllNames().Where(n => TestkitVector.Load(n) is { Armored: false, Expect: "success", FileKey: not null })];

    [Theory]
    [MemberData(nameof(ArmoredVectors))]
    public void Armor_decodes_and_re_encodes_to_the_same_text(string name)
    {
        TestkitVector vector = TestkitVector.Load(name);
        byte[] decoded = AgeArmor.Decode(vector.File);
        // CRLF and whitespace around the block are accepted but not reproduced.
        string expected = Encoding.ASCII.GetString(vector.File).Replace("\r\n", "\n", StringComparison.Ordinal).Trim(' ', '\t', '\n', '\v', '\f', '\r') + "\n";
        Assert.Equal(expected, AgeArmor.Encode(decoded));
    }

    [Theory]
    [MemberData(nameof(HeaderVectors))]
    public void Header_parses_and_re_serializes_byte_for_byte(string name)
    {
        TestkitVector vector = TestkitVector.Load(name);
        AgeReader reader = new(new MemoryStream(vector.File));
        AgeHeader header = AgeHeaderReader.Read(reader);
        byte[] rest = new byte[vector.File.Length];
        int restLength = reader.ReadFull(rest);
        byte[] reencoded = [.. header.Encode(), .. rest.AsSpan(0, restLength)];
        Assert.Equal(vector.File, reencoded);
    }

    [Theory]
    [MemberData(nameof(StreamVectors))]
    public void Stream_payload_decrypts_and_re_encrypts_byte_for_byte(string name)
    {
        TestkitVector vector = TestkitVector.Load(name);
        AgeReader reader = new(new MemoryStream(vector.File));
        AgeHeaderReader.Read(reader);
        byte[] payload = new byte[vector.File.Length];
        payload = payload[..reader.ReadFull(payload)];
        byte[] key = new byte[32];
        AgeKeys.PayloadKey(vector.FileKey, payload.AsSpan(0, 16), key);

        using MemoryStream plaintext = new();
        AgePayload.Decrypt(key, new AgeReader(new MemoryStream(payload[16..])), plaintext);
        using MemoryStream ciphertext = new();
        AgePayload.Encrypt(key, plaintext.ToArray(), ciphertext);

        Assert.Equal(vector.PayloadHash, Convert.ToHexStringLower(SHA256.HashData(plaintext.ToArray())));
        Assert.Equal(payload[16..], ciphertext.ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(65535)]
    [InlineData(65536)]
    [InlineData(65537)]
    [InlineData(2 * 65536)]
    public void Stream_round_trips_at_chunk_boundaries(int length)
    {
        byte[] key = RandomNumberGenerator.GetBytes(32);
        byte[] plaintext = RandomNumberGenerator.GetBytes(length);
        using MemoryStream ciphertext = new();
        AgePayload.Encrypt(key, plaintext, ciphertext);

        // One tag per chunk; the empty plaintext still has its one (empty, final) chunk.
        int chunks = Math.Max(1, (length + 65535) / 65536);
        Assert.Equal(length + (16 * chunks), ciphertext.Length);
        using MemoryStream decrypted = new();
        AgePayload.Decrypt(key, new AgeReader(new MemoryStream(ciphertext.ToArray())), decrypted);
        Assert.Equal(plaintext, decrypted.ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    [InlineData(65537)]
    public void Stream_rejects_a_truncated_payload(int length)
    {
        byte[] key = RandomNumberGenerator.GetBytes(32);
        using MemoryStream ciphertext = new();
        AgePayload.Encrypt(key, RandomNumberGenerator.GetBytes(length), ciphertext);
        byte[] truncated = ciphertext.ToArray()[..^1];
        AgeException error = Assert.Throws<AgeException>(() => AgePayload.Decrypt(key, new AgeReader(new MemoryStream(truncated)), Stream.Null));
        Assert.Equal(AgeFailure.Payload, error.Failure);
    }
}

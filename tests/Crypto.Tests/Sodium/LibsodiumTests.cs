using System.Security.Cryptography;
using Crypt.Crypto.Sodium;
using CsCheck;

namespace Crypt.Crypto.Tests.Sodium;

// libsodium's HKDF and HMAC replace .NET's on the age path (no OpenSSL at start-up); .NET's
// OpenSSL-backed implementations are the oracle here.
public sealed class LibsodiumTests
{
    [Fact]
    public void HKDF_SHA256_matches_dotnet_for_any_salt_info_and_length()
    {
        // Salts of 0, 16 and 64 bytes are the ones age uses (header/payload/X25519); longer
        // ones exercise HMAC's hashed-key path.
        Gen.Select(Gen.Byte.Array[0, 80], Gen.Byte.Array[0, 100], Gen.Byte.Array[0, 40], Gen.Int[1, 100])
            .Sample((ikm, salt, info, length) =>
            {
                byte[] ours = new byte[length];
                Libsodium.HkdfSha256(ikm, salt, info, ours);
                byte[] theirs = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, length, salt, info);
                Assert.Equal(theirs, ours);
            });
    }

    [Fact]
    public void HMAC_SHA256_matches_dotnet()
    {
        Gen.Select(Gen.Byte.Array[32], Gen.Byte.Array[0, 300]).Sample((key, data) =>
            Assert.Equal(HMACSHA256.HashData(key, data), Libsodium.HmacSha256(key, data)));
    }

    [Fact]
    public void HMAC_SHA256_takes_only_32_byte_keys()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Libsodium.HmacSha256(new byte[16], [1]));
    }

    [Fact]
    public void Random_bytes_fill_the_whole_buffer_and_differ_between_calls()
    {
        byte[] first = Libsodium.RandomBytes(64);
        byte[] second = Libsodium.RandomBytes(64);
        Assert.NotEqual(first, second);
        // 64 random bytes ending in eight zeros: probability 2^-64.
        Assert.False(first.AsSpan(56).IndexOfAnyExcept((byte)0) < 0);
        Libsodium.RandomBytes(Span<byte>.Empty);
    }
}

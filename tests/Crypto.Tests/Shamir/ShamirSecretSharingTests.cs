using Crypt.Crypto.Errors;
using Crypt.Crypto.Shamir;
using CsCheck;

namespace Crypt.Crypto.Tests.Shamir;

public sealed class ShamirSecretSharingTests
{
    /// <summary>
    /// Hand-computed vector. Secret byte 0x42, threshold 3, polynomial f(x) = 0x42 + 0x03·x + 0x05·x²
    /// over GF(2^8)/0x11B:
    ///   f(1) = 42 ⊕ 03 ⊕ 05 = 0x44
    ///   f(2) = 42 ⊕ (03·02 = 06) ⊕ (05·04 = 14) = 0x50
    ///   f(3) = 42 ⊕ (03·03 = 05) ⊕ (05·(03·03) = 05·05 = 11) = 0x56
    /// Shares are [y, x]: [44 01], [50 02], [56 03].
    /// </summary>
    [Fact]
    public void Split_with_a_fixed_polynomial_gives_the_hand_computed_shares()
    {
        byte[][] shares = ShamirSecretSharing.Split([0x42], parts: 3, threshold: 3, dest => new byte[] { 0x03, 0x05 }.CopyTo(dest));

        Assert.Equal(new byte[] { 0x44, 0x01 }, shares[0]);
        Assert.Equal(new byte[] { 0x50, 0x02 }, shares[1]);
        Assert.Equal(new byte[] { 0x56, 0x03 }, shares[2]);
        Assert.Equal(new byte[] { 0x42 }, ShamirSecretSharing.Combine(shares));
    }

    [Fact]
    public void Combine_of_the_hand_computed_shares_in_any_order_gives_the_secret() =>
        Assert.Equal(new byte[] { 0x42 }, ShamirSecretSharing.Combine([[0x56, 0x03], [0x44, 0x01], [0x50, 0x02]]));

    [Fact]
    public void Shares_of_a_data_key_are_33_bytes_with_x_last()
    {
        byte[] secret = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        byte[][] shares = ShamirSecretSharing.Split(secret, parts: 4, threshold: 2);
        for (int i = 0; i < shares.Length; i++)
        {
            Assert.Equal(33, shares[i].Length);
            Assert.Equal(i + 1, shares[i][32]);
        }
    }

    [Fact]
    public void Any_threshold_subset_recovers_the_secret_and_fewer_shares_do_not() =>
        Gen.Select(Gen.Byte.Array[1, 40], Gen.Int[2, 12], Gen.Int[0, 10], Gen.Int)
            .Sample((secret, parts, extra, seed) =>
            {
                int threshold = 2 + (extra % (parts - 1));
                byte[][] shares = ShamirSecretSharing.Split(secret, parts, threshold);
                Random random = new(seed);
                byte[][] subset = shares.OrderBy(_ => random.Next()).Take(threshold).ToArray();
                Assert.Equal(secret, ShamirSecretSharing.Combine(subset));

                // One share fewer than the threshold interpolates a different polynomial; with a
                // 1-byte secret it may coincide by chance (1/256), so only long secrets assert.
                if (threshold > 2 && secret.Length >= 16)
                {
                    Assert.NotEqual(secret, ShamirSecretSharing.Combine(subset[..^1]));
                }
            });

    [Theory]
    [InlineData(3, 4)]
    [InlineData(3, 1)]
    [InlineData(256, 2)]
    public void Split_rejects_invalid_parts_and_threshold(int parts, int threshold) =>
        Assert.Throws<ArgumentException>(() => ShamirSecretSharing.Split(new byte[32], parts, threshold));

    [Fact]
    public void Split_rejects_an_empty_secret() =>
        Assert.Throws<ArgumentException>(() => ShamirSecretSharing.Split([], 3, 2));

    [Fact]
    public void Combine_rejects_duplicate_x() =>
        Assert.Throws<CryptFormatException>(() => ShamirSecretSharing.Combine([[1, 2, 1], [3, 4, 1]]));

    [Fact]
    public void Combine_rejects_a_single_share() =>
        Assert.Throws<CryptFormatException>(() => ShamirSecretSharing.Combine([[1, 2, 1]]));

    [Fact]
    public void Combine_rejects_shares_of_different_length() =>
        Assert.Throws<CryptFormatException>(() => ShamirSecretSharing.Combine([[1, 2, 1], [3, 2]]));
}

using Crypt.Crypto.Shamir;

namespace Crypt.Crypto.Tests.Shamir;

public sealed class GaloisField256Tests
{
    // FIPS-197 §4.2: {57}·{83} = {c1} and {57}·{13} = {fe} in GF(2^8) mod x^8+x^4+x^3+x+1.
    public static TheoryData<byte, byte, byte> Products => new()
    {
        { 0x57, 0x83, 0xC1 },
        { 0x57, 0x13, 0xFE },
        { 0x02, 0x80, 0x1B },
        { 0x03, 0x03, 0x05 },
        { 0x05, 0x05, 0x11 },
        { 0x00, 0xFF, 0x00 },
        { 0x01, 0xA7, 0xA7 },
    };

    [Theory]
    [MemberData(nameof(Products))]
    public void Multiply_matches_the_published_products(byte a, byte b, byte product)
    {
        Assert.Equal(product, GaloisField256.Multiply(a, b));
        Assert.Equal(product, GaloisField256.Multiply(b, a));
    }

    [Fact]
    public void Every_non_zero_element_times_its_inverse_is_one()
    {
        for (int a = 1; a < 256; a++)
        {
            Assert.Equal(1, GaloisField256.Multiply((byte)a, GaloisField256.Inverse((byte)a)));
        }
    }

    [Fact]
    public void Divide_by_zero_throws() =>
        Assert.Throws<DivideByZeroException>(() => GaloisField256.Divide(1, 0));
}

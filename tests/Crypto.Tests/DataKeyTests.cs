using Crypt.Crypto.Keys;

namespace Crypt.Crypto.Tests;

public sealed class DataKeyTests
{
    [Fact]
    public void Dispose_wipes_the_key_and_later_access_throws()
    {
        DataKey key = DataKey.FromBytes(Enumerable.Repeat((byte)0xAB, 32).ToArray());
        key.Dispose();
        Assert.Throws<ObjectDisposedException>(() => key.Span.Length);
    }

    [Fact]
    public void ToString_never_shows_the_bytes()
    {
        using DataKey key = DataKey.FromBytes(Enumerable.Repeat((byte)0xAB, 32).ToArray());
        Assert.DoesNotContain("AB", key.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void FromBytes_rejects_a_key_of_the_wrong_length() =>
        Assert.Throws<ArgumentException>(() => DataKey.FromBytes(new byte[31]));
}

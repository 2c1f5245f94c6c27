using Crypt.Crypto.Errors;
using Crypt.Crypto.Keys;
using Crypt.Crypto.KeySources;

namespace Crypt.Crypto.Tests.KeySources;

public sealed class DataKeyProtectionTests
{
    private static readonly byte[] s_keyBytes = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public async Task One_group_wraps_the_whole_key_with_every_recipient()
    {
        using DataKey key = DataKey.FromBytes(s_keyBytes);
        WrappedKeyGroups wrapped = await DataKeyProtection.WrapAsync(
            key, [[new FakeRecipient("age", "a1"), new FakeRecipient("kms", "k1")]], 0, default);

        Assert.Single(wrapped.Groups);
        Assert.Equal(0, wrapped.ShamirThreshold);
        Assert.All(wrapped.Groups[0], e => Assert.EndsWith(Convert.ToHexString(s_keyBytes), e.Enc, StringComparison.Ordinal));
        Assert.Equal(["age", "kms"], wrapped.Groups[0].Select(e => e.Type));
    }

    [Fact]
    public async Task Two_groups_default_the_threshold_to_the_number_of_groups_and_wrap_33_byte_shares()
    {
        using DataKey key = DataKey.FromBytes(s_keyBytes);
        WrappedKeyGroups wrapped = await DataKeyProtection.WrapAsync(
            key, [[new FakeRecipient("age", "a1")], [new FakeRecipient("age", "a2")]], 0, default);

        Assert.Equal(2, wrapped.ShamirThreshold);
        Assert.All(wrapped.Groups, g => Assert.Equal(33 * 2, g[0].Enc.Split('|')[1].Length));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task An_invalid_threshold_for_several_groups_is_refused(int threshold)
    {
        using DataKey key = DataKey.FromBytes(s_keyBytes);
        await Assert.ThrowsAsync<CryptFormatException>(() => DataKeyProtection.WrapAsync(
            key, [[new FakeRecipient("age", "a1")], [new FakeRecipient("age", "a2")], [new FakeRecipient("age", "a3")]], threshold, default));
    }

    [Fact]
    public async Task A_key_source_that_cannot_wrap_fails_as_a_wrap_failure_naming_the_key()
    {
        using DataKey key = DataKey.FromBytes(s_keyBytes);
        KeyWrapException e = await Assert.ThrowsAsync<KeyWrapException>(() => DataKeyProtection.WrapAsync(
            key, [[new FakeRecipient("age", "a1"), new RefusingRecipient("arn:aws:kms:us-east-1:111122223333:key/down")]], 0, default));

        Assert.IsType<KeySourceException>(e.InnerException);
        Assert.Contains("arn:aws:kms:us-east-1:111122223333:key/down: service unavailable", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(s_keyBytes), e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_group_is_refused()
    {
        using DataKey key = DataKey.FromBytes(s_keyBytes);
        await Assert.ThrowsAsync<CryptFormatException>(() => DataKeyProtection.WrapAsync(key, [[new FakeRecipient("age", "a1")], []], 0, default));
    }

    [Fact]
    public async Task Unwrap_tries_local_age_before_remote_kms_and_stops_at_the_first_success()
    {
        IReadOnlyList<MasterKeyEntry> group = await WrapOneGroup(new FakeRecipient("kms", "k1"), new FakeRecipient("age", "a1"));
        FakeUnwrapper kms = new("kms", remote: true, "k1");
        FakeUnwrapper age = new("age", remote: false, "a1");
        using KeyRing ring = new([kms, age]);

        using DataKey key = await DataKeyProtection.UnwrapAsync([group], 0, ring, null, default);

        Assert.Equal(s_keyBytes, key.Span.ToArray());
        Assert.Equal(["a1"], age.Calls);
        Assert.Empty(kms.Calls);
    }

    [Fact]
    public async Task An_explicit_decryption_order_overrides_the_default()
    {
        IReadOnlyList<MasterKeyEntry> group = await WrapOneGroup(new FakeRecipient("age", "a1"), new FakeRecipient("kms", "k1"));
        FakeUnwrapper kms = new("kms", remote: true, "k1");
        FakeUnwrapper age = new("age", remote: false, "a1");
        using KeyRing ring = new([age, kms]);

        using DataKey key = await DataKeyProtection.UnwrapAsync([group], 0, ring, DecryptionOrder.Parse("kms,age"), default);

        Assert.Equal(["k1"], kms.Calls);
        Assert.Empty(age.Calls);
    }

    [Fact]
    public async Task Unlisted_types_keep_file_order_with_local_ones_first()
    {
        IReadOnlyList<MasterKeyEntry> group = await WrapOneGroup(
            new FakeRecipient("azure_kv", "z1"), new FakeRecipient("kms", "k1"), new FakeRecipient("local_thing", "l1"), new FakeRecipient("age", "a1"));
        using KeyRing ring = new([new FakeUnwrapper("local_thing", remote: false), new FakeUnwrapper("kms", remote: true), new FakeUnwrapper("azure_kv", remote: true)]);

        List<MasterKeyEntry> ordered = DataKeyProtection.InOrder(group, DecryptionOrder.Default, ring);

        Assert.Equal(["a1", "l1", "z1", "k1"], ordered.Select(e => e.Id));
    }

    [Fact]
    public void A_duplicate_type_in_the_decryption_order_is_an_error() =>
        Assert.Equal("age", Assert.Throws<InvalidDecryptionOrderException>(() => DecryptionOrder.Parse("age,kms,age")).KeyType);

    [Fact]
    public async Task The_cache_prevents_a_second_unwrap_of_the_same_entry()
    {
        IReadOnlyList<MasterKeyEntry> group = await WrapOneGroup(new FakeRecipient("kms", "k1"));
        FakeUnwrapper kms = new("kms", remote: true, "k1");
        using UnwrapCache cache = new();
        using (KeyRing first = new([kms], cache))
        {
            using DataKey key = await DataKeyProtection.UnwrapAsync([group], 0, first, null, default);
        }

        using KeyRing second = new([kms], cache);
        using DataKey again = await DataKeyProtection.UnwrapAsync([group], 0, second, null, default);

        Assert.Equal(s_keyBytes, again.Span.ToArray());
        Assert.Single(kms.Calls);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task When_every_key_fails_the_error_lists_each_key_with_its_reason()
    {
        IReadOnlyList<MasterKeyEntry> group = await WrapOneGroup(new FakeRecipient("age", "a1"), new FakeRecipient("kms", "k1"));
        List<MasterKeyEntry> withGcp = [.. group, new OpaqueKeyEntry("gcp_kms", [new("resource_id", "projects/p/k"), new("enc", "x")])];
        using KeyRing ring = new([new FakeUnwrapper("age", remote: false, "other")]);

        NoMatchingKeyException error = await Assert.ThrowsAsync<NoMatchingKeyException>(
            () => DataKeyProtection.UnwrapAsync([withGcp], 0, ring, null, default));

        Assert.Equal(3, error.Attempts.Count);
        Assert.Equal(new KeyAttempt(0, "age", "a1", "no identity matched"), error.Attempts[0]);
        Assert.Equal(new KeyAttempt(0, "kms", "k1", "no kms key source is available"), error.Attempts[1]);
        Assert.Equal(new KeyAttempt(0, "gcp_kms", "projects/p/k", "key type gcp_kms is not supported by crypt"), error.Attempts[2]);
        Assert.Contains("Group 0: FAILED", error.Message, StringComparison.Ordinal);
        Assert.Contains("age a1: FAILED", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(s_keyBytes), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a1", "a2")]
    [InlineData("a1", "a3")]
    [InlineData("a2", "a3")]
    public async Task Three_groups_with_threshold_two_recover_with_any_two(string held1, string held2)
    {
        using DataKey key = DataKey.FromBytes(s_keyBytes);
        WrappedKeyGroups wrapped = await DataKeyProtection.WrapAsync(
            key, [[new FakeRecipient("age", "a1")], [new FakeRecipient("age", "a2")], [new FakeRecipient("age", "a3")]], 2, default);
        FakeUnwrapper age = new("age", remote: false, held1, held2);
        using KeyRing ring = new([age]);

        using DataKey recovered = await DataKeyProtection.UnwrapAsync(wrapped.Groups, wrapped.ShamirThreshold, ring, null, default);

        Assert.Equal(s_keyBytes, recovered.Span.ToArray());
    }

    [Fact]
    public async Task Groups_after_the_threshold_is_met_are_not_tried()
    {
        using DataKey key = DataKey.FromBytes(s_keyBytes);
        WrappedKeyGroups wrapped = await DataKeyProtection.WrapAsync(
            key, [[new FakeRecipient("age", "a1")], [new FakeRecipient("age", "a2")], [new FakeRecipient("age", "a3")]], 2, default);
        FakeUnwrapper age = new("age", remote: false, "a1", "a2", "a3");
        using KeyRing ring = new([age]);

        using DataKey recovered = await DataKeyProtection.UnwrapAsync(wrapped.Groups, wrapped.ShamirThreshold, ring, null, default);

        Assert.Equal(["a1", "a2"], age.Calls);
    }

    [Fact]
    public async Task Three_groups_with_threshold_two_fail_with_one()
    {
        using DataKey key = DataKey.FromBytes(s_keyBytes);
        WrappedKeyGroups wrapped = await DataKeyProtection.WrapAsync(
            key, [[new FakeRecipient("age", "a1")], [new FakeRecipient("age", "a2")], [new FakeRecipient("age", "a3")]], 2, default);
        using KeyRing ring = new([new FakeUnwrapper("age", remote: false, "a2")]);

        NoMatchingKeyException error = await Assert.ThrowsAsync<NoMatchingKeyException>(
            () => DataKeyProtection.UnwrapAsync(wrapped.Groups, wrapped.ShamirThreshold, ring, null, default));

        Assert.Contains("Group 1: OK", error.Message, StringComparison.Ordinal);
        Assert.Contains("Shamir threshold of 2", error.Message, StringComparison.Ordinal);
        Assert.Equal([0, 2], error.Attempts.Select(a => a.Group));
    }

    [Fact]
    public async Task A_wrong_length_secret_is_a_failed_attempt()
    {
        FakeEntry entry = new("age", "a1", "a1|0102");
        using KeyRing ring = new([new FakeUnwrapper("age", remote: false, "a1")]);

        NoMatchingKeyException error = await Assert.ThrowsAsync<NoMatchingKeyException>(
            () => DataKeyProtection.UnwrapAsync([[entry]], 0, ring, null, default));

        Assert.Contains("2 bytes", error.Attempts[0].Reason, StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<MasterKeyEntry>> WrapOneGroup(params IKeyRecipient[] recipients)
    {
        using DataKey key = DataKey.FromBytes(s_keyBytes);
        WrappedKeyGroups wrapped = await DataKeyProtection.WrapAsync(key, [recipients], 0, default);
        return wrapped.Groups[0];
    }
}

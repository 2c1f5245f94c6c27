using System.Diagnostics;
using Crypt.Crypto.Aws.Kms;
using Crypt.Crypto.Errors;
using Crypt.Crypto.KeySources;
using Crypt.Tests.Emulators.Kms;
using Crypt.Tests.Emulators.Network;

namespace Crypt.Crypto.Aws.Tests;

[Collection(KmsTestGroup.Name)]
public sealed class KmsFailureTests(KmsEmulatorFixture fixture)
{
    // A recognisable secret: no failure message may show it in any encoding.
    private static readonly byte[] s_sentinel = [.. Enumerable.Range(0, 32).Select(i => (byte)(0xC0 + (i % 16)))];

    private readonly KmsEmulator _emulator = fixture.Emulator;

    // Calls that must succeed get a deadline far above what a loaded CI machine needs; only the
    // failure tests, which set their own short timeout, depend on timing.
    private KmsClientOptions Options => new() { ServiceUrl = _emulator.Url, OperationTimeout = TimeSpan.FromMinutes(2), RequestTimeout = TimeSpan.FromMinutes(1) };

    private string NewKey() => _emulator.AddKey($"arn:aws:kms:eu-central-1:111122223333:key/{Guid.NewGuid()}");

    [Fact]
    public async Task Unwrap_with_a_different_encryption_context_fails_naming_the_key()
    {
        string arn = NewKey();
        KmsKeyEntry entry = await WrapAsync(new KmsKeyReference(arn, null, KmsKeyParser.ParseEncryptionContext("env:prod"), null));

        KeySourceException e = await Assert.ThrowsAsync<KeySourceException>(() =>
            new KmsUnwrapper(Options).UnwrapAsync(entry with { Context = KmsKeyParser.ParseEncryptionContext("env:dev") }, CancellationToken.None));

        Assert.Equal(arn, e.KeyId);
        Assert.Contains("InvalidCiphertext", e.Message, StringComparison.Ordinal);
        AssertNoSecret(e);
    }

    [Fact]
    public async Task Unwrap_without_the_encryption_context_it_was_wrapped_with_fails()
    {
        string arn = NewKey();
        KmsKeyEntry entry = await WrapAsync(new KmsKeyReference(arn, null, KmsKeyParser.ParseEncryptionContext("env:prod"), null));

        await Assert.ThrowsAsync<KeySourceException>(() =>
            new KmsUnwrapper(Options).UnwrapAsync(entry with { Context = [] }, CancellationToken.None));
    }

    [Fact]
    public async Task The_order_of_the_encryption_context_does_not_matter()
    {
        string arn = NewKey();
        KmsKeyEntry entry = await WrapAsync(new KmsKeyReference(arn, null, KmsKeyParser.ParseEncryptionContext("a:1,b:2"), null));

        byte[] opened = await new KmsUnwrapper(Options).UnwrapAsync(entry with { Context = KmsKeyParser.ParseEncryptionContext("b:2,a:1") }, CancellationToken.None);

        Assert.Equal(s_sentinel, opened);
    }

    [Fact]
    public async Task Wrap_with_an_unknown_key_fails_naming_the_key()
    {
        const string Arn = "arn:aws:kms:eu-central-1:111122223333:key/00000000-0000-0000-0000-000000000000";

        KeySourceException e = await Assert.ThrowsAsync<KeySourceException>(() =>
            new KmsRecipient(new KmsKeyReference(Arn, null, null, null), Options).WrapAsync(s_sentinel, CancellationToken.None));

        Assert.Equal(Arn, e.KeyId);
        Assert.StartsWith(Arn + ": ", e.Message, StringComparison.Ordinal);
        Assert.Contains("NotFoundException", e.Message, StringComparison.Ordinal);
        AssertNoSecret(e);
    }

    [Fact]
    public async Task Unwrap_with_a_key_other_than_the_one_that_wrapped_fails()
    {
        string arn = NewKey();
        string other = NewKey();
        KmsKeyEntry entry = await WrapAsync(new KmsKeyReference(arn, null, null, null));

        KeySourceException e = await Assert.ThrowsAsync<KeySourceException>(() =>
            new KmsUnwrapper(Options).UnwrapAsync(entry with { Arn = other }, CancellationToken.None));

        Assert.Equal(other, e.KeyId);
        Assert.Contains("IncorrectKey", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Access_denied_is_reported_with_the_key()
    {
        string arn = NewKey();
        _emulator.Deny(arn);

        KeySourceException e = await Assert.ThrowsAsync<KeySourceException>(() =>
            new KmsRecipient(new KmsKeyReference(arn, null, null, null), Options).WrapAsync(s_sentinel, CancellationToken.None));

        Assert.Equal(arn, e.KeyId);
        Assert.Contains("AccessDenied", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unwrap_of_an_enc_that_is_not_base64_fails_naming_the_key()
    {
        string arn = NewKey();
        KmsKeyEntry entry = new(arn, null, [], string.Empty, "2024-01-01T00:00:00Z", "not base64!");

        KeySourceException e = await Assert.ThrowsAsync<KeySourceException>(() =>
            new KmsUnwrapper(Options).UnwrapAsync(entry, CancellationToken.None));

        Assert.Equal(arn, e.KeyId);
        Assert.Contains("base64", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_that_never_answers_fails_within_the_operation_timeout()
    {
        using SilentListener silent = new();
        string arn = NewKey();
        KmsClientOptions options = new()
        {
            ServiceUrl = silent.Url,
            OperationTimeout = TimeSpan.FromSeconds(2),
            RequestTimeout = TimeSpan.FromSeconds(1),
        };

        Stopwatch clock = Stopwatch.StartNew();
        KeySourceException e = await Assert.ThrowsAsync<KeySourceException>(() =>
            new KmsRecipient(new KmsKeyReference(arn, null, null, null), options).WrapAsync(s_sentinel, CancellationToken.None));

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(60));
        Assert.Equal(arn, e.KeyId);
        AssertNoSecret(e);
    }

    [Fact]
    public async Task A_port_with_nothing_listening_fails_within_the_operation_timeout()
    {
        string arn = NewKey();
        KmsKeyEntry entry = await WrapAsync(new KmsKeyReference(arn, null, null, null));
        KmsClientOptions options = new() { ServiceUrl = SilentListener.ClosedPortUrl(), OperationTimeout = TimeSpan.FromSeconds(3) };

        Stopwatch clock = Stopwatch.StartNew();
        KeySourceException e = await Assert.ThrowsAsync<KeySourceException>(() =>
            new KmsUnwrapper(options).UnwrapAsync(entry, CancellationToken.None));

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(60));
        Assert.Equal(arn, e.KeyId);
        AssertNoSecret(e);
    }

    [Fact]
    public async Task A_stopped_emulator_fails_within_the_operation_timeout()
    {
        KmsEmulator stopped = await KmsEmulator.StartAsync();
        string arn = stopped.AddKey("arn:aws:kms:eu-central-1:111122223333:key/stopped");
        KmsClientOptions generous = new() { ServiceUrl = stopped.Url, OperationTimeout = TimeSpan.FromMinutes(2), RequestTimeout = TimeSpan.FromMinutes(1) };

        // The set-up wrap must succeed however loaded the machine is; only the call under test
        // has the short deadline.
        KmsKeyEntry entry = Assert.IsType<KmsKeyEntry>(await new KmsRecipient(new KmsKeyReference(arn, null, null, null), generous).WrapAsync(s_sentinel, CancellationToken.None));
        await stopped.DisposeAsync();
        KmsClientOptions options = new() { ServiceUrl = stopped.Url, OperationTimeout = TimeSpan.FromSeconds(3), RequestTimeout = TimeSpan.FromSeconds(2) };

        Stopwatch clock = Stopwatch.StartNew();
        KeySourceException e = await Assert.ThrowsAsync<KeySourceException>(() =>
            new KmsUnwrapper(options).UnwrapAsync(entry, CancellationToken.None));

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(60));
        Assert.Equal(arn, e.KeyId);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_turned_into_a_key_failure()
    {
        using SilentListener silent = new();
        string arn = NewKey();
        using CancellationTokenSource cancel = new(TimeSpan.FromMilliseconds(300));

        // The silent service never answers, so only the caller's token can end the call; the
        // client's own deadline is far beyond it even on a loaded machine.
        KmsClientOptions options = new() { ServiceUrl = silent.Url, OperationTimeout = TimeSpan.FromMinutes(2), RequestTimeout = TimeSpan.FromMinutes(1) };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new KmsRecipient(new KmsKeyReference(arn, null, null, null), options).WrapAsync(s_sentinel, cancel.Token));
    }

    private async Task<KmsKeyEntry> WrapAsync(KmsKeyReference key) =>
        Assert.IsType<KmsKeyEntry>(await new KmsRecipient(key, Options).WrapAsync(s_sentinel, CancellationToken.None));

    private static void AssertNoSecret(Exception e)
    {
        string text = e.ToString();
        Assert.DoesNotContain(Convert.ToHexString(s_sentinel), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToBase64String(s_sentinel), text, StringComparison.Ordinal);
    }
}

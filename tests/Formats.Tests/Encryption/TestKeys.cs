using Crypt.Crypto.Errors;
using Crypt.Crypto.Keys;
using Crypt.Crypto.KeySources;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Tests.Encryption;

/// <summary>Test doubles and helpers: a reversible fake key source and a fixed clock.</summary>
internal static class TestKeys
{
    public static readonly DateTimeOffset Now = new(2024, 3, 25, 22, 8, 10, 250, TimeSpan.Zero);

    public static DataKey Fixed() => DataKey.FromBytes(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    public static TreeDocument Doc(TreeMap map) => new(map);
}

/// <summary>"Wraps" by tagging the hex secret with its id; only a <see cref="FakeUnwrapper"/> holding the id opens it.</summary>
internal sealed class FakeRecipient(string id) : IKeyRecipient
{
    public string Type => "age";

    public string Id => id;

    public Task<MasterKeyEntry> WrapAsync(ReadOnlyMemory<byte> secret, CancellationToken cancellationToken) =>
        Task.FromResult<MasterKeyEntry>(new AgeKeyEntry(id, $"{id}|{Convert.ToHexString(secret.Span)}"));
}

internal sealed class FakeUnwrapper(params string[] held) : IKeyUnwrapper
{
    public string Type => "age";

    public bool IsRemote => false;

    public Task<byte[]> UnwrapAsync(MasterKeyEntry entry, CancellationToken cancellationToken)
    {
        string[] parts = entry.Enc.Split('|');
        return parts.Length == 2 && held.Contains(parts[0])
            ? Task.FromResult(Convert.FromHexString(parts[1]))
            : throw new KeySourceException(entry.Id, "no identity matched");
    }
}

internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>Fails every wrap as a key service that is down would.</summary>
internal sealed class RefusingRecipient(string id) : IKeyRecipient
{
    public string Type => "kms";

    public string Id => id;

    public Task<MasterKeyEntry> WrapAsync(ReadOnlyMemory<byte> secret, CancellationToken cancellationToken) =>
        Task.FromException<MasterKeyEntry>(new KeySourceException(id, "service unavailable"));
}

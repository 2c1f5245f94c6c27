using Crypt.Crypto.Errors;
using Crypt.Crypto.KeySources;

namespace Crypt.Crypto.Tests.KeySources;

/// <summary>
/// Test doubles. A fake "wrap" is reversible and tagged with the key id, so only the matching
/// fake unwrapper (holding that id) opens it: enc = "&lt;id&gt;|&lt;hex secret&gt;".
/// </summary>
internal sealed class FakeRecipient(string type, string id) : IKeyRecipient
{
    public string Type => type;

    public string Id => id;

    public Task<MasterKeyEntry> WrapAsync(ReadOnlyMemory<byte> secret, CancellationToken cancellationToken) =>
        Task.FromResult<MasterKeyEntry>(new FakeEntry(type, id, $"{id}|{Convert.ToHexString(secret.Span)}"));
}

internal sealed record FakeEntry(string TypeName, string KeyId, string Wrapped) : MasterKeyEntry
{
    public override string Type => TypeName;

    public override string Id => KeyId;

    public override string Enc => Wrapped;
}

internal sealed class FakeUnwrapper(string type, bool remote, params string[] heldIds) : IKeyUnwrapper
{
    public List<string> Calls { get; } = [];

    public string Type => type;

    public bool IsRemote => remote;

    public Task<byte[]> UnwrapAsync(MasterKeyEntry entry, CancellationToken cancellationToken)
    {
        Calls.Add(entry.Id);
        string[] parts = entry.Enc.Split('|');
        if (parts.Length != 2 || !heldIds.Contains(parts[0]))
        {
            throw new KeySourceException(entry.Id, "no identity matched");
        }

        return Task.FromResult(Convert.FromHexString(parts[1]));
    }
}

/// <summary>Fails every wrap as a key service that is down would.</summary>
internal sealed class RefusingRecipient(string id) : IKeyRecipient
{
    public string Type => "kms";

    public string Id => id;

    public Task<MasterKeyEntry> WrapAsync(ReadOnlyMemory<byte> secret, CancellationToken cancellationToken) =>
        Task.FromException<MasterKeyEntry>(new KeySourceException(id, "service unavailable"));
}

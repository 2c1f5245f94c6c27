namespace Crypt.Crypto.KeySources;

/// <summary>
/// A data key as the metadata records it: key groups of wrapped entries and the Shamir
/// threshold (0 when not written, as SOPS omits it).
/// </summary>
public sealed record WrappedKeyGroups(IReadOnlyList<IReadOnlyList<MasterKeyEntry>> Groups, int ShamirThreshold);

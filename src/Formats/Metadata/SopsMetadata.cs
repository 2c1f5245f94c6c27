using Crypt.Crypto.KeySources;

namespace Crypt.Formats.Metadata;

/// <summary>
/// The <c>sops</c> block of an encrypted file (§5.1), format-agnostic. A single key group is
/// written as flat lists; two or more as <c>key_groups</c>.
/// </summary>
public sealed record SopsMetadata
{
    /// <summary>The key groups; each entry wraps the data key (one group) or the group's Shamir share.</summary>
    public required IReadOnlyList<IReadOnlyList<MasterKeyEntry>> KeyGroups { get; init; }

    /// <summary><c>shamir_threshold</c>; 0 when not written.</summary>
    public int ShamirThreshold { get; init; }

    /// <summary><c>lastmodified</c> as written (RFC 3339); the MAC's AAD after re-formatting.</summary>
    public required string LastModified { get; init; }

    /// <summary><c>mac</c>: the encrypted MAC, <c>ENC[...,type:str]</c>.</summary>
    public required string Mac { get; init; }

    /// <summary>The partial-encryption option.</summary>
    public EncryptionRule Rule { get; init; } = EncryptionRule.Default;

    /// <summary><c>mac_only_encrypted</c>.</summary>
    public bool MacOnlyEncrypted { get; init; }

    /// <summary><c>version</c>: the SOPS version the writer claims to be compatible with.</summary>
    public required string Version { get; init; }
}

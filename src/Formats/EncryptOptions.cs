using Crypt.Crypto.KeySources;
using Crypt.Formats.Metadata;

namespace Crypt.Formats;

/// <summary>How to encrypt a new file: key groups, Shamir threshold, selection rule, MAC mode.</summary>
public sealed record EncryptOptions
{
    /// <summary>The master keys, by group; one group wraps the whole data key, several split it.</summary>
    public required IReadOnlyList<IReadOnlyList<IKeyRecipient>> KeyGroups { get; init; }

    /// <summary><c>shamir_threshold</c>; 0 means "all groups" (ignored with one group).</summary>
    public int ShamirThreshold { get; init; }

    /// <summary>Which values to encrypt (default <c>unencrypted_suffix: _unencrypted</c>).</summary>
    public EncryptionRule Rule { get; init; } = EncryptionRule.Default;

    /// <summary><c>mac_only_encrypted</c>: the MAC covers only encrypted values.</summary>
    public bool MacOnlyEncrypted { get; init; }

    /// <summary>Source of <c>lastmodified</c> (tests fix it).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}

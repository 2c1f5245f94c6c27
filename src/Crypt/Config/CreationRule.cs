using System.Text.RegularExpressions;
using Crypt.Formats.Metadata;

namespace Crypt.Config;

/// <summary>
/// One entry of <c>creation_rules</c> (sops config schema, FORMAT.md §9): which files it covers,
/// the key groups to encrypt them for, and how.
/// </summary>
internal sealed record CreationRule
{
    /// <summary>Unanchored pattern matched against the path relative to the config's folder; null matches all.</summary>
    public Regex? PathRegex { get; init; }

    /// <summary>Key groups; flat keys make one group.</summary>
    public required IReadOnlyList<IReadOnlyList<KeySpec>> KeyGroups { get; init; }

    /// <summary><c>shamir_threshold</c>, 0 when unset.</summary>
    public int ShamirThreshold { get; init; }

    /// <summary>The partial-encryption option, null when the rule sets none.</summary>
    public EncryptionRule? Rule { get; init; }

    /// <summary><c>mac_only_encrypted</c>.</summary>
    public bool MacOnlyEncrypted { get; init; }
}

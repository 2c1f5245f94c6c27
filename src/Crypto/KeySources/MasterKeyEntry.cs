namespace Crypt.Crypto.KeySources;

/// <summary>
/// One master key as a file's metadata records it: which key wrapped the data key (or a Shamir
/// share of it) and the wrapped bytes (<c>enc</c>). SOPS metadata §5–6: one entry of
/// <c>sops.age</c>, <c>sops.kms</c>, <c>sops.azure_kv</c>, ... Formats turns these into and
/// out of YAML/JSON/dotenv; key sources produce and open them.
/// </summary>
public abstract record MasterKeyEntry
{
    /// <summary>The metadata list this entry belongs to: <c>age</c>, <c>kms</c>, <c>azure_kv</c>, <c>pgp</c>, ...</summary>
    public abstract string Type { get; }

    /// <summary>The key's identity as SOPS prints it (used for add/remove/diff and errors).</summary>
    public abstract string Id { get; }

    /// <summary>The wrapped data key (or share) in the type's own encoding.</summary>
    public abstract string Enc { get; }
}

namespace Crypt.Crypto.KeySources;

/// <summary>
/// A <c>pgp</c> entry (sops stores/stores.go <c>pgpkey</c>): the key's fingerprint, the creation
/// time, and the data key encrypted by gpg as an ASCII-armored PGP message.
/// </summary>
public sealed record PgpKeyEntry(string Fingerprint, string CreatedAt, string Enc) : MasterKeyEntry
{
    /// <summary>The metadata list name.</summary>
    public const string TypeName = "pgp";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>SOPS's <c>ToString</c>: the fingerprint.</summary>
    public override string Id => Fingerprint;

    /// <inheritdoc />
    public override string Enc { get; } = Enc;
}

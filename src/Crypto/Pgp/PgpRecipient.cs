using System.Globalization;
using Crypt.Crypto.KeySources;

namespace Crypt.Crypto.Pgp;

/// <summary>
/// A PGP key as a SOPS master key (sops pgp/keysource.go <c>MasterKey</c>): gpg encrypts the
/// data key (or a Shamir share) to the fingerprint, and the entry records the fingerprint, the
/// time and the armored message.
/// </summary>
public sealed class PgpRecipient : IKeyRecipient
{
    private readonly GnuPg _gpg;

    /// <summary>A recipient for <paramref name="fingerprint"/>; spaces are removed, as sops's <c>NewMasterKeyFromFingerprint</c> does.</summary>
    public PgpRecipient(string fingerprint, GnuPg gpg)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        ArgumentNullException.ThrowIfNull(gpg);
        Id = Normalize(fingerprint);
        _gpg = gpg;
    }

    /// <inheritdoc />
    public string Type => PgpKeyEntry.TypeName;

    /// <summary>The fingerprint (or any key id gpg's <c>-r</c> accepts), without spaces.</summary>
    public string Id { get; }

    /// <summary>A fingerprint as sops keeps it: every space removed, nothing else changed.</summary>
    public static string Normalize(string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        return fingerprint.Replace(" ", string.Empty, StringComparison.Ordinal);
    }

    /// <summary>
    /// Splits a comma-separated list (sops <c>MasterKeysFromFingerprintString</c>, used by
    /// <c>--pgp</c>, <c>SOPS_PGP_FP</c> and <c>pgp:</c> in a rule); empty items are dropped.
    /// </summary>
    public static IReadOnlyList<string> ParseList(string commaSeparated)
    {
        ArgumentNullException.ThrowIfNull(commaSeparated);
        return [.. commaSeparated.Split(',').Select(Normalize).Where(f => f.Trim().Length > 0)];
    }

    /// <inheritdoc />
    public async Task<MasterKeyEntry> WrapAsync(ReadOnlyMemory<byte> secret, CancellationToken cancellationToken)
    {
        string createdAt = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        string armored = await _gpg.EncryptAsync(Id, secret, cancellationToken).ConfigureAwait(false);
        return new PgpKeyEntry(Id, createdAt, armored);
    }

    /// <inheritdoc />
    public override string ToString() => $"PGP key {Id}";
}

using Crypt.Crypto.Errors;
using Crypt.Crypto.KeySources;

namespace Crypt.Crypto.Pgp;

/// <summary>
/// Opens SOPS <c>pgp</c> entries with gpg (sops pgp/keysource.go <c>decryptWithGnuPG</c>): the
/// secret key lives in the user's keyring, and gpg-agent asks for its passphrase if it has one.
/// Local, so it is tried before cloud keys.
/// </summary>
public sealed class PgpUnwrapper : IKeyUnwrapper
{
    private readonly GnuPg _gpg;

    /// <summary>An unwrapper that runs <paramref name="gpg"/>.</summary>
    /// <param name="gpg">The gpg binary and home directory to use.</param>
    public PgpUnwrapper(GnuPg gpg)
    {
        ArgumentNullException.ThrowIfNull(gpg);
        _gpg = gpg;
    }

    /// <inheritdoc />
    public string Type => PgpKeyEntry.TypeName;

    /// <inheritdoc />
    public bool IsRemote => false;

    /// <inheritdoc />
    public Task<byte[]> UnwrapAsync(MasterKeyEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry is PgpKeyEntry pgp
            ? _gpg.DecryptAsync(pgp.Fingerprint, pgp.Enc, cancellationToken)
            : throw new KeySourceException(entry.Id, $"not a pgp entry (type {entry.Type})");
    }

    /// <inheritdoc />
    public override string ToString() => $"gpg ({_gpg.Executable})";
}

namespace Crypt.Crypto.Errors;

/// <summary>
/// The gpg binary could not wrap or unwrap a data key for a PGP key: gpg is missing (or
/// <c>SOPS_GPG_EXEC</c> names nothing runnable), exited with an error, or printed nothing. Names
/// the fingerprint and gpg's own one-line complaint, never the data key.
/// </summary>
public sealed class GpgException : CryptException
{
    /// <summary>gpg failed for the PGP key <paramref name="fingerprint"/>.</summary>
    /// <param name="fingerprint">The PGP fingerprint as the file or the user wrote it.</param>
    /// <param name="reason">What went wrong (gpg's own one-line complaint, never key material).</param>
    /// <param name="innerException">The lower-level failure, if any.</param>
    public GpgException(string fingerprint, string reason, Exception? innerException = null)
        : base($"PGP key {fingerprint}: {reason}", innerException)
    {
        Fingerprint = fingerprint;
        Reason = reason;
    }

    /// <summary>The PGP fingerprint as the file or the user wrote it.</summary>
    public string Fingerprint { get; }

    /// <summary>What went wrong, without the fingerprint.</summary>
    public string Reason { get; }
}

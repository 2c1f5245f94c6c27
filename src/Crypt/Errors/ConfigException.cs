using Crypt.Crypto.Errors;

namespace Crypt.Errors;

/// <summary>
/// A <c>.sopsrc</c>/<c>.sops.yaml</c> that cannot be used: missing when named, unreadable, not
/// YAML, or not the sops schema (an unknown field, a bad pattern, a malformed key). Carries the
/// config file and the line and column where the problem is; never a secret.
/// </summary>
public sealed class ConfigException : CryptException
{
    /// <summary>Creates the failure for <paramref name="file"/> at <paramref name="line"/>:<paramref name="column"/> (0 when unknown).</summary>
    /// <param name="detail">What is wrong, without the location.</param>
    /// <param name="file">The config file.</param>
    /// <param name="line">1-based line, or 0.</param>
    /// <param name="column">1-based column, or 0.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ConfigException(string detail, string file, long line = 0, long column = 0, Exception? innerException = null)
        : base(detail, innerException, file, line, column)
    {
    }
}

using System.Security.Cryptography;
using System.Text;

namespace OrdersApi;

/// <summary>
/// A short SHA-256 prefix of a secret: enough to tell which version of a key the app has
/// loaded (after a rotation), useless for recovering it.
/// </summary>
public static class Fingerprint
{
    public static string Of(string secret) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)))[..12];
}

using Crypt.Crypto.Errors;

namespace Crypt.Crypto.KeySources;

/// <summary>
/// The order key types are tried in inside a key group (FORMAT.md §6.5): by default age, then
/// pgp, then the rest in file order; <c>--decryption-order age,kms,azure_kv</c> overrides.
/// </summary>
public static class DecryptionOrder
{
    /// <summary>SOPS's default order (<c>sops.DefaultDecryptionOrder</c>).</summary>
    public static IReadOnlyList<string> Default { get; } = ["age", "pgp"];

    /// <summary>Parses a comma-separated list; null or empty gives <see cref="Default"/>.</summary>
    /// <exception cref="InvalidDecryptionOrderException">A type is listed twice.</exception>
    public static IReadOnlyList<string> Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Default;
        }

        // SOPS splits on "," without trimming; so do we, so "age, kms" means the same to both.
        string[] types = text.Split(',');
        Validate(types);
        return types;
    }

    /// <summary>Checks that no type appears twice.</summary>
    /// <exception cref="InvalidDecryptionOrderException">A type is listed twice.</exception>
    public static void Validate(IReadOnlyList<string> order)
    {
        ArgumentNullException.ThrowIfNull(order);
        HashSet<string> seen = new(StringComparer.Ordinal);
        foreach (string type in order)
        {
            if (!seen.Add(type))
            {
                throw new InvalidDecryptionOrderException(type);
            }
        }
    }
}

using Microsoft.Extensions.Compliance.Classification;

namespace Crypt.Extensions.Configuration;

/// <summary>
/// The data classification of values that came from an encrypted file, for
/// Microsoft.Extensions.Compliance redaction: register a redactor for <see cref="Secret"/> and
/// mark options properties with <see cref="SopsSecretAttribute"/>.
/// </summary>
public static class SopsDataClassifications
{
    /// <summary>The taxonomy name, <c>Crypt</c>.</summary>
    public const string TaxonomyName = "Crypt";

    /// <summary>A secret from a SOPS file (taxonomy <c>Crypt</c>, value <c>Secret</c>).</summary>
    public static DataClassification Secret { get; } = new(TaxonomyName, "Secret");
}

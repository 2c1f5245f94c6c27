using Microsoft.Extensions.Compliance.Classification;

namespace Crypt.Extensions.Configuration;

/// <summary>
/// Marks a property, field or parameter as holding a secret from a SOPS file
/// (<see cref="SopsDataClassifications.Secret"/>), so logging with redaction enabled redacts it.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter | AttributeTargets.ReturnValue, AllowMultiple = false)]
public sealed class SopsSecretAttribute : DataClassificationAttribute
{
    /// <summary>Classifies the member as <see cref="SopsDataClassifications.Secret"/>.</summary>
    public SopsSecretAttribute()
        : base(SopsDataClassifications.Secret)
    {
    }
}

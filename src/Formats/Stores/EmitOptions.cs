namespace Crypt.Formats.Stores;

/// <summary>
/// Output settings (SOPS <c>stores:</c> config and <c>--indent</c>). Null indent = the format's
/// default: 4 spaces for YAML, a tab for JSON.
/// </summary>
public sealed record EmitOptions(int? Indent = null)
{
    /// <summary>The defaults SOPS uses.</summary>
    public static EmitOptions Default { get; } = new();
}

namespace Crypt.Crypto.KeySources;

/// <summary>An <c>age</c> entry: the recipient and the armored age file holding the data key.</summary>
public sealed record AgeKeyEntry(string Recipient, string Enc) : MasterKeyEntry
{
    /// <summary>The metadata list name.</summary>
    public const string TypeName = "age";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <inheritdoc />
    public override string Id => Recipient;

    /// <inheritdoc />
    public override string Enc { get; } = Enc;
}

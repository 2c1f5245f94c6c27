namespace Crypt.Crypto.Age;

/// <summary>
/// One recipient stanza of an age header (age v1 spec, "Recipient stanza"): a type, further
/// arguments, and a body that wraps the file key for one recipient.
/// </summary>
/// <param name="Type">The first argument, for example <c>X25519</c> or <c>scrypt</c>.</param>
/// <param name="Args">The arguments after the type.</param>
/// <param name="Body">The decoded body.</param>
public sealed record AgeStanza(string Type, IReadOnlyList<string> Args, byte[] Body)
{
    /// <inheritdoc />
    public override string ToString() => $"-> {Type} ({Args.Count} more arguments, {Body.Length}-byte body)";
}

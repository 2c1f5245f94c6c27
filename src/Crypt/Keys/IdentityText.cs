namespace Crypt.Keys;

/// <summary>
/// Identity text read from one place (an environment variable, a file, a command's output);
/// <paramref name="Bytes"/> keeps a file's raw bytes, which a binary age-encrypted identity file needs.
/// </summary>
internal sealed record IdentityText(string Location, string Text, byte[]? Bytes = null)
{
    public override string ToString() => Location;
}

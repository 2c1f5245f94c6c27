namespace Crypt.Cli.Keys;

/// <summary>Identity text read from one place (an environment variable, a file, a command's output).</summary>
internal sealed record IdentityText(string Location, string Text)
{
    public override string ToString() => Location;
}

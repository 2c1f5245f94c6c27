namespace Crypt.Crypto.Age;

/// <summary>Plugin names as age accepts them (age v1.3.1 plugin/encode.go validPluginName).</summary>
internal static class AgePluginNames
{
    public static bool IsValid(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.' or '_');
}

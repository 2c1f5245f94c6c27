using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Crypt.Cli.Tests.Corpus;

/// <summary>The independent reader of each input type, behind one switch.</summary>
internal static partial class FormatReaders
{
    /// <summary>The data as one comparable text (binary: its length and SHA-256).</summary>
    public static string Data(string inputType, byte[] bytes) => inputType switch
    {
        "yaml" => YamlData.Dump(bytes),
        "json" => JsonData.Dump(bytes),
        "dotenv" => DotenvData.Dump(bytes),
        "ini" => IniData.Dump(bytes),
        "binary" => $"{bytes.Length} bytes, sha256 {Convert.ToHexString(SHA256.HashData(bytes))}",
        _ => throw new ArgumentOutOfRangeException(nameof(inputType), inputType, "unknown input type"),
    };

    public static List<CommentLine> Comments(string inputType, byte[] bytes) => inputType switch
    {
        "yaml" => YamlData.Comments(bytes),
        "dotenv" => DotenvData.Comments(bytes),
        "ini" => IniData.Comments(bytes),
        _ => [],
    };

    /// <summary>The value leaves of an encrypted file, its metadata left out (binary: the JSON wrapper's data).</summary>
    public static IEnumerable<(string Path, string Value, bool NullOrEmpty)> EncryptedLeaves(string inputType, byte[] encrypted) => inputType switch
    {
        "yaml" => YamlData.Leaves(encrypted),
        "json" or "binary" => JsonData.Leaves(encrypted),
        "dotenv" => DotenvData.Leaves(encrypted),
        "ini" => IniData.Leaves(encrypted),
        _ => throw new ArgumentOutOfRangeException(nameof(inputType), inputType, "unknown input type"),
    };

    /// <summary>An ENC value; a comment inside a list is an item ENC[...,type:comment] (sops walkSlice).</summary>
    public static bool IsEncrypted(string value) => EncValue().IsMatch(value);

    /// <summary>How many encrypted comments a file holds (sops writes them as ENC[...,type:comment]).</summary>
    public static int EncryptedComments(byte[] encrypted) => EncryptedComment().Count(System.Text.Encoding.UTF8.GetString(encrypted));

    [GeneratedRegex(@"^ENC\[AES256_GCM,data:[A-Za-z0-9+/=]*,iv:[A-Za-z0-9+/=]+,tag:[A-Za-z0-9+/=]+,type:(str|int|float|bool|bytes|comment)\]$")]
    private static partial Regex EncValue();

    [GeneratedRegex(@"ENC\[AES256_GCM,data:[A-Za-z0-9+/=]*,iv:[A-Za-z0-9+/=]+,tag:[A-Za-z0-9+/=]+,type:comment\]")]
    private static partial Regex EncryptedComment();
}

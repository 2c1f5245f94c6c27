using System.Text;
using Crypt.Config;
using Crypt.Crypto.Age;
using Crypt.Crypto.Errors;
using Crypt.Crypto.Values;
using Crypt.Errors;
using Crypt.Formats;
using Crypt.Formats.Stores;
using Crypt.Formats.Tree;

namespace Crypt.Fuzz;

/// <summary>
/// The parser targets, each as ParserFuzzTests (tests/Cli.Tests/Hardening) checks it: the input
/// parses or is refused with the target's error (a CryptException; the config loader's
/// ConfigException, exit 5). Anything else escapes and afl records a crash.
/// </summary>
internal static class FuzzTargets
{
    public static readonly string[] Names = ["yaml", "json", "dotenv", "ini", "enc-value", "age", "identity", "tree-path", "config"];

    private static readonly Lazy<X25519Identity> s_identity = new(X25519Identity.Generate);

    private static readonly Lazy<string> s_configPath = new(() =>
        Path.Combine(Directory.CreateTempSubdirectory("crypt-fuzz-config-").FullName, ".sops.yaml"));

    public static Action<byte[]> For(string target) => target switch
    {
        "yaml" => input => Store(input, DocumentFormat.Yaml),
        "json" => input => Store(input, DocumentFormat.Json),
        "dotenv" => input => Store(input, DocumentFormat.Dotenv),
        "ini" => input => Store(input, DocumentFormat.Ini),
        "enc-value" => input => Refused(() =>
        {
            bool parsed = EncryptedValue.TryParse(Encoding.UTF8.GetString(input), out EncryptedValue? value, out string? error);
            if (parsed != value is not null || parsed == error is not null)
            {
                throw new InvalidOperationException($"TryParse answered {parsed} with value {value is not null} and error '{error}'");
            }
        }),
        "age" => input => Refused(() => AgeDecryptor.Decrypt(input, [s_identity.Value])),
        "identity" => input =>
        {
            string text = Encoding.UTF8.GetString(input);
            Refused(() => AgeKeyParser.ParseIdentityFile(text, "keys.txt"));
            Refused(() => AgeKeyParser.ParseRecipientList(text));
        }
        ,
        "tree-path" => input => Refused(() => TreePath.Parse(Encoding.UTF8.GetString(input))),
        "config" => input =>
        {
            File.WriteAllBytes(s_configPath.Value, input);
            try
            {
                ConfigLoader.Load(s_configPath.Value);
            }
            catch (ConfigException)
            {
            }
        }
        ,
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, "unknown fuzz target"),
    };

    private static void Store(byte[] input, DocumentFormat format)
    {
        Refused(() => SopsDocument.ParsePlain(input, format));
        Refused(() => SopsDocument.ParseEncrypted(input, format));
    }

    private static void Refused(Action parse)
    {
        try
        {
            parse();
        }
        catch (CryptException)
        {
        }
    }
}

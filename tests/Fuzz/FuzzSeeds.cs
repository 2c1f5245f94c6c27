using System.Text;
using System.Text.RegularExpressions;
using Crypt.Crypto.Age;
using Crypt.Crypto.KeySources;
using Crypt.Formats;
using Crypt.Formats.Stores;
using Crypt.Tests;

namespace Crypt.Fuzz;

/// <summary>
/// Seed inputs per target, as ParserFuzzTests seeds its CsCheck runs: small files of the format
/// from ../shared/corpus and the sops fixtures (read in place, written only into the fuzz run's
/// input folder), files Crypt encrypts here, and hand-made inputs for the small parsers.
/// afl-fuzz wants small seeds, so files over 16 KiB are left out.
/// </summary>
internal static partial class FuzzSeeds
{
    public static async Task<int> WriteAsync(string target, string folder)
    {
        Directory.CreateDirectory(folder);
        List<byte[]> seeds = [.. await SeedsAsync(target)];
        for (int i = 0; i < seeds.Count; i++)
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, $"seed-{i:D3}"), seeds[i]);
        }

        return seeds.Count;
    }

    private static async Task<IEnumerable<byte[]>> SeedsAsync(string target)
    {
        using X25519Identity identity = X25519Identity.Generate();
        switch (target)
        {
            case "yaml" or "json" or "dotenv" or "ini":
                DocumentFormat format = target switch
                {
                    "yaml" => DocumentFormat.Yaml,
                    "json" => DocumentFormat.Json,
                    "dotenv" => DocumentFormat.Dotenv,
                    _ => DocumentFormat.Ini,
                };
                return [.. Files(target == "dotenv" ? "env" : target), await EncryptedAsync(format, identity)];
            case "enc-value":
                return [.. (await AllEncryptedAsync(identity)).SelectMany(e => EncValue().Matches(Encoding.UTF8.GetString(e)).Select(m => Encoding.UTF8.GetBytes(m.Value))).Distinct().Take(50)];
            case "age":
                return
                [
                    AgeEncryptor.Encrypt(new byte[64], [identity.Recipient], armor: true),
                    AgeEncryptor.Encrypt(new byte[100], [identity.Recipient, X25519Identity.Generate().Recipient], armor: false),
                ];
            case "identity":
                return
                [
                    Encoding.UTF8.GetBytes($"# created: 2024-01-01\n# public key: {identity.Recipient}\n{identity.ToSecretString()}\n"),
                    Encoding.UTF8.GetBytes($"{identity.Recipient},{X25519Identity.Generate().Recipient}"),
                ];
            case "tree-path":
                return [.. new[] { "[\"a\"][\"b\"][0]", "['key with space'][12]", "[\"x\\\"y\"]", "[-1]" }.Select(Encoding.UTF8.GetBytes)];
            case "config":
                return
                [
                    "creation_rules:\n  - path_regex: \\.yaml$\n    age: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p\n    encrypted_regex: ^(data|stringData)$\n  - pgp: ABC\n    key_groups:\n      - age: [x]\n        kms: [{arn: 'arn:aws:kms:us-east-1:1:key/x'}]\n"u8.ToArray(),
                    "stores:\n  yaml:\n    indent: 4\ncreation_rules:\n  - shamir_threshold: 2\n    unencrypted_suffix: _clear\n"u8.ToArray(),
                ];
            default:
                throw new ArgumentOutOfRangeException(nameof(target), target, "unknown fuzz target");
        }
    }

    private static IEnumerable<byte[]> Files(string extension)
    {
        IEnumerable<string> Small(string root) => Directory.EnumerateFiles(root, "*." + extension, SearchOption.AllDirectories)
            .Where(f => new FileInfo(f).Length < 16 << 10)
            .Order(StringComparer.Ordinal);
        return Small(SharedPaths.Corpus).Take(20).Concat(Small(SharedPaths.SopsFixtures).Take(10)).Select(File.ReadAllBytes);
    }

    private static async Task<byte[][]> AllEncryptedAsync(X25519Identity identity) =>
        await Task.WhenAll(new[] { DocumentFormat.Yaml, DocumentFormat.Json, DocumentFormat.Dotenv, DocumentFormat.Ini }.Select(f => EncryptedAsync(f, identity)));

    private static async Task<byte[]> EncryptedAsync(DocumentFormat format, X25519Identity identity)
    {
        string plain = format switch
        {
            DocumentFormat.Dotenv => "USER=admin\nPASSWORD=secret\n# comment\nPORT=5432\n",
            DocumentFormat.Ini => "[db]\nuser = admin\npassword = secret\n; c\n[api]\nkey = k\n",
            DocumentFormat.Json => "{\"db\": {\"user\": \"admin\", \"port\": 5432, \"ok\": true}, \"list\": [1, \"two\", null]}",
            _ => "db:\n  user: admin # c\n  port: 5432\nlist:\n  - 1\n  - two\n",
        };
        EncryptOptions options = new() { KeyGroups = [[new AgeRecipient(identity.Recipient.ToString())]] };
        EncryptedDocument encrypted = await SopsDocument.EncryptAsync(Encoding.UTF8.GetBytes(plain), format, options, CancellationToken.None);
        return SopsDocument.Emit(encrypted, format, EmitOptions.Default);
    }

    [GeneratedRegex(@"ENC\[[^\]]*\]")]
    private static partial Regex EncValue();
}

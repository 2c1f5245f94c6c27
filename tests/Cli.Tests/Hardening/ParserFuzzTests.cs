using System.Text;
using System.Text.RegularExpressions;
using Crypt.Config;
using Crypt.Crypto.Age;
using Crypt.Crypto.Errors;
using Crypt.Crypto.KeySources;
using Crypt.Crypto.Values;
using Crypt.Errors;
using Crypt.Formats;
using Crypt.Formats.Stores;
using Crypt.Formats.Tree;
using Crypt.Tests;
using CsCheck;
using Xunit.Abstractions;

namespace Crypt.Cli.Tests.Hardening;

/// <summary>
/// Bounded mutation fuzz of the parsers the YAML fuzz (Formats.Tests YamlParserFuzzTests) does
/// not reach, in its pattern: byte mutations of real inputs (../shared/corpus, the sops
/// fixtures, files Crypt encrypts here) must parse or fail with a CryptException (the config
/// loader: its ConfigException, exit 5); never another exception, never a hang. The counts go to
/// the test output.
/// </summary>
public sealed partial class ParserFuzzTests(ITestOutputHelper output)
{
    private static readonly long s_iterations = FuzzHarness.Inputs;

    private static readonly byte[][] s_tokens = [.. new[]
    {
        "=", "\"", "'", "\\", "#", ";", "[", "]", "{", "}", ",", ":", "\n", "\r\n", "\t", " ", "export ", "ENC[", "AES256_GCM,",
        "data:", ",iv:", ",tag:", ",type:str]", "sops", "\"sops\":", "[sops]", "sops_", "mac", "version", "age", "enc",
        "-----BEGIN AGE ENCRYPTED FILE-----\n", "-----END AGE ENCRYPTED FILE-----\n", "-> ", "--- ", "\u00e9", "\uFEFF", "0", "null",
    }.Select(Encoding.UTF8.GetBytes)];

    private static readonly Lazy<byte[][]> s_encrypted = new(() => Task.Run(EncryptSeedsAsync).GetAwaiter().GetResult());

    public static TheoryData<string> Formats => ["binary", "dotenv", "ini", "json", "yaml"];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Mutated_plain_and_encrypted_documents_and_their_metadata_fail_only_with_CryptException(string name)
    {
        DocumentFormat format = Format(name);
        byte[][] seeds = [.. CorpusSeeds(name), .. s_encrypted.Value.Where(s => Format(s) == format).Select(s => s[1..])];
        Fuzz($"{name} store and sops metadata", seeds, input =>
        {
            Expect<CryptException>(() => SopsDocument.ParsePlain(input, format));
            Expect<CryptException>(() => SopsDocument.ParseEncrypted(input, format));
        });
    }

    [Fact]
    public void Mutated_enc_values_are_parsed_or_refused_without_an_exception()
    {
        byte[][] seeds = [.. s_encrypted.Value.SelectMany(s => EncValue().Matches(Encoding.UTF8.GetString(s)).Select(m => Encoding.UTF8.GetBytes(m.Value))).Distinct().Take(200)];
        Fuzz("ENC[...] value", seeds, input => Expect<CryptException>(() =>
        {
            bool parsed = EncryptedValue.TryParse(Encoding.UTF8.GetString(input), out EncryptedValue? value, out string? error);
            if (parsed != value is not null || parsed == error is not null)
            {
                throw new InvalidOperationException($"TryParse answered {parsed} with value {value is not null} and error '{error}'");
            }
        }));
    }

    [Fact]
    public void Mutated_age_files_and_armor_fail_only_with_AgeException()
    {
        using X25519Identity identity = X25519Identity.Generate();
        byte[][] seeds =
        [
            AgeEncryptor.Encrypt(new byte[64], [identity.Recipient], armor: true),
            AgeEncryptor.Encrypt(new byte[100], [identity.Recipient, X25519Identity.Generate().Recipient], armor: false),
            .. s_encrypted.Value.SelectMany(s => AgeBlock().Matches(Encoding.UTF8.GetString(s)).Select(m => Encoding.UTF8.GetBytes(m.Value.Replace("\\n", "\n", StringComparison.Ordinal)))).Take(20),
        ];
        Fuzz("age header, armor and payload", seeds, input => Expect<CryptException>(() => AgeDecryptor.Decrypt(input, [identity])));
    }

    [Fact]
    public void Mutated_identity_files_and_recipients_fail_only_with_CryptException()
    {
        using X25519Identity identity = X25519Identity.Generate();
        byte[][] seeds =
        [
            Encoding.UTF8.GetBytes($"# created: 2024-01-01\n# public key: {identity.Recipient}\n{identity.ToSecretString()}\n"),
            Encoding.UTF8.GetBytes($"{identity.Recipient},{X25519Identity.Generate().Recipient}"),
        ];
        Fuzz("age identity file and recipient list", seeds, input =>
        {
            string text = Encoding.UTF8.GetString(input);
            Expect<CryptException>(() => AgeKeyParser.ParseIdentityFile(text, "keys.txt"));
            Expect<CryptException>(() => AgeKeyParser.ParseRecipientList(text));
        });
    }

    [Fact]
    public void Mutated_tree_paths_fail_only_with_CryptException()
    {
        byte[][] seeds = [.. new[] { "[\"a\"][\"b\"][0]", "['key with space'][12]", "[\"x\\\"y\"]", "[-1]" }.Select(Encoding.UTF8.GetBytes)];
        Fuzz("tree path (--extract, set)", seeds, input => Expect<CryptException>(() => TreePath.Parse(Encoding.UTF8.GetString(input))));
    }

    [Fact]
    public void Mutated_sops_configs_fail_only_with_the_config_error()
    {
        string folder = Directory.CreateTempSubdirectory("crypt-fuzz-config-").FullName;
        try
        {
            byte[][] seeds =
            [
                "creation_rules:\n  - path_regex: \\.yaml$\n    age: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p\n    encrypted_regex: ^(data|stringData)$\n  - pgp: ABC\n    key_groups:\n      - age: [x]\n        kms: [{arn: 'arn:aws:kms:us-east-1:1:key/x'}]\n"u8.ToArray(),
                "stores:\n  yaml:\n    indent: 4\ncreation_rules:\n  - shamir_threshold: 2\n    unencrypted_suffix: _clear\n"u8.ToArray(),
            ];
            string path = Path.Combine(folder, ".sops.yaml");
            Fuzz(".sops.yaml config", seeds, input =>
            {
                File.WriteAllBytes(path, input);
                Expect<ConfigException>(() => ConfigLoader.Load(path));
            }, iterations: Math.Max(1, s_iterations / 4));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_config_nested_deeper_than_the_limit_is_a_config_error_not_a_stack_overflow()
    {
        ConfigException e = ConfigRefused(Encoding.UTF8.GetBytes("creation_rules: " + new string('[', 100_000)));

        Assert.Contains($"deeper than {ConfigLoader.MaxDepth}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_config_on_which_YamlDotNet_throws_InvalidOperationException_is_a_config_error()
    {
        // Found by Mutated_sops_configs_fail_only_with_the_config_error (CsCheck seed 4r0-HAM1ryU1).
        const string Found = "Y3JBRVMyNTZfR0NNLGVhdGlvbl/vcnVsZXM6CiAgLSBwYXRoX3JlZ2V4OiBcLnlhbWwkCiAgICBhZ2U6IGFnZTFxbDN6N2hqeTU0cHczaHl3dzVheXlmZzd6cWd2Yzd3M2oyZWx3OHptcmoya2c1c2ZuOWFxbWNhYzhwCiAgICBlbixjcnlwdKRkX3JlZ2V4OiBeKGRhdGF8c3RyaW5nRGF0YSkkCiAgLSBwZ3A6IEFCQwogICAga2V5X2dyb3VwczoKICAgICAgLSBhZ2U6IFt4XQogICAgICAgIGttczogW3thOiBbeF0KICAgICAgICBrbXM6IFt7YXJuOiAnYXJuOmF3czprbXM6dXMtZWFzdC0xOjE6e2V5L3gnfV0K";

        ConfigException e = ConfigRefused(Convert.FromBase64String(Found));

        Assert.Contains("not valid YAML", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_config_on_which_YamlDotNet_throws_ArgumentException_is_a_config_error()
    {
        // Found by Mutated_sops_configs_fail_only_with_the_config_error in CI (CsCheck seed 3cOFSCbW9Ln1).
        ConfigException e = ConfigRefused("stores:\n  yaml:\n:\n"u8.ToArray());

        Assert.Equal(ExitCodes.ErrorReadingConfig, CryptApp.Describe(e).Code);
        Assert.Contains("not valid YAML", e.Message, StringComparison.Ordinal);
    }

    private static ConfigException ConfigRefused(byte[] config)
    {
        string folder = Directory.CreateTempSubdirectory("crypt-fuzz-config-").FullName;
        try
        {
            string path = Path.Combine(folder, ".sops.yaml");
            File.WriteAllBytes(path, config);
            ConfigException e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path));
            Assert.Equal(ExitCodes.ErrorReadingConfig, CryptApp.Describe(e).Code);
            return e;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private void Fuzz(string target, byte[][] seeds, Action<byte[]> check, long? iterations = null)
    {
        Assert.NotEmpty(seeds);
        Gen<(int Op, int Position, int Length, int Pick)> mutation =
            Gen.Select(Gen.Int[0, 6], Gen.Int[0, int.MaxValue], Gen.Int[1, 64], Gen.Int[0, int.MaxValue]);
        Gen<byte[]> inputs = Gen.Select(Gen.Int[0, seeds.Length - 1], mutation.Array[1, 8], (seed, ops) => Mutate(seeds[seed], ops));
        FuzzCounts counts = FuzzHarness.Run(target, inputs, check, iterations ?? s_iterations);
        output.WriteLine($"fuzz {target}: {counts.Inputs} inputs from {seeds.Length} seeds in {counts.Wall.TotalSeconds:0.0} s " +
            $"({(counts.Cpu > TimeSpan.Zero ? $"{counts.PerCpuSecond:0} per CPU second" : "under 10 ms of CPU")}), 0 unexpected exceptions, 0 hangs (slowest {counts.Slowest.TotalMilliseconds:0} ms, " +
            $"{counts.SlowRetimed} over 1 s retimed under it), most allocated by one input {counts.MostAllocated >> 10} KiB");
    }

    private static void Expect<TAllowed>(Action parse)
        where TAllowed : Exception
    {
        try
        {
            parse();
        }
        catch (TAllowed)
        {
        }
        catch (CryptException)
        {
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"{e.GetType().Name} escaped: {e.Message}", e);
        }
    }

    private static byte[] Mutate(byte[] seed, (int Op, int Position, int Length, int Pick)[] ops)
    {
        List<byte> data = [.. seed];
        foreach ((int op, int position, int length, int pick) in ops)
        {
            int at = data.Count == 0 ? 0 : position % data.Count;
            int len = Math.Min(length, data.Count - at);
            switch (op)
            {
                case 0:
                    data.Insert(at, (byte)pick);
                    break;
                case 1:
                    data.RemoveRange(at, len);
                    break;
                case 2 when data.Count > 0:
                    data[at] = (byte)pick;
                    break;
                case 3:
                    data.InsertRange(at, data.GetRange(at, len));
                    break;
                case 4:
                case 5:
                    data.InsertRange(at, s_tokens[pick % s_tokens.Length]);
                    break;
                case 6:
                    data.RemoveRange(at, data.Count - at);
                    break;
            }
        }

        return [.. data];
    }

    private static DocumentFormat Format(string name) => name switch
    {
        "binary" => DocumentFormat.Binary,
        "dotenv" => DocumentFormat.Dotenv,
        "ini" => DocumentFormat.Ini,
        "json" => DocumentFormat.Json,
        _ => DocumentFormat.Yaml,
    };

    // Encrypted seeds carry their format in the first byte.
    private static DocumentFormat Format(byte[] seed) => (DocumentFormat)seed[0];

    private static IEnumerable<byte[]> CorpusSeeds(string name)
    {
        if (name == "binary")
        {
            // The corpus's binaries (PNG, PKCS#12, gzip: not UTF-8) and a few text files.
            string[] binaries = ["*.png", "*.pfx", "*.gz", "*.cnf", "*.service"];
            return binaries.SelectMany(b => Directory.EnumerateFiles(SharedPaths.Corpus, b, SearchOption.AllDirectories))
                .Where(f => new FileInfo(f).Length < 64 << 10)
                .Order(StringComparer.Ordinal)
                .Select(File.ReadAllBytes);
        }

        string extension = name == "dotenv" ? "env" : name;
        IEnumerable<string> Small(string root) => Directory.EnumerateFiles(root, "*." + extension, SearchOption.AllDirectories)
            .Where(f => new FileInfo(f).Length < 64 << 10)
            .Order(StringComparer.Ordinal);
        return Small(SharedPaths.Corpus).Take(30).Concat(Small(SharedPaths.SopsFixtures).Take(20)).Select(File.ReadAllBytes);
    }

    private static async Task<byte[][]> EncryptSeedsAsync()
    {
        using X25519Identity identity = X25519Identity.Generate();
        EncryptOptions options = new() { KeyGroups = [[new AgeRecipient(identity.Recipient.ToString()!)]] };
        (DocumentFormat Format, string Plain)[] plains =
        [
            (DocumentFormat.Dotenv, "USER=admin\nPASSWORD=secret\n# comment\nPORT=5432\n"),
            (DocumentFormat.Ini, "[db]\nuser = admin\npassword = secret\n; c\n[api]\nkey = k\n"),
            (DocumentFormat.Json, "{\"db\": {\"user\": \"admin\", \"port\": 5432, \"ok\": true}, \"list\": [1, \"two\", null]}"),
            (DocumentFormat.Yaml, "db:\n  user: admin # c\n  port: 5432\nlist:\n  - 1\n  - two\n"),
            (DocumentFormat.Binary, "\u0089PNG\r\n\u001a\n\u0000\u00ff secret \n"),
        ];
        List<byte[]> seeds = [];
        foreach ((DocumentFormat format, string plain) in plains)
        {
            EncryptedDocument encrypted = await SopsDocument.EncryptAsync(Encoding.UTF8.GetBytes(plain), format, options, CancellationToken.None);
            seeds.Add([(byte)format, .. SopsDocument.Emit(encrypted, format, EmitOptions.Default)]);
        }

        return [.. seeds];
    }

    [GeneratedRegex(@"ENC\[[^\]]*\]")]
    private static partial Regex EncValue();

    [GeneratedRegex(@"-----BEGIN AGE ENCRYPTED FILE-----[^-]*-----END AGE ENCRYPTED FILE-----")]
    private static partial Regex AgeBlock();
}

using System.Text;
using Crypt.Cli.Tests.EncryptDecrypt;
using Crypt.Crypto.Age;
using Crypt.Crypto.Errors;
using Crypt.Crypto.KeySources;
using Crypt.Formats;
using Crypt.Formats.Encryption;
using Crypt.Formats.Metadata;
using Crypt.Formats.Stores;
using Crypt.Formats.Tests.Hardening;
using Xunit.Abstractions;

namespace Crypt.Cli.Tests.Hardening;

/// <summary>
/// The tamper sweep's refusals as a user meets them (issue 14): the Formats-level sweep
/// (tests/Formats.Tests/Hardening, whose <see cref="Mutants"/> this shares) sorts every mutant
/// by the error that refuses it; here, for each format and each such class, one representative
/// mutant goes through <c>crypt decrypt</c>, which must exit with the README's code for that class
/// (sops's numbers, cmd/sops/codes/codes.go) and say so in one line naming the file.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class TamperExitCodeTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>The README's exit-code table, for the errors a tampered file can raise.</summary>
    private static readonly Dictionary<string, int> s_documented = new(StringComparer.Ordinal)
    {
        [nameof(CryptFormatException)] = 2,          // cannot be parsed (file, line, column)
        [nameof(ValueDecryptionException)] = 25,     // a value does not decrypt or authenticate
        [nameof(MacMismatchException)] = 51,         // MAC mismatch
        [nameof(NoMatchingKeyException)] = 128,      // no key could recover the data key
        [nameof(AgeException)] = 128,
        [nameof(MetadataNotFoundException)] = 1,     // not encrypted (the sops block is gone)
        [nameof(EmptyDocumentException)] = 92,
    };

    private readonly Workspace _ws = new();

    public void Dispose() => _ws.Dispose();

    public static TheoryData<string, string> Plaintexts => new()
    {
        { "s.yaml", "# a comment\ndb:\n    password: hunter2-tamper\n    port: 5432\nlist:\n    - one\n    - two\n" },
        { "s.json", "{\"db\": {\"password\": \"hunter2-tamper\", \"port\": 5432}, \"list\": [\"one\", \"two\"]}\n" },
        { "s.env", "DB_PASSWORD=hunter2-tamper\nPORT=5432\n" },
        { "s.ini", "[db]\npassword = hunter2-tamper\nport = 5432\n" },
        { "s.bin", "hunter2-tamper binary payload\n" },
    };

    [Theory]
    [MemberData(nameof(Plaintexts))]
    public async Task Each_refused_tamper_class_exits_with_its_documented_code_and_one_line_naming_the_file(string name, string plaintext)
    {
        string encryptedName = "enc-" + name;
        _ws.Encrypt(name, plaintext, encryptedName);
        string cipherText = _ws.Read(encryptedName);
        DocumentFormat format = DocumentFormats.FromPath(name);
        using X25519Identity identity = X25519Identity.Parse(_ws.Identity);
        using KeyRing keys = new([new AgeIdentityUnwrapper([identity])]);

        // One representative per refusing class: the first mutant (in the sweep's order) it refuses.
        SortedDictionary<string, Mutant> representatives = new(StringComparer.Ordinal);
        int tried = 0;
        foreach (Mutant mutant in Mutants.Of(cipherText, format))
        {
            tried++;
            try
            {
                using DecryptedDocument _ = await SopsDocument.DecryptAsync(Encoding.UTF8.GetBytes(mutant.Text), format, keys, DecryptOptions.Default, CancellationToken.None);
            }
            catch (CryptException e)
            {
                representatives.TryAdd(e.GetType().Name, mutant);
            }
        }

        List<string> lines = [];
        foreach ((string refusal, Mutant mutant) in representatives)
        {
            Assert.True(s_documented.TryGetValue(refusal, out int code), $"{refusal} refuses a tampered {format} file but has no documented exit code here: add it (and to the README's table)");
            string mutantName = "tampered-" + name;
            _ws.Write(mutantName, mutant.Text);
            CryptResult result = _ws.Run("decrypt", mutantName);
            string[] stderr = result.Stderr.TrimEnd('\n').Split('\n');
            lines.Add($"{refusal} ({mutant.Kind}) exit {result.ExitCode}");
            Assert.True(result.ExitCode == code, $"{format} {refusal} ({mutant.Kind}): expected exit {code}\n{result}");
            // The one documented exception: "no key could recover the data key" lists every key
            // tried and why under its first line, as sops does (README exit codes, 128).
            Assert.True(stderr.Length == 1 || refusal == nameof(NoMatchingKeyException), $"{format} {refusal}: not one line\n{result.Stderr}");
            Assert.StartsWith($"crypt: {mutantName}", stderr[0], StringComparison.Ordinal);
            Assert.Empty(result.Stdout);
            Assert.DoesNotContain("hunter2", result.Stderr, StringComparison.Ordinal);
        }

        output.WriteLine($"tamper-cli {format}: {representatives.Count} refusal classes among {tried} mutants, each through crypt decrypt with its documented code: {string.Join("; ", lines)}");
        Assert.Contains(nameof(MacMismatchException), representatives.Keys);
    }
}

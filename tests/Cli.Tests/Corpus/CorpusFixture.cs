using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using Crypt.Crypto.Age;
using Crypt.Tests;

namespace Crypt.Cli.Tests.Corpus;

/// <summary>
/// Runs crypt and the real sops over the whole corpus once, two processes at a time (the CI
/// machine has 2 cores), and keeps every result for the tests of the collection: each file is
/// encrypted once by each tool and that copy is reused by every assertion.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed partial class CorpusFixture : IAsyncLifetime
{
    private readonly Dictionary<string, FileRuns> _runs = new(StringComparer.Ordinal);

    public CorpusFixture()
    {
        Root = Directory.CreateTempSubdirectory("crypt-corpus-").FullName;
        Directory.CreateDirectory(Path.Combine(Root, "tmp"));
        using X25519Identity identity = X25519Identity.Generate();
        Recipient = identity.Recipient.ToString();
        KeyFile = Path.Combine(Root, "key.txt");
        File.WriteAllText(KeyFile, $"# public key: {Recipient}\n{identity.ToSecretString()}\n");
        File.SetUnixFileMode(KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    internal string Root { get; }

    internal string KeyFile { get; }

    internal string Recipient { get; }

    /// <summary>How long producing all runs took (printed by the summary tests).</summary>
    internal TimeSpan Elapsed { get; private set; }

    internal IReadOnlyDictionary<string, string> CryptEnvironment => new Dictionary<string, string>
    {
        ["SOPS_AGE_KEY_FILE"] = KeyFile,
        ["TMPDIR"] = Path.Combine(Root, "tmp"),
        ["DOTNET_EnableDiagnostics"] = "0",
    };

    internal IReadOnlyDictionary<string, string> SopsEnvironment => new Dictionary<string, string> { ["SOPS_AGE_KEY_FILE"] = KeyFile };

    internal FileRuns this[string name] => _runs[name];

    internal IEnumerable<FileRuns> All => _runs.Values.OrderBy(r => r.File.Name, StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        _ = SopsProcess.Executable; // fails loudly, before any work, if sops is missing
        foreach (CorpusFile file in Corpus.Files)
        {
            _runs[file.Name] = new FileRuns(file, Corpus.ExpectationOf(file.Name));
        }

        Stopwatch clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            _runs.Values.OrderByDescending(r => r.File.Bytes.Length),
            new ParallelOptions { MaxDegreeOfParallelism = 2 },
            (runs, _) =>
            {
                try
                {
                    Produce(runs);
                }
                catch (Exception e) when (e is IOException or InvalidOperationException or TimeoutException or UnauthorizedAccessException)
                {
                    runs.Error = e;
                }

                return ValueTask.CompletedTask;
            });
        Elapsed = clock.Elapsed;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }

    internal static string[] TypeArgs(CorpusFile file) => ["--input-type", file.InputType, "--output-type", file.InputType];

    internal CryptResult Crypt(string folder, params string[] args) => CryptProcess.Run(folder, CryptEnvironment, null, args);

    internal SopsResult Sops(string folder, params string[] args) => SopsProcess.Run(folder, SopsEnvironment, null, args);

    /// <summary>A private folder for one file's copies.</summary>
    internal string FolderOf(CorpusFile file, string purpose)
    {
        string folder = Path.Combine(Root, purpose, file.Name);
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>
    /// Changes one base64 character of the data of the middle non-comment ENC value, so the
    /// ciphertext (and nothing else) differs; null if the file holds no encrypted value.
    /// </summary>
    internal static (byte[] Bytes, string Where)? Tamper(byte[] encrypted)
    {
        string text = System.Text.Encoding.UTF8.GetString(encrypted);
        Match[] values = EncData().Matches(text).ToArray();
        if (values.Length == 0)
        {
            return null;
        }

        Group data = values[values.Length / 2].Groups["data"];
        char[] chars = text.ToCharArray();
        chars[data.Index] = chars[data.Index] == 'A' ? 'B' : 'A';
        return (System.Text.Encoding.UTF8.GetBytes(chars), $"ENC value {(values.Length / 2) + 1} of {values.Length}, first data character");
    }

    private void Produce(FileRuns runs)
    {
        CorpusFile file = runs.File;
        if (runs.Expectation.Outcome == CorpusOutcome.Refused)
        {
            ProduceRefusal(runs);
            return;
        }

        string work = FolderOf(file, "crypt");
        runs.Encrypt = Crypt(work, ["encrypt", "--age", Recipient, .. TypeArgs(file), file.Path]);
        if (runs.Encrypt.ExitCode == 0)
        {
            string encrypted = Path.Combine(work, "encrypted");
            File.WriteAllBytes(encrypted, runs.Encrypt.Stdout);
            runs.Decrypt = Crypt(work, ["decrypt", .. TypeArgs(file), encrypted]);
            if (Tamper(runs.Encrypt.Stdout) is { } tampered)
            {
                string path = Path.Combine(work, "tampered");
                File.WriteAllBytes(path, tampered.Bytes);
                runs.TamperedValue = tampered.Where;
                runs.TamperedDecrypt = Crypt(work, ["decrypt", .. TypeArgs(file), path]);
            }

            if (file.SopsAccepts)
            {
                runs.SopsDecryptOfCrypt = Sops(work, ["decrypt", .. TypeArgs(file), encrypted]);
            }
        }

        if (file.SopsAccepts)
        {
            string sops = FolderOf(file, "sops");
            runs.SopsEncrypt = Sops(sops, ["encrypt", "--age", Recipient, .. TypeArgs(file), file.Path]);
            if (runs.SopsEncrypt.ExitCode == 0)
            {
                string encrypted = Path.Combine(sops, "encrypted");
                File.WriteAllBytes(encrypted, runs.SopsEncrypt.Stdout);
                runs.SopsDecrypt = Sops(sops, ["decrypt", .. TypeArgs(file), encrypted]);
                runs.CryptDecryptOfSops = Crypt(sops, ["decrypt", .. TypeArgs(file), encrypted]);
            }
        }

        ProduceReference(runs);
    }

    private void ProduceRefusal(FileRuns runs)
    {
        CorpusFile file = runs.File;
        string folder = FolderOf(file, "refused");
        string copy = Path.Combine(folder, file.Name);
        byte[] before = file.Bytes;
        File.WriteAllBytes(copy, before);
        runs.Refusal = Crypt(folder, ["encrypt", "--age", Recipient, .. TypeArgs(file), "-i", copy]);
        List<string> problems = [];
        if (!File.ReadAllBytes(copy).AsSpan().SequenceEqual(before))
        {
            problems.Add("the file was changed");
        }

        problems.AddRange(Directory.GetFileSystemEntries(folder).Where(p => p != copy).Select(p => "left behind: " + Path.GetFileName(p)));
        runs.RefusalLeftovers = problems.Count == 0 ? null : string.Join("; ", problems);
    }

    private void ProduceReference(FileRuns runs)
    {
        CorpusFile file = runs.File;
        if (!runs.Expectation.SopsIsByteReference)
        {
            runs.ReferenceProblem = $"no byte reference: {runs.Expectation.Detail}";
            return;
        }

        byte[] normalized = file.Normalized();
        if (file.SopsAccepts && normalized.AsSpan().SequenceEqual(file.Bytes))
        {
            runs.Reference = runs.SopsDecrypt is { ExitCode: 0 } own ? own.Stdout : null;
            runs.ReferenceProblem = runs.Reference is null ? $"sops's own round trip failed: {runs.SopsDecrypt}" : null;
            return;
        }

        string folder = FolderOf(file, "reference");
        string input = Path.Combine(folder, "normalized");
        File.WriteAllBytes(input, normalized);
        SopsResult encrypt = Sops(folder, ["encrypt", "--age", Recipient, .. TypeArgs(file), input]);
        if (encrypt.ExitCode != 0)
        {
            runs.ReferenceProblem = $"sops refused the input without BOM/CRLF: {encrypt}";
            return;
        }

        string encrypted = Path.Combine(folder, "encrypted");
        File.WriteAllBytes(encrypted, encrypt.Stdout);
        SopsResult decrypt = Sops(folder, ["decrypt", .. TypeArgs(file), encrypted]);
        runs.Reference = decrypt.ExitCode == 0 ? file.Restore(decrypt.Stdout) : null;
        runs.ReferenceProblem = decrypt.ExitCode == 0 ? null : $"sops's round trip of the input without BOM/CRLF failed: {decrypt}";
    }

    [GeneratedRegex(@"ENC\[AES256_GCM,data:(?<data>[A-Za-z0-9+/]+=*),iv:[A-Za-z0-9+/=]+,tag:[A-Za-z0-9+/=]+,type:(str|int|float|bool|bytes)\]")]
    private static partial Regex EncData();
}

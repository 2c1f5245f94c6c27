using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Crypt.Crypto.Age;
using Crypt.Crypto.KeySources;
using Crypt.Formats.Stores;
using Xunit.Abstractions;

namespace Crypt.Formats.Tests.Hardening;

/// <summary>
/// The library under load (issue 14): one process decrypts 10,000 files in parallel through
/// <see cref="SopsDocument"/> with one shared <see cref="KeyRing"/> (and its unwrap cache), files
/// of four formats for two recipients, each with values no other file has. Every result must be
/// exactly its own file's plaintext: shared state that leaked between files would show as a
/// value from another file, a wrong key or an exception. Counts only, no timing asserted.
/// </summary>
public sealed class LibraryLoadTests(ITestOutputHelper output) : IDisposable
{
    private const int Files = 10_000;

    private static readonly DocumentFormat[] s_formats = [DocumentFormat.Yaml, DocumentFormat.Json, DocumentFormat.Dotenv, DocumentFormat.Ini];

    private readonly string _folder = Directory.CreateTempSubdirectory("crypt-load-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Ten_thousand_files_decrypted_in_parallel_in_one_process_each_give_their_own_plaintext()
    {
        using X25519Identity first = X25519Identity.Generate();
        using X25519Identity second = X25519Identity.Generate();
        X25519Identity[] identities = [first, second];
        string[] expected = new string[Files];
        await Parallel.ForEachAsync(Enumerable.Range(0, Files), async (i, cancellationToken) =>
        {
            DocumentFormat format = s_formats[i % s_formats.Length];
            byte[] plaintext = Encoding.UTF8.GetBytes(Plaintext(i, format));
            expected[i] = Encoding.UTF8.GetString(SopsDocument.EmitPlain(SopsDocument.ParsePlain(plaintext, format), format, EmitOptions.Default));
            EncryptOptions options = new() { KeyGroups = [[new AgeRecipient(identities[i % 2].Recipient.ToString())]] };
            EncryptedDocument encrypted = await SopsDocument.EncryptAsync(plaintext, format, options, cancellationToken);
            await File.WriteAllBytesAsync(PathOf(i), SopsDocument.Emit(encrypted, format, EmitOptions.Default), cancellationToken);
        });

        Stopwatch watch = Stopwatch.StartNew();
        using KeyRing keys = new([new AgeIdentityUnwrapper([first, second])]);
        ConcurrentBag<string> wrong = [];
        int correct = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, Files), async (i, cancellationToken) =>
        {
            DocumentFormat format = s_formats[i % s_formats.Length];
            try
            {
                byte[] content = await File.ReadAllBytesAsync(PathOf(i), cancellationToken);
                using DecryptedDocument decrypted = await SopsDocument.DecryptAsync(content, format, keys, DecryptOptions.Default, cancellationToken);
                string plain = Encoding.UTF8.GetString(decrypted.EmitPlain(format, EmitOptions.Default));
                if (plain == expected[i] && plain.Contains(Token(i), StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref correct);
                }
                else
                {
                    wrong.Add($"file {i} ({format}): got {plain}");
                }
            }
            catch (Exception e)
            {
                wrong.Add($"file {i} ({format}): {e.GetType().Name}: {e.Message}");
            }
        });

        output.WriteLine($"load library: {Files} files (YAML, JSON, dotenv, INI; two recipients, one shared key ring) decrypted in parallel in one process, {correct} correct, {wrong.Count} wrong ({watch.Elapsed.TotalSeconds:0.0} s)");
        Assert.True(wrong.IsEmpty, string.Join("\n", wrong.Take(10)));
        Assert.Equal(Files, correct);
    }

    private string PathOf(int i) => Path.Combine(_folder, i.ToString(CultureInfo.InvariantCulture) + ".enc");

    private static string Token(int i) => $"secret-{i.ToString(CultureInfo.InvariantCulture)}-{(i * 7919).ToString("x", CultureInfo.InvariantCulture)}";

    private static string Plaintext(int i, DocumentFormat format)
    {
        string n = i.ToString(CultureInfo.InvariantCulture);
        return format switch
        {
            DocumentFormat.Yaml => $"id: {n}\ntoken: {Token(i)}\nnested:\n    list:\n        - {Token(i)}-a\n        - {n}\n",
            DocumentFormat.Json => $"{{\"id\": {n}, \"token\": \"{Token(i)}\", \"nested\": {{\"list\": [\"{Token(i)}-a\", {n}]}}}}",
            DocumentFormat.Dotenv => $"ID={n}\nTOKEN={Token(i)}\nOTHER={Token(i)}-a\n",
            _ => $"[section]\nid = {n}\ntoken = {Token(i)}\n\n[other]\nvalue = {Token(i)}-a\n",
        };
    }
}

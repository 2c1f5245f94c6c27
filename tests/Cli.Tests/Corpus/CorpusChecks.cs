using System.Text;
using System.Text.RegularExpressions;
using Crypt.Tests;

namespace Crypt.Cli.Tests.Corpus;

/// <summary>
/// The assertions of the corpus and interop tests as functions that name the first problem
/// (null: none), so the theories and the summary counts judge a file the same way.
/// </summary>
internal static class CorpusChecks
{
    public static string? Refusal(FileRuns runs)
    {
        if (runs.Error is not null)
        {
            return "could not run: " + runs.Error.Message;
        }

        CryptResult result = runs.Refusal!;
        string message = result.Stderr.TrimEnd('\n');
        return result.ExitCode == 0 ? "accepted (exit 0); sops refuses it: " + runs.Expectation.Detail
            : result.Stdout.Length > 0 ? $"wrote {result.Stdout.Length} bytes to stdout"
            : runs.RefusalLeftovers is { } leftovers ? leftovers
            : message.Length == 0 ? $"exit {result.ExitCode} without a message"
            : message.Contains('\n', StringComparison.Ordinal) ? "the message is not one line: " + message
            : message.Contains("   at ", StringComparison.Ordinal) ? "the message has a stack trace: " + message
            : !message.Contains(runs.File.Name, StringComparison.Ordinal) ? "the message does not name the file: " + message
            : !Regex.IsMatch(message, runs.Expectation.Detail, RegexOptions.IgnoreCase, TimeSpan.FromSeconds(10)) ? $"the message does not match /{runs.Expectation.Detail}/: {message}"
            : null;
    }

    /// <summary>
    /// encrypt then decrypt: the same data, and every comment of the input in order (aliases
    /// may repeat some) at its nesting level; where sops's round trip is the byte reference,
    /// the comments sit where go-yaml puts them (it moves a few: compared with the reference).
    /// </summary>
    public static string? RoundTrip(FileRuns runs)
    {
        if (Failed(runs) is { } failed)
        {
            return failed;
        }

        CorpusFile file = runs.File;
        List<CommentLine> output = FormatReaders.Comments(file.InputType, runs.Decrypt!.Stdout);
        return SameData(file, file.Normalized(), runs.Decrypt.Stdout, "decrypt")
            ?? (runs.Reference is null
                ? KeptInOrder(FormatReaders.Comments(file.InputType, file.Normalized()), output, checkLevels: true, CommentPlacementGaps.For(file.Name))
                : KeptInOrder(FormatReaders.Comments(file.InputType, file.Normalized()), output, checkLevels: false)
                    ?? SameComments(FormatReaders.Comments(file.InputType, runs.Reference), output));
    }

    /// <summary>No plaintext value in the encrypted form, and a changed ciphertext byte makes decrypt fail.</summary>
    public static string? Encrypted(FileRuns runs)
    {
        if (Failed(runs, needDecrypt: false) is { } failed)
        {
            return failed;
        }

        List<(string Path, string Value, bool NullOrEmpty)> leaves;
        try
        {
            leaves = [.. FormatReaders.EncryptedLeaves(runs.File.InputType, runs.Encrypt!.Stdout)];
        }
        catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException or YamlDotNet.Core.YamlException or DecoderFallbackException)
        {
            return "the encrypted form does not read as " + runs.File.InputType + ": " + e.Message;
        }

        if (leaves.FirstOrDefault(l => !l.NullOrEmpty && !FormatReaders.IsEncrypted(l.Value)) is { Path: not null } plain)
        {
            return $"plaintext value left at {plain.Path}";
        }

        return runs.TamperedDecrypt is null ? (leaves.Any(l => !l.NullOrEmpty) ? "no ENC value found to tamper with" : null)
            : runs.TamperedDecrypt.ExitCode == 0 ? $"decrypt succeeded after a changed byte in {runs.TamperedValue}"
            : runs.TamperedDecrypt.Stderr.Contains("   at ", StringComparison.Ordinal) ? "a changed byte gave a stack trace: " + FirstLine(runs.TamperedDecrypt.Stderr)
            : null;
    }

    /// <summary>The round trip gives sops's bytes (BOM/CRLF put back), and CorpusExpectations.tsv says rightly whether they are the input's.</summary>
    public static string? Bytes(FileRuns runs)
    {
        if (runs.Reference is null)
        {
            return runs.ReferenceProblem ?? "no reference";
        }

        bool referenceIsInput = runs.Reference.AsSpan().SequenceEqual(runs.File.Bytes);
        if (runs.Expectation.Outcome == CorpusOutcome.Identical && !referenceIsInput)
        {
            return "sops's round trip does not give the input bytes back: list the file in CorpusExpectations.tsv as layout, with the reason";
        }

        if (runs.Expectation.Outcome == CorpusOutcome.Layout && referenceIsInput)
        {
            return "listed as layout in CorpusExpectations.tsv, but sops's round trip gives the input bytes back: remove the row";
        }

        return Failed(runs) ?? SameBytes(runs.Reference, runs.Decrypt!.Stdout, "sops's round trip", "crypt's");
    }

    /// <summary>crypt decrypt of the file sops encrypted: sops's own bytes, or (where sops loses comments) the data with every comment sops kept in its file.</summary>
    public static string? SopsToCrypt(FileRuns runs)
    {
        if (runs.Error is not null)
        {
            return "could not run: " + runs.Error.Message;
        }

        if (runs.SopsEncrypt is not { ExitCode: 0 } encrypt)
        {
            return "sops encrypt failed, though MANIFEST.tsv says sops accepts the file: " + FirstLine(runs.SopsEncrypt?.Stderr);
        }

        CryptResult crypt = runs.CryptDecryptOfSops!;
        if (crypt.ExitCode != 0)
        {
            return $"crypt decrypt of sops's file failed (exit {crypt.ExitCode}): {FirstLine(crypt.Stderr)}";
        }

        if (runs.Expectation.Outcome is CorpusOutcome.SopsLosesComments or CorpusOutcome.SopsPanics)
        {
            // Every comment sops restored, and the ones it could not: none left encrypted.
            List<CommentLine> kept = runs.SopsDecrypt is { ExitCode: 0 } lossy
                ? [.. FormatReaders.Comments(runs.File.InputType, lossy.Stdout).Where(c => !c.Text.StartsWith("ENC[", StringComparison.Ordinal))]
                : [];
            return SameData(runs.File, runs.File.Bytes, crypt.Stdout, "crypt decrypt of sops's file")
                ?? (crypt.StdoutText.Contains("ENC[", StringComparison.Ordinal) ? "an ENC[...] value or comment is left in the output" : null)
                ?? KeptInOrder(kept, FormatReaders.Comments(runs.File.InputType, crypt.Stdout), checkLevels: false);
        }

        return runs.SopsDecrypt is { ExitCode: 0 } sops
            ? SameBytes(sops.Stdout, crypt.Stdout, "sops decrypt", "crypt decrypt")
            : "sops decrypt of its own file failed: " + FirstLine(runs.SopsDecrypt?.Stderr);
    }

    /// <summary>sops decrypt of the file crypt encrypted: crypt's own bytes (BOM/CRLF aside), or the data where go-yaml/ini lose comments.</summary>
    public static string? CryptToSops(FileRuns runs)
    {
        if (Failed(runs) is { } failed)
        {
            return failed;
        }

        SopsResult sops = runs.SopsDecryptOfCrypt!;
        if (runs.Expectation.Outcome == CorpusOutcome.SopsPanics)
        {
            return null;
        }

        if (sops.ExitCode != 0)
        {
            return $"sops decrypt of crypt's file failed (exit {sops.ExitCode}): {LastLine(sops.Stderr)}";
        }

        if (runs.Expectation.Outcome == CorpusOutcome.SopsLosesComments)
        {
            return SameData(runs.File, runs.File.Normalized(), sops.Stdout, "sops decrypt of crypt's file");
        }

        return runs.File.HasBom || runs.File.RestoresCrlf
            ? SameBytes(LineEndings.Plain(runs.Decrypt!.Stdout), LineEndings.Plain(sops.Stdout), "crypt decrypt (BOM, CRLF aside)", "sops decrypt")
            : SameBytes(runs.Decrypt!.Stdout, sops.Stdout, "crypt decrypt", "sops decrypt");
    }

    public static string FirstLine(string? text) => text is null ? "(not run)" : text.Split('\n', 2)[0];

    private static string LastLine(string text) => text.TrimEnd('\n').Split('\n')[^1];

    private static string? Failed(FileRuns runs, bool needDecrypt = true) =>
        runs.Error is not null ? "could not run: " + runs.Error.Message
        : runs.Encrypt is not { ExitCode: 0 } encrypt ? $"encrypt failed (exit {runs.Encrypt?.ExitCode}): {FirstLine(runs.Encrypt?.Stderr)}"
        : needDecrypt && runs.Decrypt is not { ExitCode: 0 } ? $"decrypt failed (exit {runs.Decrypt?.ExitCode}): {FirstLine(runs.Decrypt?.Stderr)}"
        : null;

    private static string? SameData(CorpusFile file, byte[] expected, byte[] actual, string what)
    {
        string want = FormatReaders.Data(file.InputType, expected);
        string got;
        try
        {
            got = FormatReaders.Data(file.InputType, actual);
        }
        catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException or YamlDotNet.Core.YamlException or DecoderFallbackException)
        {
            return $"{what} does not read as {file.InputType}: {e.Message}";
        }

        if (want == got)
        {
            return null;
        }

        string[] a = want.Split('\n'), b = got.Split('\n');
        int i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        return $"{what}: data differs at leaf {i + 1}: expected '{(i < a.Length ? a[i] : "(end)")}', got '{(i < b.Length ? b[i] : "(end)")}'";
    }

    /// <summary>Every expected comment appears in the output in order (greedy subsequence: aliases expanded by go-yaml repeat comments).</summary>
    private static string? KeptInOrder(List<CommentLine> expected, List<CommentLine> actual, bool checkLevels, IReadOnlyList<CommentPlacementGap>? gaps = null)
    {
        int at = 0;
        (int From, int To)? blockLevel = null;
        for (int i = 0; i < expected.Count; i++)
        {
            CommentLine want = expected[i];
            CommentPlacementGap? gap = gaps?.FirstOrDefault(g => want.Text.TrimStart().StartsWith(g.Text, StringComparison.Ordinal));
            if (gap is { Lost: true })
            {
                // A listed loss: it must still be lost, or the list is out of date.
                if (actual.Exists(c => c.Text == want.Text))
                {
                    return $"comment {i + 1} of {expected.Count} is listed as lost in CommentPlacementGaps.tsv but is kept now: update the list";
                }

                continue;
            }

            // A listed gap names the first line of a comment block: the lines after it that had
            // the same level in the input sit at the gap's level too, until one is at its own.
            if (gap is not null)
            {
                blockLevel = (want.Level, gap.Level!.Value);
            }

            int? alternative = blockLevel is { } block && block.From == want.Level ? block.To : null;
            bool Matches(CommentLine c) => c.Text == want.Text && (!checkLevels || want.Inline || (!c.Inline && (c.Level == want.Level || c.Level == alternative)));
            int found = actual.FindIndex(at, Matches);
            if (found >= 0 && actual[found].Level == want.Level && gap is null)
            {
                blockLevel = null;
            }

            if (found < 0)
            {
                int elsewhere = actual.FindIndex(c => c.Text == want.Text);
                return elsewhere < 0 ? $"comment {i + 1} of {expected.Count} lost: {want} ({actual.Count} comments in the output)"
                    : $"comment {i + 1} of {expected.Count} moved: expected {want}, got {actual[elsewhere]} (output comment {elsewhere + 1})";
            }

            if (gap is not null && actual[found].Level == want.Level && gap.Level != want.Level)
            {
                // A listed level gap put right: the list must say so.
                return $"comment {i + 1} of {expected.Count} is listed at level {gap.Level} in CommentPlacementGaps.tsv but is kept at its level now: update the list";
            }

            at = found + 1;
        }

        return null;
    }

    private static string? SameComments(List<CommentLine> expected, List<CommentLine> actual)
    {
        for (int i = 0; i < Math.Max(expected.Count, actual.Count); i++)
        {
            if (i >= expected.Count || i >= actual.Count || expected[i].Text != actual[i].Text)
            {
                return $"comment {i + 1} of {expected.Count}: expected {(i < expected.Count ? expected[i] : "(none)")}, got {(i < actual.Count ? actual[i] : "(none)")} ({actual.Count} comments in the output)";
            }

            if (!expected[i].Inline && (actual[i].Inline || actual[i].Level != expected[i].Level))
            {
                return $"comment {i + 1} of {expected.Count} moved: expected {expected[i]}, got {actual[i]}";
            }
        }

        return null;
    }

    private static string? SameBytes(byte[] expected, byte[] actual, string expectedName, string actualName)
    {
        if (expected.AsSpan().SequenceEqual(actual))
        {
            return null;
        }

        int at = expected.AsSpan().CommonPrefixLength(actual);
        int line = expected.AsSpan(0, at).Count((byte)'\n') + 1;
        string Around(byte[] bytes)
        {
            int start = Array.LastIndexOf(bytes, (byte)'\n', Math.Max(0, Math.Min(at, bytes.Length) - 1)) + 1;
            int end = Array.IndexOf(bytes, (byte)'\n', Math.Min(at, bytes.Length));
            return Encoding.UTF8.GetString(bytes, start, (end < 0 ? bytes.Length : end) - start).Replace("\r", "\\r", StringComparison.Ordinal);
        }

        return $"{actualName} output differs from {expectedName} at line {line} (byte {at}; {expected.Length} vs {actual.Length} bytes): expected '{Around(expected)}', got '{Around(actual)}'";
    }
}

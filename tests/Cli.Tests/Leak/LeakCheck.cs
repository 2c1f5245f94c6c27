namespace Crypt.Cli.Tests.Leak;

/// <summary>
/// The leak sweep's one verdict (THREATS.md, "Leaks through the tool itself"), shared by every
/// leak test: no sentinel and no identity in either output stream, no stack trace unless
/// <c>--verbose</c> asked for one, nothing left in the temp folder, and every file under the
/// working folder exactly as before (no temp, FIFO or plaintext beside it, none changed).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static class LeakCheck
{
    /// <summary>Every file under <paramref name="folder"/> (recursively, but not <paramref name="temp"/>) and its bytes.</summary>
    public static Dictionary<string, byte[]> Snapshot(string folder, string temp) =>
        Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories)
            .Where(p => !IsUnder(p, temp) && !Directory.Exists(p))
            .ToDictionary(p => Path.GetRelativePath(folder, p), p => File.Exists(p) ? File.ReadAllBytes(p) : []);

    public static void AssertNoLeak(CryptResult result, string sentinel, string folder, string temp, Dictionary<string, byte[]> before, bool verbose)
    {
        Assert.DoesNotContain(sentinel, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(sentinel, result.StdoutText, StringComparison.Ordinal);
        Assert.DoesNotContain("AGE-SECRET-KEY", result.Stderr, StringComparison.Ordinal);
        if (!verbose)
        {
            Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        }

        Assert.Empty(Directory.GetFileSystemEntries(temp, "*", SearchOption.AllDirectories));
        Dictionary<string, byte[]> after = Snapshot(folder, temp);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        Assert.All(before, file => Assert.True(file.Value.AsSpan().SequenceEqual(after[file.Key]), $"{file.Key} changed"));
    }

    private static bool IsUnder(string path, string folder) =>
        path.StartsWith(folder.TrimEnd('/') + "/", StringComparison.Ordinal) || path == folder;
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace Crypt.Files;

/// <summary>
/// Removes what an earlier crypt left when it was killed (SIGKILL, power loss) before it could
/// clean up: atomic-write temps beside a target (<c>.NAME.crypt-PID-START-RANDOM.tmp</c>, which
/// may hold plaintext after <c>decrypt -i</c>) and edit / exec-file folders in the temp folder
/// (<c>crypt-PID-START-XXXXXX</c>, plaintext). Only names in exactly these shapes, and only when
/// their owner (<see cref="TempOwner"/>) is dead: a running crypt's temp and another program's
/// look-alike stay. Temps of earlier versions (<c>.NAME.crypt-GUID.tmp</c>, no owner in the
/// name) go once they are older than any write takes. Best effort: a failure to list or delete
/// never stops the command that swept.
/// </summary>
internal static partial class StaleTemps
{
    private static readonly TimeSpan s_legacyAge = TimeSpan.FromMinutes(15);

    /// <summary>The atomic-write temp name for <paramref name="fileName"/> in this process.</summary>
    public static string AtomicTempName(string fileName) =>
        $".{fileName}.crypt-{TempOwner.Current}-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray(), 0, 8)}.tmp";

    /// <summary>The prefix of this process's private temp folders (the runtime appends six random characters).</summary>
    public static string FolderPrefix => $"crypt-{TempOwner.Current}-";

    /// <summary>Removes dead owners' atomic-write temps in <paramref name="directory"/>.</summary>
    /// <returns>How many were removed.</returns>
    public static int SweepAtomicTemps(string directory)
    {
        int removed = 0;
        foreach (string path in List(() => Directory.EnumerateFiles(directory, ".*.crypt-*.tmp")))
        {
            string name = Path.GetFileName(path);
            bool stale;
            if (AtomicTempPattern().Match(name) is { Success: true } owned)
            {
                stale = OwnerIsDead(owned);
            }
            else if (LegacyAtomicTempPattern().IsMatch(name))
            {
                stale = DateTime.UtcNow - File.GetLastWriteTimeUtc(path) > s_legacyAge;
            }
            else
            {
                continue;
            }

            if (stale && !IsLink(path) && TryRun(() => File.Delete(path)))
            {
                removed++;
            }
        }

        return removed;
    }

    /// <summary>Removes dead owners' private folders in <paramref name="tempRoot"/>.</summary>
    /// <returns>How many were removed.</returns>
    public static int SweepFolders(string tempRoot)
    {
        int removed = 0;
        foreach (string path in List(() => Directory.EnumerateDirectories(tempRoot, "crypt-*")))
        {
            if (FolderPattern().Match(Path.GetFileName(path)) is { Success: true } owned
                && OwnerIsDead(owned)
                && !IsLink(path)
                && TryRun(() => Directory.Delete(path, recursive: true)))
            {
                removed++;
            }
        }

        return removed;
    }

    private static bool OwnerIsDead(Match owned) =>
        int.TryParse(owned.Groups["pid"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
        && long.TryParse(owned.Groups["start"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out long start)
        && TempOwner.IsDead(pid, start);

    private static bool IsLink(string path) =>
        TryGet(() => new FileInfo(path).LinkTarget is not null) ?? true;

    private static List<string> List(Func<IEnumerable<string>> list) => TryGet(() => list().ToList()) ?? [];

    private static T? TryGet<T>(Func<T> get)
        where T : class
    {
        try
        {
            return get();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool? TryGet(Func<bool> get)
    {
        try
        {
            return get();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool TryRun(Action action)
    {
        try
        {
            action();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^\..+\.crypt-(?<pid>[0-9]{1,10})-(?<start>[0-9]{1,20})-[0-9a-f]{16}\.tmp\z", RegexOptions.CultureInvariant)]
    private static partial Regex AtomicTempPattern();

    [GeneratedRegex(@"^\..+\.crypt-[0-9a-f]{32}\.tmp\z", RegexOptions.CultureInvariant)]
    private static partial Regex LegacyAtomicTempPattern();

    [GeneratedRegex(@"^crypt-(?<pid>[0-9]{1,10})-(?<start>[0-9]{1,20})-[A-Za-z0-9]{6}\z", RegexOptions.CultureInvariant)]
    private static partial Regex FolderPattern();
}

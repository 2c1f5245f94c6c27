using Crypt.Crypto.KeySources;
using Crypt.Keys;

namespace Crypt.Cli.Keys;

/// <summary>
/// How one key group changes under <c>updatekeys</c> (SOPS's <c>common.DiffKeyGroups</c>):
/// group <c>i</c> of the file against group <c>i</c> of the creation rule, keys compared by
/// type and SOPS identity.
/// </summary>
internal sealed record KeyGroupDiff(IReadOnlyList<string> Common, IReadOnlyList<string> Added, IReadOnlyList<string> Removed)
{
    public bool Changes => Added.Count > 0 || Removed.Count > 0;

    public static IReadOnlyList<KeyGroupDiff> Compare(
        IReadOnlyList<IReadOnlyList<MasterKeyEntry>> ours,
        IReadOnlyList<IReadOnlyList<IKeyRecipient>> theirs)
    {
        ArgumentNullException.ThrowIfNull(ours);
        ArgumentNullException.ThrowIfNull(theirs);
        List<KeyGroupDiff> diffs = [];
        for (int i = 0; i < Math.Max(ours.Count, theirs.Count); i++)
        {
            List<(string Type, string Id)> our = [.. (i < ours.Count ? ours[i] : []).Select(e => (e.Type, KeyIdentity.Of(e)))];
            List<(string Type, string Id)> their = [.. (i < theirs.Count ? theirs[i] : []).Select(r => (r.Type, KeyIdentity.Of(r)))];
            diffs.Add(new KeyGroupDiff(
                [.. their.Where(our.Contains).Select(k => k.Id)],
                [.. their.Where(k => !our.Contains(k)).Select(k => k.Id)],
                [.. our.Where(k => !their.Contains(k)).Select(k => k.Id)]));
        }

        return diffs;
    }

    /// <summary>sops's <c>PrettyPrintDiffs</c> block for group <paramref name="index"/> (0-based).</summary>
    public string Format(int index)
    {
        System.Text.StringBuilder text = new();
        text.Append("Group ").Append(index + 1).Append('\n');
        foreach (string key in Common)
        {
            text.Append("    ").Append(key).Append('\n');
        }

        foreach (string key in Added)
        {
            text.Append("+++ ").Append(key).Append('\n');
        }

        foreach (string key in Removed)
        {
            text.Append("--- ").Append(key).Append('\n');
        }

        return text.ToString();
    }
}

using Crypt.Config;
using Crypt.Crypto.KeySources;
using Crypt.Keys;

namespace Crypt.Cli.Keys;

/// <summary>
/// SOPS's rotate edit of a file's key groups (FORMAT.md §10, §13): added keys go to the first
/// group, removed keys are taken out of every group by their SOPS identity. A key already in
/// the first group is not added twice.
/// </summary>
internal sealed record KeyGroupEdit(
    IReadOnlyList<IReadOnlyList<KeySpec>> Groups,
    IReadOnlyList<MasterKeyEntry> Removed,
    IReadOnlyList<KeySelector> Unmatched)
{
    public static KeyGroupEdit Apply(
        IReadOnlyList<IReadOnlyList<MasterKeyEntry>> groups,
        IReadOnlyList<KeySpec> additions,
        IReadOnlyList<KeySelector> removals)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(additions);
        ArgumentNullException.ThrowIfNull(removals);
        List<MasterKeyEntry> removed = [];
        HashSet<KeySelector> used = [];
        List<List<KeySpec>> result = [];
        foreach (IReadOnlyList<MasterKeyEntry> group in groups)
        {
            List<KeySpec> kept = [];
            foreach (MasterKeyEntry entry in group)
            {
                KeySelector? match = removals.FirstOrDefault(r => r.Matches(entry));
                if (match is null)
                {
                    kept.Add(KeyServices.SpecOf(entry));
                }
                else
                {
                    used.Add(match);
                    removed.Add(entry);
                }
            }

            result.Add(kept);
        }

        if (additions.Count > 0 && result.Count == 0)
        {
            result.Add([]);
        }

        foreach (KeySpec addition in additions)
        {
            string id = KeyIdentity.Of(addition);
            if (!result[0].Any(k => k.Type == addition.Type && KeyIdentity.Of(k) == id))
            {
                result[0].Add(addition);
            }
        }

        return new KeyGroupEdit(result, removed, [.. removals.Where(r => !used.Contains(r))]);
    }
}

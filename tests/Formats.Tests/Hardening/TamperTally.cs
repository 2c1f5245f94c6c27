namespace Crypt.Formats.Tests.Hardening;

/// <summary>Counts of the tamper sweep by mutant kind and outcome; keeps the unexplained ones.</summary>
internal sealed class TamperTally
{
    public const string UnexplainedPrefix = "UNEXPLAINED: ";

    private readonly SortedDictionary<(string Kind, string Outcome), int> _counts = [];

    public List<string> Unexplained { get; } = [];

    public int Total { get; private set; }

    public int Refused { get; private set; }

    /// <summary>
    /// Changes inside what the MAC and AEAD cover: accepted only when the plaintext comes out the
    /// same or only the (unauthenticated) <c>type:</c> tag changed.
    /// </summary>
    private static readonly HashSet<string> s_authenticatedKinds =
        ["char in encrypted value", "char in MAC", "char in lastmodified", "two encrypted values swapped"];

    public void Add(string kind, string outcome)
    {
        Total++;
        if (s_authenticatedKinds.Contains(kind) && outcome.StartsWith("accepted", StringComparison.Ordinal)
            && outcome is not ("accepted: same plaintext" or "accepted: type tag changed"))
        {
            outcome = UnexplainedPrefix + "authenticated part changed, yet " + outcome;
        }

        if (outcome.StartsWith("refused", StringComparison.Ordinal))
        {
            Refused++;
        }

        if (outcome.StartsWith(UnexplainedPrefix, StringComparison.Ordinal))
        {
            if (Unexplained.Count < 20)
            {
                Unexplained.Add($"{kind}: {outcome}");
            }

            outcome = "UNEXPLAINED";
        }

        _counts[(kind, outcome)] = _counts.GetValueOrDefault((kind, outcome)) + 1;
    }

    public IEnumerable<string> Lines()
    {
        foreach (((string kind, string outcome), int count) in _counts)
        {
            yield return $"{kind,-30} {outcome,-55} {count,6}";
        }
    }
}

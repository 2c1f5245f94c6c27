namespace Crypt.Formats.Tree;

/// <summary>
/// One string per distinct map key while a document is read: keys repeat across the items of a
/// list of maps or the sections of a config, and a large file would otherwise hold a copy of
/// each per occurrence. Bounded, so a file of all-distinct keys costs no more than before.
/// </summary>
internal sealed class KeyNames
{
    private const int MaxNames = 4096;

    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _byChars;

    public KeyNames()
    {
        _byChars = _names.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The string already held for <paramref name="name"/>'s text, or <paramref name="name"/> itself.</summary>
    public string Intern(string name)
    {
        if (_names.TryGetValue(name, out string? held))
        {
            return held;
        }

        if (_names.Count < MaxNames)
        {
            _names.Add(name);
        }

        return name;
    }

    /// <summary>The string for <paramref name="name"/>, made only when it is not held yet.</summary>
    public string Intern(ReadOnlySpan<char> name)
    {
        if (_byChars.TryGetValue(name, out string? held))
        {
            return held;
        }

        string made = name.ToString();
        if (_names.Count < MaxNames)
        {
            _names.Add(made);
        }

        return made;
    }
}

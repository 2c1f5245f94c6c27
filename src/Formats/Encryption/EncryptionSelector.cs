using System.Text.RegularExpressions;
using Crypt.Formats.Metadata;

namespace Crypt.Formats.Encryption;

/// <summary>
/// SOPS's <c>Tree.shouldBeEncrypted(path, commentsStack, isComment)</c> (FORMAT.md §3.3), kept
/// incrementally during the walk: each key pushed records whether it matches the rule, so the
/// "any path component matches" test is a counter; each map/list level keeps how many comments
/// seen since its last non-comment item match, and whether the last one did (the
/// <c>encrypted_comment_regex</c> marker exception). Only one rule is ever in force.
/// </summary>
internal sealed class EncryptionSelector
{
    private readonly EncryptionMode _mode;
    private readonly string _suffix;
    private readonly Regex? _regex;
    private readonly bool _tracksComments;
    private readonly bool _everything;
    private readonly List<bool> _keyMatches = [];
    private readonly List<(int Matches, bool LastMatched)> _levels = [];
    private int _matchingKeys;
    private int _matchingComments;

    public EncryptionSelector(EncryptionRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        _mode = rule.Mode;
        _suffix = rule.Value;

        // SOPS skips an option whose value is empty, so nothing narrows the selection.
        _everything = rule.Value.Length == 0;
        _tracksComments = _mode is EncryptionMode.UnencryptedCommentRegex or EncryptionMode.EncryptedCommentRegex;
        if (_everything)
        {
            _tracksComments = false;
        }
        else if (_mode is EncryptionMode.UnencryptedRegex or EncryptionMode.EncryptedRegex or EncryptionMode.UnencryptedCommentRegex or EncryptionMode.EncryptedCommentRegex)
        {
            _regex = GoRegex.Compile(rule.Value, rule.FieldName);
        }
    }

    /// <summary>The compiled pattern of a regex rule (the encryptor checks encrypted comments against it).</summary>
    public Regex? Pattern => _regex;

    /// <summary>The mode in force.</summary>
    public EncryptionMode Mode => _mode;

    /// <summary>Forgets all state (start of a document).</summary>
    public void Reset()
    {
        _keyMatches.Clear();
        _levels.Clear();
        _matchingKeys = 0;
        _matchingComments = 0;
    }

    public void PushKey(string key)
    {
        bool match = !_everything && _mode switch
        {
            EncryptionMode.UnencryptedSuffix or EncryptionMode.EncryptedSuffix => key.EndsWith(_suffix, StringComparison.Ordinal),
            EncryptionMode.UnencryptedRegex or EncryptionMode.EncryptedRegex => _regex!.IsMatch(key),
            _ => false,
        };
        _keyMatches.Add(match);
        _matchingKeys += match ? 1 : 0;
    }

    public void PopKey()
    {
        _matchingKeys -= _keyMatches[^1] ? 1 : 0;
        _keyMatches.RemoveAt(_keyMatches.Count - 1);
    }

    /// <summary>Entering a map or list: a new comments level.</summary>
    public void EnterLevel()
    {
        if (_tracksComments)
        {
            _levels.Add((0, false));
        }
    }

    public void LeaveLevel()
    {
        if (_tracksComments)
        {
            _matchingComments -= _levels[^1].Matches;
            _levels.RemoveAt(_levels.Count - 1);
        }
    }

    /// <summary>A comment item at the current level, with its text as it is in the tree being walked.</summary>
    public void AddComment(string text)
    {
        if (_tracksComments)
        {
            bool match = _regex!.IsMatch(text);
            (int matches, _) = _levels[^1];
            _levels[^1] = (matches + (match ? 1 : 0), match);
            _matchingComments += match ? 1 : 0;
        }
    }

    /// <summary>A non-comment item at the current level was walked: its comments no longer apply.</summary>
    public void ClearLevel()
    {
        if (_tracksComments)
        {
            _matchingComments -= _levels[^1].Matches;
            _levels[^1] = (0, false);
        }
    }

    /// <summary>Whether the current leaf (or comment) is selected for encryption.</summary>
    public bool ShouldEncrypt(bool isComment) => _everything || _mode switch
    {
        EncryptionMode.UnencryptedSuffix or EncryptionMode.UnencryptedRegex => _matchingKeys == 0,
        EncryptionMode.EncryptedSuffix or EncryptionMode.EncryptedRegex => _matchingKeys > 0,
        EncryptionMode.UnencryptedCommentRegex => _matchingComments == 0,

        // The comment being processed is the last of the innermost level: it does not count,
        // so the marker comment itself stays clear and only what follows it is encrypted.
        EncryptionMode.EncryptedCommentRegex => (_matchingComments - (isComment && _levels[^1].LastMatched ? 1 : 0)) > 0,
        _ => true,
    };
}

using System.Text;
using Crypt.Crypto.Errors;

namespace Crypt.Crypto.KeySources;

/// <summary>
/// The readable block shown when no data key could be recovered, modelled on SOPS's
/// <c>getDataKeyError.UserError</c>: one section per group, one line per key tried.
/// </summary>
internal static class KeyRecoveryReport
{
    public static string Format(int groupCount, int required, IReadOnlyList<bool> opened, IReadOnlyList<KeyAttempt> attempts)
    {
        StringBuilder text = new();
        text.Append("Failed to get the data key required to decrypt the file.");
        for (int g = 0; g < groupCount; g++)
        {
            text.Append("\n\nGroup ").Append(g).Append(": ").Append(opened[g] ? "OK" : "FAILED");
            foreach (KeyAttempt attempt in attempts)
            {
                if (attempt.Group == g)
                {
                    text.Append("\n  ").Append(attempt.KeyType).Append(' ').Append(attempt.KeyId).Append(": FAILED")
                        .Append("\n    - ").Append(attempt.Reason);
                }
            }
        }

        if (groupCount == 0)
        {
            text.Append("\n\nThe file has no key groups.");
        }

        int successes = 0;
        foreach (bool ok in opened)
        {
            successes += ok ? 1 : 0;
        }

        text.Append("\n\n").Append(groupCount <= 1
            ? "Recovery failed because no master key was able to decrypt the file. At least one key has to succeed."
            : $"Recovery failed because the file was encrypted with a Shamir threshold of {required}, but only {successes} part(s) were recovered, one per successful key group. A group succeeds when any of its keys decrypts.");
        return text.ToString();
    }
}

using System.Text.RegularExpressions;
using Crypt.Crypto.Errors;

namespace Crypt.Formats.Encryption;

/// <summary>
/// Compiles a Go RE2 pattern (SOPS's <c>*_regex</c> options, matched unanchored with
/// <c>regexp.Match</c>) as a .NET <see cref="Regex"/>. RE2 has no backreferences or
/// lookaround, so every valid RE2 pattern runs under <see cref="RegexOptions.NonBacktracking"/>
/// (linear time, no ReDoS); if .NET refuses it there, the backtracking engine runs it with a
/// timeout. <c>(?P&lt;name&gt;…)</c> is rewritten to .NET's <c>(?&lt;name&gt;…)</c>.
/// Known differences: .NET's <c>\d \w \s</c> and <c>\b</c> are Unicode-aware where Go's are
/// ASCII; <c>$</c> also matches before a final newline (Go: only at the end); POSIX classes like
/// <c>[[:alpha:]]</c> are not supported. Keys and comments rarely reach these corners.
/// </summary>
internal static class GoRegex
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(2);

    /// <exception cref="CryptFormatException">The pattern is not a valid regular expression.</exception>
    public static Regex Compile(string pattern, string optionName)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        string dotnet = pattern.Replace("(?P<", "(?<", StringComparison.Ordinal);
        try
        {
            return new Regex(dotnet, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        }
        catch (NotSupportedException)
        {
            // Fall through to the backtracking engine, bounded by a timeout.
        }
        catch (ArgumentException e)
        {
            throw new CryptFormatException($"{optionName} is not a valid regular expression: {e.Message}", innerException: e);
        }

        try
        {
            return new Regex(dotnet, RegexOptions.CultureInvariant, s_timeout);
        }
        catch (ArgumentException e)
        {
            throw new CryptFormatException($"{optionName} is not a valid regular expression: {e.Message}", innerException: e);
        }
    }
}

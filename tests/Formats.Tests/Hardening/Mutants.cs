using System.Text;
using System.Text.RegularExpressions;
using Crypt.Formats.Stores;

namespace Crypt.Formats.Tests.Hardening;

/// <summary>One tampered copy of an encrypted file and how it was made.</summary>
internal sealed record Mutant(string Kind, string Text);

/// <summary>
/// Every mutant issue 14's tamper sweep asks for, made from the text of an encrypted file:
/// single-character changes inside each <c>ENC[...]</c> (values, comments, the MAC) and in
/// <c>lastmodified</c>; each line deleted, duplicated, swapped with the next; each pair of
/// encrypted values swapped; each key renamed. Mutants equal to the input are left out.
/// </summary>
internal static partial class Mutants
{
    private const string Base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public static IEnumerable<Mutant> Of(string text, DocumentFormat format)
    {
        IEnumerable<Mutant> all = CharacterChanges(text)
            .Concat(LineChanges(text))
            .Concat(ValueSwaps(text))
            .Concat(KeyRenames(text, format));
        return all.Where(m => m.Text != text);
    }

    private static IEnumerable<Mutant> CharacterChanges(string text)
    {
        foreach (Match match in EncValue().Matches(text))
        {
            string kind = match.Value.Contains("type:comment", StringComparison.Ordinal) ? "char in encrypted comment"
                : IsMac(text, match.Index) ? "char in MAC"
                : "char in encrypted value";
            for (int i = match.Index + 4; i < match.Index + match.Length - 1; i++)
            {
                yield return new Mutant(kind, Replace(text, i, Substitute(text[i])));
            }
        }

        foreach (Match match in Timestamp().Matches(text))
        {
            for (int i = match.Index; i < match.Index + match.Length; i++)
            {
                if (char.IsAsciiDigit(text[i]))
                {
                    yield return new Mutant("char in lastmodified", Replace(text, i, (char)('0' + ((text[i] - '0' + 1) % 10))));
                }
            }
        }
    }

    private static IEnumerable<Mutant> LineChanges(string text)
    {
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            yield return new Mutant("line deleted", string.Join('\n', lines.Where((_, j) => j != i)));
            yield return new Mutant("line duplicated", string.Join('\n', lines.Take(i + 1).Append(lines[i]).Concat(lines.Skip(i + 1))));
            if (i + 1 < lines.Length)
            {
                string[] swapped = (string[])lines.Clone();
                (swapped[i], swapped[i + 1]) = (swapped[i + 1], swapped[i]);
                yield return new Mutant("adjacent lines swapped", string.Join('\n', swapped));
            }
        }
    }

    private static IEnumerable<Mutant> ValueSwaps(string text)
    {
        List<Match> values = EncValue().Matches(text)
            .Where(m => !m.Value.Contains("type:comment", StringComparison.Ordinal) && !IsMac(text, m.Index))
            .ToList();
        for (int i = 0; i < values.Count; i++)
        {
            for (int j = i + 1; j < values.Count; j++)
            {
                Match first = values[i], second = values[j];
                var swapped = new StringBuilder(text.Length);
                swapped.Append(text, 0, first.Index).Append(second.Value)
                    .Append(text, first.Index + first.Length, second.Index - first.Index - first.Length)
                    .Append(first.Value).Append(text, second.Index + second.Length, text.Length - second.Index - second.Length);
                yield return new Mutant("two encrypted values swapped", swapped.ToString());
            }
        }
    }

    private static IEnumerable<Mutant> KeyRenames(string text, DocumentFormat format)
    {
        Regex key = format switch
        {
            DocumentFormat.Yaml => YamlKey(),
            DocumentFormat.Json or DocumentFormat.Binary => JsonKey(),
            DocumentFormat.Dotenv => DotenvKey(),
            _ => IniKey(),
        };
        foreach (Match match in key.Matches(text))
        {
            Group name = match.Groups["key"];
            yield return new Mutant("key renamed", text.Insert(name.Index + name.Length, "Z"));
        }
    }

    /// <summary>The MAC is the <c>ENC[...]</c> on a line naming <c>mac</c> (<c>mac:</c>, <c>"mac":</c>, <c>sops_mac=</c>, <c>mac =</c>).</summary>
    private static bool IsMac(string text, int index)
    {
        int lineStart = text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        return Regex.IsMatch(text.AsSpan(lineStart, index - lineStart), @"\bmac""?\s*[:=]|sops_mac=");
    }

    private static char Substitute(char c) => Base64Alphabet.IndexOf(c, StringComparison.Ordinal) is int at and >= 0
        ? Base64Alphabet[(at + 1) % Base64Alphabet.Length]
        : c switch { '=' => 'A', ',' => ';', ':' => '=', _ => 'x' };

    private static string Replace(string text, int index, char with) =>
        string.Create(text.Length, (text, index, with), static (span, state) =>
        {
            state.text.AsSpan().CopyTo(span);
            span[state.index] = state.with;
        });

    [GeneratedRegex(@"ENC\[[^\]]*\]")]
    private static partial Regex EncValue();

    [GeneratedRegex(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"^[ \t]*(?:-[ \t]+)*(?<key>[A-Za-z0-9_][^:#\n]*?):(?=[ \t\n]|$)", RegexOptions.Multiline)]
    private static partial Regex YamlKey();

    [GeneratedRegex(@"""(?<key>[^""\\\n]+)""\s*:")]
    private static partial Regex JsonKey();

    [GeneratedRegex(@"^(?<key>[^=#\s][^=\n]*)=", RegexOptions.Multiline)]
    private static partial Regex DotenvKey();

    [GeneratedRegex(@"^(?:\[(?<key>[^\]\n]+)\]|[ \t]*(?<key>[^=;#\[\s][^=\n]*?)[ \t]*=)", RegexOptions.Multiline)]
    private static partial Regex IniKey();
}

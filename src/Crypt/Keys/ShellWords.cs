using System.Text;
using Crypt.Errors;

namespace Crypt.Keys;

/// <summary>
/// Splits a command line into words the way a POSIX shell would for simple cases (sops uses
/// shlex for <c>SOPS_AGE_KEY_CMD</c> and <c>$EDITOR</c>): whitespace separates, single quotes
/// are literal, double quotes allow <c>\"</c> and <c>\\</c>, a backslash escapes outside quotes.
/// No expansion, no pipes.
/// </summary>
internal static class ShellWords
{
    public static List<string> Split(string text)
    {
        List<string> words = [];
        StringBuilder current = new();
        bool inWord = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case ' ' or '\t' or '\n':
                    if (inWord)
                    {
                        words.Add(current.ToString());
                        current.Clear();
                        inWord = false;
                    }

                    break;
                case '\'':
                    int close = text.IndexOf('\'', i + 1);
                    if (close < 0)
                    {
                        throw new ShellSyntaxException("unterminated single quote in command");
                    }

                    current.Append(text, i + 1, close - i - 1);
                    i = close;
                    inWord = true;
                    break;
                case '"':
                    i++;
                    while (i < text.Length && text[i] != '"')
                    {
                        if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\' or '$' or '`')
                        {
                            i++;
                        }

                        current.Append(text[i]);
                        i++;
                    }

                    if (i >= text.Length)
                    {
                        throw new ShellSyntaxException("unterminated double quote in command");
                    }

                    inWord = true;
                    break;
                case '\\' when i + 1 < text.Length:
                    current.Append(text[++i]);
                    inWord = true;
                    break;
                default:
                    current.Append(c);
                    inWord = true;
                    break;
            }
        }

        if (inWord)
        {
            words.Add(current.ToString());
        }

        return words;
    }
}

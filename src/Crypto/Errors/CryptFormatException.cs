namespace Crypt.Crypto.Errors;

/// <summary>
/// Input that is not in the expected format: an age header or armor, an <c>ENC[...]</c> value,
/// an identity file, a document, metadata or config. Carries where, never the secret.
/// </summary>
public sealed class CryptFormatException : CryptException
{
    public CryptFormatException(string message, string? file = null, long line = 0, long column = 0, string? keyPath = null, Exception? innerException = null)
        : base(Compose(message, file, line, column, keyPath), innerException)
    {
        Detail = message;
        File = file;
        Line = line;
        Column = column;
        KeyPath = keyPath;
    }

    /// <summary>What is wrong, without the location.</summary>
    public string Detail { get; }

    /// <summary>The file, when known.</summary>
    public string? File { get; }

    /// <summary>1-based line, or 0 when unknown.</summary>
    public long Line { get; }

    /// <summary>1-based column, or 0 when unknown.</summary>
    public long Column { get; }

    /// <summary>The key path (for example <c>db:password</c>), when known.</summary>
    public string? KeyPath { get; }

    /// <summary>A copy of this error that names <paramref name="file"/> as where it happened.</summary>
    public CryptFormatException WithFile(string file) =>
        new(Detail, file, Line, Column, KeyPath, InnerException);

    private static string Compose(string message, string? file, long line, long column, string? keyPath)
    {
        string where = file ?? string.Empty;
        if (line > 0)
        {
            where += column > 0 ? $":{line}:{column}" : $":{line}";
        }

        if (keyPath is not null)
        {
            where += where.Length > 0 ? $" at {keyPath}" : $"at {keyPath}";
        }

        return where.Length > 0 ? $"{where}: {message}" : message;
    }
}

using System.Globalization;

namespace Crypt.Crypto.Errors;

/// <summary>
/// Base of every expected failure Crypt reports to a user: a file that does not parse, a MAC
/// that does not match, a key that cannot be unwrapped. Each failure has its own subclass, so
/// the CLI decides the exit code from the type alone, in one place. The location (file, line,
/// column, key path) is part of the failure: <see cref="WithFile"/> names the file once the
/// caller knows it, without replacing the exception. Messages never carry secret values.
/// </summary>
public abstract class CryptException : Exception
{
    /// <summary>A failure described by <paramref name="detail"/>, at the location given so far.</summary>
    /// <param name="detail">What is wrong, without the location; never a secret value.</param>
    /// <param name="innerException">The lower-level failure, if any.</param>
    /// <param name="file">The file, when known.</param>
    /// <param name="line">1-based line, or 0 when unknown.</param>
    /// <param name="column">1-based column, or 0 when unknown.</param>
    /// <param name="keyPath">The key path (for example <c>db:password</c>), when known.</param>
    protected CryptException(string detail, Exception? innerException = null, string? file = null, long line = 0, long column = 0, string? keyPath = null)
        : base(detail, innerException)
    {
        Detail = detail;
        File = file;
        Line = line;
        Column = column;
        KeyPath = keyPath;
    }

    /// <summary>What is wrong, without the location.</summary>
    public string Detail { get; }

    /// <summary>The file, when known.</summary>
    public string? File { get; private set; }

    /// <summary>1-based line, or 0 when unknown.</summary>
    public long Line { get; }

    /// <summary>1-based column, or 0 when unknown.</summary>
    public long Column { get; }

    /// <summary>The key path (for example <c>db:password</c>), when known.</summary>
    public string? KeyPath { get; }

    /// <summary>The location and the detail: <c>FILE:LINE:COL at KEYPATH: detail</c>, each part only when known.</summary>
    public override string Message
    {
        get
        {
            string where = File ?? string.Empty;
            if (Line > 0)
            {
                where += Column > 0
                    ? string.Create(CultureInfo.InvariantCulture, $":{Line}:{Column}")
                    : string.Create(CultureInfo.InvariantCulture, $":{Line}");
            }

            if (KeyPath is not null)
            {
                where += where.Length > 0 ? $" at {KeyPath}" : $"at {KeyPath}";
            }

            return where.Length > 0 ? $"{where}: {Detail}" : Detail;
        }
    }

    /// <summary>
    /// Names <paramref name="file"/> as where this happened, unless a file is already named (the
    /// innermost reader knows best). Returns this same exception, so a caller can rethrow it
    /// with <c>throw;</c> and keep its type and stack.
    /// </summary>
    public CryptException WithFile(string file)
    {
        File ??= file;
        return this;
    }
}

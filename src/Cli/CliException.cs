namespace Crypt.Cli;

/// <summary>
/// A failure the CLI reports as one line with a chosen exit code (bad flags, missing file,
/// no matching creation rule). Never carries a secret.
/// </summary>
internal sealed class CliException : Exception
{
    public CliException(int exitCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; }
}

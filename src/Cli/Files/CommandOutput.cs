namespace Crypt.Cli.Files;

/// <summary>
/// Where a command's result goes: back over the input (<c>-i</c>), to <c>--output</c>, or to
/// standard output. File writes are atomic; plaintext files are created 0600.
/// </summary>
internal static class CommandOutput
{
    public static void Validate(CommandInput input, bool inPlace, string? output)
    {
        if (inPlace && output is not null)
        {
            throw new CliException(ExitCodes.ErrorConflictingParameters, "--in-place and --output cannot be used together");
        }

        if (inPlace && input.IsStdin)
        {
            throw new CliException(ExitCodes.ErrorConflictingParameters, "--in-place needs a file, not standard input");
        }
    }

    public static void Write(CommandInput input, bool inPlace, string? output, byte[] content, bool plaintext)
    {
        string? target = inPlace ? input.Path : output;
        if (target is null)
        {
            using Stream stdout = Console.OpenStandardOutput();
            stdout.Write(content);
            stdout.Flush();
            return;
        }

        try
        {
            AtomicFile.Write(target, content, sensitive: plaintext);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.CouldNotWriteOutputFile, $"{target}: cannot write: {e.Message}");
        }
    }
}

using Crypt.Files;

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
            throw new CliException(ExitCodes.ErrorConflictingParameters, $"{input.DisplayName}: --in-place and --output cannot be used together");
        }

        if (inPlace && input.IsStdin)
        {
            throw new CliException(ExitCodes.ErrorConflictingParameters, $"{input.DisplayName}: --in-place needs a file, not standard input");
        }
    }

    /// <summary>
    /// Runs <paramref name="emit"/> into the target as it produces the bytes: standard output,
    /// or an atomic write (a failure leaves the target as it was and removes the temp file).
    /// The stores refuse what a format cannot hold before writing, so an emit error writes nothing.
    /// </summary>
    public static void Write(CommandInput input, bool inPlace, string? output, bool plaintext, Action<Stream> emit)
    {
        string? target = inPlace ? input.Path : output;
        if (target is null)
        {
            using Stream stdout = Console.OpenStandardOutput();
            input.Locate(() => emit(stdout));
            stdout.Flush();
            return;
        }

        try
        {
            AtomicFile.Write(target, stream => input.Locate(() => emit(stream)), sensitive: plaintext);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.CouldNotWriteOutputFile, $"{target}: cannot write: {e.Message}");
        }
    }
}

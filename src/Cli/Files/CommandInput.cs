using Crypt.Crypto.Errors;
using Crypt.Formats.Stores;

namespace Crypt.Cli.Files;

/// <summary>
/// The file a command reads: a path, or standard input for <c>-</c> or no path. Knows the name
/// to show in errors and the path that decides format and creation rule
/// (<c>--filename-override</c> when given).
/// </summary>
internal sealed record CommandInput(string? Path, byte[] Content, string DisplayName, string? NamingPath)
{
    public bool IsStdin => Path is null;

    public static CommandInput Read(string? path, string? filenameOverride)
    {
        if (path is null or "-")
        {
            using Stream stdin = Console.OpenStandardInput();
            using MemoryStream buffer = new();
            stdin.CopyTo(buffer);
            return new CommandInput(null, buffer.ToArray(), filenameOverride ?? "<stdin>", filenameOverride);
        }

        if (!File.Exists(path))
        {
            throw new CliException(ExitCodes.NoFileSpecified, $"{path}: no such file");
        }

        try
        {
            return new CommandInput(path, File.ReadAllBytes(path), path, filenameOverride ?? path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.CouldNotReadInputFile, $"{path}: cannot read: {e.Message}");
        }
    }

    /// <summary>The input format: <c>--input-type</c>, else by the (overriding) file name.</summary>
    public DocumentFormat Format(string? inputType) => ParseType(inputType, "--input-type") ?? DocumentFormats.FromPath(NamingPath ?? string.Empty);

    /// <summary>The output format: <c>--output-type</c>, else by the file name (as sops: not the input type).</summary>
    public DocumentFormat OutputFormat(string? outputType, DocumentFormat inputFormat) =>
        ParseType(outputType, "--output-type") ?? (NamingPath is null ? inputFormat : DocumentFormats.FromPath(NamingPath));

    /// <summary>Runs <paramref name="action"/>, naming this file in any format error it raises.</summary>
    public T Locate<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (CryptFormatException e) when (e.File is null)
        {
            throw e.WithFile(DisplayName);
        }
    }

    private static DocumentFormat? ParseType(string? type, string option)
    {
        if (type is null)
        {
            return null;
        }

        return DocumentFormats.TryParse(type, out DocumentFormat format)
            ? format
            : throw new CliException(ExitCodes.ErrorConflictingParameters, $"{option} must be one of yaml, json, dotenv, binary (got '{type}')");
    }
}

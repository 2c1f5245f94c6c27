using Crypt.Crypto.Errors;
using Crypt.Formats.Stores;

namespace Crypt.Cli.Files;

/// <summary>
/// The file a command reads: a path, or standard input for <c>-</c> or no path. Knows the name
/// to show in errors and the path that decides format and creation rule
/// (<c>--filename-override</c> when given).
/// </summary>
internal sealed record CommandInput(string? Path, ReadOnlyMemory<byte> Content, string DisplayName, string? NamingPath)
{
    /// <summary>
    /// The largest input read. A document is held in memory whole, several times over while it is
    /// parsed, and .NET strings end near 2^30 characters: past this a user would wait for an
    /// out-of-memory "internal error"; refused up front instead, naming the limit (sops has none).
    /// </summary>
    public const long MaxInputBytes = 512L << 20;

    public bool IsStdin => Path is null;

    /// <summary>
    /// Reads the file. A missing file fails with <paramref name="missingFileCode"/>: sops answers
    /// 100 for encrypt and decrypt, which check first (cmd/sops/main.go), and 2 or 1 for the
    /// commands that just fail to load it.
    /// </summary>
    public static CommandInput Read(string? path, string? filenameOverride, int missingFileCode = ExitCodes.NoFileSpecified)
    {
        if (path is null or "-")
        {
            using Stream stdin = Console.OpenStandardInput();
            string name = filenameOverride ?? "<stdin>";
            return new CommandInput(null, ReadBounded(stdin, MaxInputBytes, name), name, filenameOverride);
        }

        if (!File.Exists(path))
        {
            throw new CliException(missingFileCode, $"{path}: no such file");
        }

        try
        {
            long length = new FileInfo(path).Length;
            if (length > MaxInputBytes)
            {
                throw TooLarge(path, MaxInputBytes);
            }

            // Padded, so the YAML scanner reads the file's own array (InputBytes).
            return new CommandInput(path, InputBytes.ReadFile(path), path, filenameOverride ?? path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.CouldNotReadInputFile, $"{path}: cannot read: {e.Message}");
        }
    }

    /// <summary>Reads <paramref name="input"/> to its end, refusing more than <paramref name="limit"/> bytes.</summary>
    internal static ReadOnlyMemory<byte> ReadBounded(Stream input, long limit, string name)
    {
        using MemoryStream buffer = new();
        byte[] chunk = new byte[81920];
        int read;
        while ((read = input.Read(chunk)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw TooLarge(name, limit);
            }

            buffer.Write(chunk, 0, read);
        }

        // The padding InputBytes.ReadFile gives a file, so standard input is not copied again by the YAML scanner.
        buffer.Write(new byte[InputBytes.Padding]);
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length - InputBytes.Padding);
    }

    private static CryptFormatException TooLarge(string name, long limit) =>
        new($"input is larger than crypt's limit of {limit} bytes ({limit >> 20} MiB) for one document", name);

    /// <summary>The input format: <c>--input-type</c>, else by the (overriding) file name.</summary>
    public DocumentFormat Format(string? inputType) => ParseType(inputType, "--input-type") ?? DocumentFormats.FromPath(NamingPath ?? string.Empty);

    /// <summary>
    /// The output format: <c>--output-type</c>, else by the file name (as sops: not the input
    /// type). A name that tells nothing (binary by default) while <c>--input-type</c> named a
    /// structured format gives that format: sops would fail to write the tree as binary.
    /// </summary>
    public DocumentFormat OutputFormat(string? outputType, DocumentFormat inputFormat)
    {
        if (ParseType(outputType, "--output-type") is { } given)
        {
            return given;
        }

        DocumentFormat byName = NamingPath is null ? inputFormat : DocumentFormats.FromPath(NamingPath);
        return byName == DocumentFormat.Binary ? inputFormat : byName;
    }

    /// <summary>
    /// Runs <paramref name="action"/>, naming this file in any failure it raises. The failure
    /// keeps its type (so its exit code) and its own location: a reader that already named a
    /// file, line and column knows best.
    /// </summary>
    public T Locate<T>(Func<T> action) => Locate(DisplayName, action);

    /// <summary>Runs <paramref name="action"/>, naming <paramref name="displayName"/> in any failure it raises (for a file not read yet).</summary>
    public static T Locate<T>(string displayName, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (CryptException e)
        {
            e.WithFile(displayName);
            throw;
        }
        catch (OutOfMemoryException e)
        {
            throw OutOfMemory(displayName, e);
        }
    }

    /// <inheritdoc cref="Locate{T}(Func{T})"/>
    public void Locate(Action action) => Locate(() =>
    {
        action();
        return true;
    });

    /// <summary>Runs <paramref name="action"/>, naming this file in any failure it raises, synchronous or not.</summary>
    public async Task<T> LocateAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (CryptException e)
        {
            e.WithFile(DisplayName);
            throw;
        }
        catch (OutOfMemoryException e)
        {
            throw OutOfMemory(DisplayName, e);
        }
    }

    // A document is held in memory whole (a few times its size, more around one very large
    // value): when that fails the user learns which file and what the limits are, not "internal error".
    private static CryptFormatException OutOfMemory(string name, OutOfMemoryException e) =>
        new($"not enough memory to process this file: crypt holds a document in memory, a few times its size (input limit {MaxInputBytes >> 20} MiB); split very large values or files", name, innerException: e);

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

using System.Security.Cryptography;
using Crypt.Crypto.Errors;
using Crypt.Formats;
using Crypt.Formats.Stores;
using Microsoft.Extensions.Configuration;

namespace Crypt.Extensions.Configuration;

/// <summary>
/// Loads a SOPS file into configuration keys. <see cref="FileConfigurationProvider"/> does the
/// file handling (optional file, reload on change, <c>OnLoadException</c>, the
/// "Failed to load configuration from file" wrapper), exactly as for Microsoft's JSON provider
/// (dotnet/runtime src/libraries/Microsoft.Extensions.Configuration.FileExtensions/src/FileConfigurationProvider.cs).
/// The data key is unwrapped once per file version: a reload of the same bytes (a touch, an editor
/// saving unchanged content, a second change event) reuses the keys decrypted last time instead of
/// calling the key sources (a KMS, a key command) again.
/// </summary>
internal sealed class SopsConfigurationProvider : FileConfigurationProvider
{
    private byte[]? _loadedHash;
    private Dictionary<string, string?>? _loaded;

    public SopsConfigurationProvider(SopsConfigurationSource source)
        : base(source)
    {
    }

    private new SopsConfigurationSource Source => (SopsConfigurationSource)base.Source;

    /// <summary>Decrypts <paramref name="stream"/> (the file's content) into <see cref="ConfigurationProvider.Data"/>.</summary>
    public override void Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        string path = Source.Path ?? string.Empty;
        byte[] content = ReadAll(stream);
        byte[] hash = SHA256.HashData(content);
        if (_loaded is null || _loadedHash is null || !hash.AsSpan().SequenceEqual(_loadedHash))
        {
            _loaded = Decrypt(content, path);
            _loadedHash = hash;
        }

        Data = new Dictionary<string, string?>(_loaded, StringComparer.OrdinalIgnoreCase);
    }

    private Dictionary<string, string?> Decrypt(byte[] content, string path)
    {
        DocumentFormat format = Source.Format ?? DocumentFormats.FromPath(path);
        if (format == DocumentFormat.Binary)
        {
            throw new CryptFormatException(
                "a binary file (or a file whose name does not tell its format) cannot be configuration: name it .yaml, .yml, .json, .env or .ini, or set SopsConfigurationSource.Format",
                path);
        }

        try
        {
            // Configuration providers load synchronously (IConfigurationProvider.Load); the key
            // sources are asynchronous. Run them on the thread pool so that a caller's
            // synchronization context cannot deadlock the wait.
            using DecryptedDocument document = Task.Run(() => SopsFile.DecryptAsync(content, format, Source.Keys)).GetAwaiter().GetResult();
            return ConfigurationKeys.Flatten(document.Tree, format, Source.KeyPrefix, path);
        }
        catch (CryptException e)
        {
            throw e.WithFile(path);
        }
    }

    private static byte[] ReadAll(Stream stream)
    {
        using MemoryStream buffer = new();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}

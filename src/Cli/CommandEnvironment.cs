using System.CommandLine;
using Crypt.Cli.Files;
using Crypt.Cli.Keys;
using Crypt.Config;
using Crypt.Crypto.Errors;
using Crypt.Crypto.KeySources;
using Crypt.Errors;
using Crypt.Formats;
using Crypt.Formats.Stores;
using Crypt.Keys;

namespace Crypt.Cli;

/// <summary>
/// What every command needs from its surroundings: environment variables, the warning sink
/// (stderr), the config file and the key services. One per run.
/// </summary>
internal sealed class CommandEnvironment
{
    private readonly Lazy<CryptConfig?> _config;
    private readonly string? _decryptionOrder;

    public CommandEnvironment(string? configOption, int? indentOption, string? decryptionOrderOption = null)
    {
        _decryptionOrder = decryptionOrderOption;
        _config = new Lazy<CryptConfig?>(() =>
        {
            string? path = ConfigLoader.Find(configOption ?? Get("SOPS_CONFIG"), Directory.GetCurrentDirectory());
            return path is null ? null : ConfigLoader.Load(path);
        });
        Indent = indentOption;
        Keys = new KeyServices(Get, Warn, TerminalPassphrase.Read);
    }

    public KeyServices Keys { get; }

    /// <summary>The environment for a parsed command line (its global options).</summary>
    public static CommandEnvironment From(ParseResult parsed) =>
        new(parsed.GetValue(GlobalOptions.Config), parsed.GetValue(GlobalOptions.Indent), parsed.GetValue(GlobalOptions.DecryptionOrder));

    public int? Indent { get; }

    /// <summary>The config, or null when there is none.</summary>
    public CryptConfig? Config => _config.Value;

    public static string? Get(string name) => Environment.GetEnvironmentVariable(name);

    public static void Warn(string message) => Console.Error.WriteLine($"crypt: {message}");

    /// <summary>Decrypt options with the user's key order: <c>--decryption-order</c>, else <c>SOPS_DECRYPTION_ORDER</c>.</summary>
    public DecryptOptions DecryptOptions(bool ignoreMac, bool keepIvs) => new()
    {
        IgnoreMac = ignoreMac,
        KeepIvs = keepIvs,
        DecryptionOrder = DecryptionOrder.Parse(_decryptionOrder ?? Get("SOPS_DECRYPTION_ORDER")),
    };

    /// <summary>Decrypts <paramref name="input"/>, naming the file in any error and printing the document's warnings.</summary>
    public static async Task<DecryptedDocument> DecryptAsync(CommandInput input, DocumentFormat format, KeyRing keys, DecryptOptions options, CancellationToken cancellationToken)
    {
        DecryptedDocument document;
        try
        {
            document = await input.LocateAsync(() => SopsDocument.DecryptAsync(input.Content, format, keys, options, cancellationToken));
        }
        catch (CryptFormatException e) when (format == DocumentFormat.Binary)
        {
            // sops reads a file whose name it does not recognise as binary, whose encrypted form
            // is JSON; a YAML or dotenv file named without its extension lands here.
            throw new CryptFormatException(
                "the file name does not tell its format, so it was read as a binary file (whose encrypted form is JSON) and it is not one: give --input-type yaml, json, dotenv or ini",
                e.File, e.Line, e.Column, e.KeyPath, e);
        }

        foreach (string warning in document.Warnings)
        {
            Warn($"{input.DisplayName}: {warning}");
        }

        return document;
    }

    /// <summary>Output layout: <c>--indent</c>, else the config's <c>stores</c> setting, else the format's default.</summary>
    public EmitOptions EmitOptions(DocumentFormat format) => new(Indent ?? format switch
    {
        DocumentFormat.Yaml => Config?.YamlIndent,
        DocumentFormat.Json or DocumentFormat.Binary => Config?.JsonIndent,
        _ => null,
    });

    /// <summary>
    /// The config for <c>decrypt</c>, which only needs <c>stores</c>: a broken config is reported
    /// as a warning rather than stopping a decrypt that does not need it.
    /// </summary>
    public EmitOptions EmitOptionsLenient(DocumentFormat format)
    {
        try
        {
            return EmitOptions(format);
        }
        catch (ConfigException e)
        {
            Warn($"{e.Message} (ignored for decrypt)");
            return new EmitOptions(Indent);
        }
    }
}

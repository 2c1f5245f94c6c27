using Crypt.Cli.Config;
using Crypt.Cli.Keys;
using Crypt.Formats.Stores;

namespace Crypt.Cli;

/// <summary>
/// What every command needs from its surroundings: environment variables, the warning sink
/// (stderr), the config file and the key services. One per run.
/// </summary>
internal sealed class CommandEnvironment
{
    private readonly Lazy<CryptConfig?> _config;

    public CommandEnvironment(string? configOption, int? indentOption)
    {
        _config = new Lazy<CryptConfig?>(() =>
        {
            string? path = ConfigLoader.Find(configOption ?? Get("SOPS_CONFIG"), Directory.GetCurrentDirectory());
            return path is null ? null : ConfigLoader.Load(path);
        });
        Indent = indentOption;
        Keys = new KeyServices(Get, Warn);
    }

    public KeyServices Keys { get; }

    public int? Indent { get; }

    /// <summary>The config, or null when there is none.</summary>
    public CryptConfig? Config => _config.Value;

    public static string? Get(string name) => Environment.GetEnvironmentVariable(name);

    public static void Warn(string message) => Console.Error.WriteLine($"crypt: {message}");

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
        catch (CliException e)
        {
            Warn($"{e.Message} (ignored for decrypt)");
            return new EmitOptions(Indent);
        }
    }
}

using Crypt.Formats.Stores;
using Microsoft.Extensions.Configuration;

namespace Crypt.Extensions.Configuration;

/// <summary>
/// A SOPS-encrypted YAML, JSON, dotenv or INI file as a configuration source. <see cref="FileConfigurationSource.Path"/>,
/// <see cref="FileConfigurationSource.Optional"/>, <see cref="FileConfigurationSource.ReloadOnChange"/> and
/// <see cref="FileConfigurationSource.OnLoadException"/> behave as for Microsoft's JSON provider.
/// The file is decrypted in memory; the plaintext is never written to disk.
/// </summary>
public sealed class SopsConfigurationSource : FileConfigurationSource
{
    /// <summary>The file's format; null takes it from the file name as the <c>crypt</c> CLI does (<c>.yaml</c>/<c>.yml</c>, <c>.json</c>, <c>.env</c>, <c>.ini</c>).</summary>
    public DocumentFormat? Format { get; set; }

    /// <summary>A section every key is put under: with <c>"Secrets"</c>, <c>db.password</c> becomes <c>Secrets:db:password</c>. Null or empty: none.</summary>
    public string? KeyPrefix { get; set; }

    /// <summary>Where the keys come from; null discovers them as the <c>crypt</c> CLI does (<c>SOPS_AGE_KEY</c>, <c>SOPS_AGE_KEY_FILE</c>, <c>SOPS_AGE_KEY_CMD</c>, <c>keys.txt</c>, SSH keys, gpg, AWS and Azure credentials).</summary>
    public SopsKeyOptions? Keys { get; set; }

    /// <summary>Builds the provider for this source.</summary>
    /// <param name="builder">The configuration builder (its file provider is used when none is set).</param>
    /// <returns>The provider.</returns>
    public override IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        EnsureDefaults(builder);
        return new SopsConfigurationProvider(this);
    }
}

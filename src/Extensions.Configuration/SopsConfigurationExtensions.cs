using Crypt.Extensions.Configuration;

namespace Microsoft.Extensions.Configuration;

/// <summary>
/// Adds SOPS-encrypted files to a configuration builder, as <c>AddJsonFile</c> adds JSON files
/// (in the <c>Microsoft.Extensions.Configuration</c> namespace, as Microsoft's own providers).
/// </summary>
public static class SopsConfigurationExtensions
{
    /// <summary>Adds the encrypted file at <paramref name="path"/> (relative to the builder's base path); it must exist.</summary>
    /// <param name="builder">The configuration builder.</param>
    /// <param name="path">The encrypted file; its name gives the format.</param>
    /// <returns>The builder.</returns>
    public static IConfigurationBuilder AddSopsFile(this IConfigurationBuilder builder, string path) =>
        AddSopsFile(builder, path, optional: false, reloadOnChange: false);

    /// <summary>Adds the encrypted file at <paramref name="path"/>.</summary>
    /// <param name="builder">The configuration builder.</param>
    /// <param name="path">The encrypted file; its name gives the format.</param>
    /// <param name="optional">Whether a missing file is fine.</param>
    /// <returns>The builder.</returns>
    public static IConfigurationBuilder AddSopsFile(this IConfigurationBuilder builder, string path, bool optional) =>
        AddSopsFile(builder, path, optional, reloadOnChange: false);

    /// <summary>Adds the encrypted file at <paramref name="path"/>, decrypted again whenever it changes when <paramref name="reloadOnChange"/>.</summary>
    /// <param name="builder">The configuration builder.</param>
    /// <param name="path">The encrypted file; its name gives the format.</param>
    /// <param name="optional">Whether a missing file is fine.</param>
    /// <param name="reloadOnChange">Whether to reload when the file changes.</param>
    /// <returns>The builder.</returns>
    public static IConfigurationBuilder AddSopsFile(this IConfigurationBuilder builder, string path, bool optional, bool reloadOnChange)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(path);
        return builder.AddSopsFile(source =>
        {
            source.Path = path;
            source.Optional = optional;
            source.ReloadOnChange = reloadOnChange;
            source.ResolveFileProvider();
        });
    }

    /// <summary>Adds an encrypted file configured by <paramref name="configure"/> (keys, format, key prefix, <c>OnLoadException</c>).</summary>
    /// <param name="builder">The configuration builder.</param>
    /// <param name="configure">Sets up the source.</param>
    /// <returns>The builder.</returns>
    public static IConfigurationBuilder AddSopsFile(this IConfigurationBuilder builder, Action<SopsConfigurationSource> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(configure);
    }
}

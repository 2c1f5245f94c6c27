using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace OrdersApi.Tests;

/// <summary>
/// AddSopsFile reads each format the CLI reads, decrypted, with nested keys as Section:Key and
/// list items as Section:0; the sops metadata is not configuration.
/// </summary>
public sealed class ConfigurationFormatsTests : IDisposable
{
    private readonly SecretsFolder _folder = new();
    private readonly string _sentinel = "sentinel-" + Guid.NewGuid().ToString("N");

    [Fact]
    public void Encrypted_yaml_is_read_with_nested_keys_and_lists()
    {
        var file = _folder.Encrypt("secrets.enc.yaml", $"Db:\n  Password: {_sentinel}\n  Hosts:\n    - primary\n    - replica\n");

        var configuration = new ConfigurationBuilder().AddSopsFile(file).Build();

        Assert.Equal(_sentinel, configuration["Db:Password"]);
        Assert.Equal("replica", configuration["Db:Hosts:1"]);
        Assert.False(configuration.GetSection("sops").Exists());
    }

    [Fact]
    public void Encrypted_json_is_read_with_nested_keys_and_lists()
    {
        var json = JsonSerializer.Serialize(new { Payments = new { ApiKey = _sentinel, Regions = new[] { "eu", "us" } } });
        var file = _folder.Encrypt("appsettings.secrets.json", json);

        var configuration = new ConfigurationBuilder().AddSopsFile(file).Build();

        Assert.Equal(_sentinel, configuration["Payments:ApiKey"]);
        Assert.Equal("us", configuration["Payments:Regions:1"]);
        Assert.False(configuration.GetSection("sops").Exists());
    }

    [Fact]
    public void Encrypted_dotenv_is_read_as_flat_keys()
    {
        var file = _folder.Encrypt("app.env", $"API_TOKEN={_sentinel}\nPORT=8080\n");

        var configuration = new ConfigurationBuilder().AddSopsFile(file).Build();

        Assert.Equal(_sentinel, configuration["API_TOKEN"]);
        Assert.Equal("8080", configuration["PORT"]);
        Assert.DoesNotContain(configuration.AsEnumerable(), pair => pair.Key.StartsWith("sops", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_ciphertext_on_disk_holds_no_plaintext_value()
    {
        var file = _folder.Encrypt("secrets.enc.yaml", $"Db:\n  Password: {_sentinel}\n");

        Assert.DoesNotContain(_sentinel, File.ReadAllText(file), StringComparison.Ordinal);
        Assert.Equal(_sentinel, new ConfigurationBuilder().AddSopsFile(file).Build()["Db:Password"]);
    }

    public void Dispose() => _folder.Dispose();
}

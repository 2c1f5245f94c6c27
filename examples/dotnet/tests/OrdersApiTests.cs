using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OrdersApi.Tests;

/// <summary>
/// The sample app end to end in TestHost: secrets from secrets.enc.yaml bound and validated at
/// start-up, served (as fingerprints) after a rotation, and never in its redacted logs.
/// </summary>
public sealed class OrdersApiTests : IDisposable
{
    private static readonly TimeSpan s_reloadTimeout = TimeSpan.FromSeconds(60);

    private readonly SecretsFolder _folder = new();
    private readonly string _connectionString = "Host=db;Password=sentinel-db-" + Guid.NewGuid().ToString("N");
    private readonly string _apiKey = "sentinel-key-" + Guid.NewGuid().ToString("N");

    public OrdersApiTests() =>
        _folder.WritePlain("appsettings.json", """{"Orders": {"PaymentsUrl": "https://payments.example.test/v1"}}""");

    [Fact]
    public async Task The_app_binds_and_validates_its_secrets_from_the_encrypted_file()
    {
        WriteSecrets(_connectionString, _apiKey);
        await using var factory = new OrdersApiFactory(_folder.Path);

        var options = factory.Services.GetRequiredService<IOptions<OrdersOptions>>().Value;
        var served = await factory.CreateClient().GetFromJsonAsync<Fingerprints>("/secrets/fingerprints");

        Assert.Equal(_connectionString, options.ConnectionString);
        Assert.Equal(_apiKey, options.PaymentsApiKey);
        Assert.Equal(new Fingerprints(Fingerprint.Of(_connectionString), Fingerprint.Of(_apiKey), "https://payments.example.test/v1"), served);
    }

    [Fact]
    public void Start_up_fails_naming_the_missing_secret()
    {
        _folder.Encrypt("secrets.enc.yaml", $"Orders:\n  ConnectionString: \"{_connectionString}\"\n");
        using var factory = new OrdersApiFactory(_folder.Path);

        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var messages = string.Join('\n', Chain(failure).Select(e => e.Message));
        Assert.Contains(Chain(failure), e => e is OptionsValidationException);
        Assert.Contains("PaymentsApiKey", messages, StringComparison.Ordinal);
        Assert.DoesNotContain(_connectionString, messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_file_is_re_encrypted_with_a_new_key_the_app_serves_it()
    {
        WriteSecrets(_connectionString, _apiKey);
        await using var factory = new OrdersApiFactory(_folder.Path);
        var client = factory.CreateClient();
        Assert.Equal(Fingerprint.Of(_apiKey), (await client.GetFromJsonAsync<Fingerprints>("/secrets/fingerprints"))!.PaymentsApiKey);

        var rotated = "sentinel-rotated-" + Guid.NewGuid().ToString("N");
        var monitor = factory.Services.GetRequiredService<IOptionsMonitor<OrdersOptions>>();
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = monitor.OnChange(options =>
        {
            if (options.PaymentsApiKey == rotated)
            {
                changed.TrySetResult();
            }
        });
        _folder.Set("secrets.enc.yaml", """["Orders"]["PaymentsApiKey"]""", rotated);

        // The file watcher's change token drives the reload; wait for the bound options to follow.
        await changed.Task.WaitAsync(s_reloadTimeout);
        var served = await client.GetFromJsonAsync<Fingerprints>("/secrets/fingerprints");
        Assert.Equal(Fingerprint.Of(rotated), served!.PaymentsApiKey);
        Assert.Equal(Fingerprint.Of(_connectionString), served.ConnectionString);
        Assert.DoesNotContain(rotated, factory.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logging_the_options_with_redaction_prints_no_secret()
    {
        WriteSecrets(_connectionString, _apiKey);
        await using var factory = new OrdersApiFactory(_folder.Path);
        _ = factory.CreateClient();

        var loaded = Assert.Single(await factory.Logs.WaitForAsync(r => r.EventId.Id == 1 && r.Category == "OrdersApi", s_reloadTimeout));
        // The options were logged property by property: the plain one as it is, the
        // [SopsSecret] ones present but erased.
        Assert.Contains(loaded.Tags, t => t.Key.EndsWith("PaymentsUrl", StringComparison.Ordinal) && t.Value == "https://payments.example.test/v1");
        Assert.Contains(loaded.Tags, t => t.Key.EndsWith("PaymentsApiKey", StringComparison.Ordinal));
        Assert.Contains(loaded.Tags, t => t.Key.EndsWith("ConnectionString", StringComparison.Ordinal));
        var everything = factory.Logs.AllText;
        Assert.DoesNotContain(_apiKey, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("sentinel-db-", everything, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private void WriteSecrets(string connectionString, string apiKey) =>
        _folder.Encrypt("secrets.enc.yaml", $"Orders:\n  ConnectionString: \"{connectionString}\"\n  PaymentsApiKey: {apiKey}\n");

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }
            }
            yield return e;
        }
    }

    private sealed record Fingerprints(string ConnectionString, string PaymentsApiKey, string PaymentsUrl);
}

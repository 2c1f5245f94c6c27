using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Crypt.Extensions.Configuration.Tests;

public sealed partial class RedactionTests : IDisposable
{
    private const string Sentinel = "s3ntinel-ApiKey-77b0";
    private readonly SecretFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Logging_options_with_redaction_enabled_never_prints_a_secret_from_the_file()
    {
        string path = await _folder.WriteAsync("redact.enc.yaml", $"Service:\n  Name: orders\n  ApiKey: {Sentinel}\n", "crypt");
        IConfigurationRoot config = new ConfigurationBuilder()
            .AddSopsFile(s => { s.Path = path; s.Keys = _folder.Keys(); s.ResolveFileProvider(); })
            .Build();
        CapturingLoggerProvider captured = new();
        ServiceCollection services = new();
        services.AddOptions<ServiceSettings>().Bind(config.GetSection("Service"));
        services.AddRedaction(redaction => redaction.SetRedactor<ErasingRedactor>(new DataClassificationSet(SopsDataClassifications.Secret)));
        services.AddLogging(logging =>
        {
            logging.EnableRedaction();
            logging.AddProvider(captured);
        });
        using ServiceProvider provider = services.BuildServiceProvider();
        ServiceSettings settings = provider.GetRequiredService<IOptions<ServiceSettings>>().Value;
        Assert.Equal(Sentinel, settings.ApiKey);
        ILogger logger = provider.GetRequiredService<ILogger<RedactionTests>>();

        LogSettings(logger, settings);
        LogKey(logger, settings.ApiKey!);

        Assert.Equal(2, captured.Lines.Count);
        Assert.Contains(captured.Lines, l => l.Contains("orders", StringComparison.Ordinal));
        // The secret's property was logged (so the check below is not vacuous), with its value redacted.
        Assert.All(captured.Lines, l => Assert.Contains("piKey=", l, StringComparison.OrdinalIgnoreCase));
        Assert.All(captured.Lines, l => Assert.DoesNotContain(Sentinel, l, StringComparison.Ordinal));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "service settings loaded")]
    private static partial void LogSettings(ILogger logger, [LogProperties] ServiceSettings settings);

    [LoggerMessage(Level = LogLevel.Information, Message = "api key {ApiKey} in use")]
    private static partial void LogKey(ILogger logger, [SopsSecret] string apiKey);

    internal sealed class ServiceSettings
    {
        public string? Name { get; set; }

        [Required]
        [SopsSecret]
        public string? ApiKey { get; set; }
    }

    /// <summary>Keeps every formatted message and every structured property, as a log sink would.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Queue { get; } = new();

        public List<string> Lines => [.. Queue];

        public ILogger CreateLogger(string categoryName) => new Logger(Queue);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                string properties = state is IEnumerable<KeyValuePair<string, object?>> pairs
                    ? string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}"))
                    : string.Empty;
                lines.Enqueue($"{formatter(state, exception)} | {properties}");
            }
        }
    }
}

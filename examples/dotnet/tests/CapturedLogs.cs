using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OrdersApi.Tests;

/// <summary>
/// A log provider that keeps everything a real provider would get: the formatted message and
/// every tag (name and value) of the state, after the logging pipeline's redaction.
/// </summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<LogRecord> _records = new();

    public IReadOnlyCollection<LogRecord> Records => _records;

    public string AllText => string.Join('\n', _records.Select(r => r.ToString()));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>
    /// The records that match, once there is one: a record logged from an
    /// <c>ApplicationStarted</c> callback can come just after the test host has handed out its
    /// client (the host's own started-callback may run first), so it is waited for.
    /// </summary>
    public async Task<LogRecord[]> WaitForAsync(Func<LogRecord, bool> match, TimeSpan timeout)
    {
        using CancellationTokenSource guard = new(timeout);
        while (!_records.Any(match) && !guard.IsCancellationRequested)
        {
            await Task.Delay(20, CancellationToken.None);
        }

        return [.. _records.Where(match)];
    }

    public void Dispose()
    {
    }

    internal sealed record LogRecord(string Category, EventId EventId, string Message, IReadOnlyList<KeyValuePair<string, string?>> Tags)
    {
        public override string ToString() =>
            $"{Category}[{EventId.Id}] {Message} {string.Join(' ', Tags.Select(t => $"{t.Key}={t.Value}"))}";
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var tags = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.Select(p => new KeyValuePair<string, string?>(p.Key, Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture))).ToList()
                : [];
            owner._records.Enqueue(new LogRecord(category, eventId, formatter(state, exception) + exception, tags));
        }
    }
}

// Captures every log event at every level, message, state values and exception text alike, to search for leaked secrets.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Logging;

namespace RestoreSdk.Tests.Infrastructure;

internal sealed record CapturedLog(string Category, LogLevel Level, string EventName, string Text, int EventId = 0);

internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _logs = new ConcurrentQueue<CapturedLog>();

    public IReadOnlyList<CapturedLog> Logs => _logs.ToList();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _logs);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger : ILogger
    {
        private readonly string _category;
        private readonly ConcurrentQueue<CapturedLog> _logs;

        public CapturingLogger(string category, ConcurrentQueue<CapturedLog> logs)
        {
            _category = category;
            _logs = logs;
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull =>
            new Scope(this, state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" | ", pairs.Select(pair => $"{pair.Key}={pair.Value}")) : string.Empty;
            _logs.Enqueue(new CapturedLog(_category, logLevel, eventId.Name ?? string.Empty, $"{formatter(state, exception)} || {values} || {exception}", eventId.Id));
        }

        private sealed class Scope : IDisposable
        {
            public Scope(CapturingLogger logger, object state) =>
                logger._logs.Enqueue(new CapturedLog(logger._category, LogLevel.None, "scope", state.ToString() ?? string.Empty));

            public void Dispose()
            {
            }
        }
    }
}

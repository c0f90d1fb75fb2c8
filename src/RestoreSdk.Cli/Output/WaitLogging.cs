// An ILoggerFactory for the SDK client that shows its waits (rate limits, retries) on standard error and drops everything else.
using System;
using Microsoft.Extensions.Logging;

namespace RestoreSdk.Cli.Output;

internal sealed class WaitLoggerFactory : ILoggerFactory
{
    private readonly Action<string> _note;

    public WaitLoggerFactory(Action<string> note) => _note = note;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public ILogger CreateLogger(string categoryName) => new WaitLogger(_note);

    public void Dispose()
    {
    }

    private sealed class WaitLogger : ILogger
    {
        private readonly Action<string> _note;

        public WaitLogger(Action<string> note) => _note = note;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel) && IsWait(eventId))
            {
                _note("wait: " + formatter(state, exception));
            }
        }

        // The client's wait events: a retry's backoff (how long) and a rate-limit hold on every restore (why, and until when).
        // Its per-answer warnings are left out: each package's outcome is reported on its own line.
        private static bool IsWait(EventId eventId) => eventId.Name is "Retrying" or "Holding";
    }
}

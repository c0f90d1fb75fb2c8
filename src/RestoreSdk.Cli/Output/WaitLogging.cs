// An ILoggerFactory for the SDK client that turns its waits (rate-limit holds, retry backoffs) into stderr lines saying how long and why.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Extensions.Logging;
using RestoreSdk.Cli.Planning;

namespace RestoreSdk.Cli.Output;

internal sealed class WaitLoggerFactory : ILoggerFactory
{
    private readonly WaitLogger _logger;

    public WaitLoggerFactory(Action<string> note, TimeProvider time) => _logger = new WaitLogger(note, time);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public ILogger CreateLogger(string categoryName) => _logger;

    public void Dispose()
    {
    }

    // Reads the client's events by name and field: Failed and TransportFailed give the reason for the Retrying wait that follows;
    // Holding is a rate limit that holds every restore. The per-answer events alone are not shown: each package gets its own line.
    private sealed class WaitLogger : ILogger
    {
        private readonly Action<string> _note;
        private readonly TimeProvider _time;
        private readonly ConcurrentDictionary<string, string> _lastFailure = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

        public WaitLogger(Action<string> note, TimeProvider time)
        {
            _note = note;
            _time = time;
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var fields = (state as IEnumerable<KeyValuePair<string, object?>>)?.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal)
                ?? new Dictionary<string, object?>(StringComparer.Ordinal);
            var package = Text(fields, "Package");
            switch (eventId.Name)
            {
                case "Failed":
                    _lastFailure[package] = $"it answered {Text(fields, "Status")} on attempt {Text(fields, "Attempt")}";
                    break;
                case "TransportFailed":
                    _lastFailure[package] = $"attempt {Text(fields, "Attempt")} failed: {Text(fields, "Failure")}";
                    break;
                case "Retrying" when fields.TryGetValue("Wait", out var wait) && wait is TimeSpan delay:
                    var reason = _lastFailure.TryRemove(package, out var failure) ? $", because {failure}" : string.Empty;
                    _note($"wait: {Seconds(delay)} before attempt {Text(fields, "Attempt")} of {package}{reason}.");
                    break;
                case "Holding" when fields.TryGetValue("Until", out var until) && until is DateTimeOffset end:
                    var left = end - _time.GetUtcNow();
                    _note($"wait: GitHub's {Text(fields, "Limit")} rate limit is exhausted ({package} answered {Text(fields, "Status")}), "
                        + $"so no restore is sent until {end.ToUniversalTime().ToString("u", CultureInfo.InvariantCulture)} ({PlanDescriptions.Duration(left < TimeSpan.Zero ? TimeSpan.Zero : left)} from now).");
                    break;
            }
        }

        // Waits carry jitter, so tenths of a second show; a minute or more reads better in minutes.
        private static string Seconds(TimeSpan wait) =>
            wait < TimeSpan.FromMinutes(1) ? $"{wait.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s" : PlanDescriptions.Duration(wait);

        private static string Text(Dictionary<string, object?> fields, string name) =>
            fields.TryGetValue(name, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty : string.Empty;
    }
}

// An ILoggerFactory for the SDK client that turns its waits (rate-limit holds, retry backoffs) into stderr lines saying how long and why, and tells the journal when a request goes out.
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

    /// <param name="note">Where the lines go.</param>
    /// <param name="time">The client's clock.</param>
    /// <param name="maxWait">The client's MaxRetryDelay: a rate limit lasting longer stops the batch instead of holding it.</param>
    /// <param name="spacing">The client's MinimumWriteInterval: the next send is at least this far away.</param>
    /// <param name="sending">Called with the attempt number just before each request goes out (the client's Sending event), or null.</param>
    public WaitLoggerFactory(Action<string> note, TimeProvider time, TimeSpan maxWait, TimeSpan spacing, Action<int>? sending = null) =>
        _logger = new WaitLogger(note, time, maxWait, spacing, sending);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public ILogger CreateLogger(string categoryName) => _logger;

    public void Dispose()
    {
    }

    // Reads the client's events by name and field: Failed and TransportFailed give the reason for the Retrying wait that follows;
    // Holding is a rate limit that holds every restore, or stops the batch when it outlasts MaxRetryDelay (the client refuses to wait).
    // The per-answer events alone are not shown: each package gets its own line. Sending (a debug event) goes to the journal, not to stderr.
    private sealed class WaitLogger : ILogger
    {
        private readonly Action<string> _note;
        private readonly Action<int>? _sending;
        private readonly TimeProvider _time;
        private readonly TimeSpan _maxWait;
        private readonly TimeSpan _spacing;
        private readonly ConcurrentDictionary<string, string> _lastFailure = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

        public WaitLogger(Action<string> note, TimeProvider time, TimeSpan maxWait, TimeSpan spacing, Action<int>? sending)
        {
            _note = note;
            _sending = sending;
            _time = time;
            _maxWait = maxWait;
            _spacing = spacing;
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning || (logLevel == LogLevel.Debug && _sending is not null);

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
                case "Sending" when fields.TryGetValue("Attempt", out var attempt) && attempt is int number:
                    _sending?.Invoke(number);
                    break;
                case "Failed":
                    _lastFailure[package] = $"it answered {Text(fields, "Status")} on attempt {Text(fields, "Attempt")}";
                    break;
                case "TransportFailed":
                    _lastFailure[package] = $"attempt {Text(fields, "Attempt")} failed: {Text(fields, "Failure")}";
                    break;
                case "Retrying" when fields.TryGetValue("Wait", out var wait) && wait is TimeSpan delay:
                    // The failure text may end a sentence already; the line adds its own full stop.
                    var reason = _lastFailure.TryRemove(package, out var failure) ? $", because {failure.TrimEnd().TrimEnd('.')}" : string.Empty;
                    _note($"wait: {Seconds(delay)} before attempt {Text(fields, "Attempt")} of {package}{reason}.");
                    break;
                case "Holding" when fields.TryGetValue("Until", out var until) && until is DateTimeOffset end:
                    var left = end - _time.GetUtcNow();
                    var limit = $"GitHub's {Text(fields, "Limit")} rate limit is exhausted ({package} answered {Text(fields, "Status")})";
                    var at = $"{end.ToUniversalTime().ToString("u", CultureInfo.InvariantCulture)} ({PlanDescriptions.Duration(left < TimeSpan.Zero ? TimeSpan.Zero : left)} from now)";
                    // The next send is at least the spacing away; a hold still longer than MaxRetryDelay then is refused, which ends the batch.
                    _note(left - _spacing > _maxWait
                        ? $"stop: {limit} until {at}, longer than this tool waits ({Seconds(_maxWait)}), so the batch stops: packages not yet sent are not attempted."
                        : $"wait: {limit}, so no restore is sent until {at}.");
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

// The SDK client's log, turned into the cmdlet's events: every line (redacted) for -Debug, and its waits (rate-limit holds, retry backoffs) for Write-Progress.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Extensions.Logging;

namespace RestoreSdk.PowerShell.Engine;

internal sealed class ListenerLoggerFactory : ILoggerFactory, ILogger
{
    private readonly IRestoreListener _listener;
    private readonly Redactor _redactor;

    public ListenerLoggerFactory(IRestoreListener listener, Redactor redactor)
    {
        _listener = listener;
        _redactor = redactor;
    }

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public ILogger CreateLogger(string categoryName) => this;

    public void Dispose()
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        _listener.Log(_redactor.Redact(formatter(state, exception))!);
        var fields = (state as IEnumerable<KeyValuePair<string, object?>>)?.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal)
            ?? new Dictionary<string, object?>(StringComparer.Ordinal);
        var package = _redactor.Redact(Text(fields, "Package"));
        switch (eventId.Name)
        {
            case "Retrying" when fields.TryGetValue("Wait", out var wait) && wait is TimeSpan delay:
                _listener.Waiting($"Waiting before attempt {Text(fields, "Attempt")} of {package}", DateTimeOffset.UtcNow + delay);
                break;
            case "Holding" when fields.TryGetValue("Until", out var until) && until is DateTimeOffset end:
                _listener.Waiting($"GitHub's {Text(fields, "Limit")} rate limit is exhausted ({package} answered {Text(fields, "Status")}): no restore is sent until {end.ToUniversalTime().ToString("u", CultureInfo.InvariantCulture)}", end);
                break;
        }
    }

    private static string Text(Dictionary<string, object?> fields, string name) =>
        fields.TryGetValue(name, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty : string.Empty;
}

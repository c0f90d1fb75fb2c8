// The SDK client's log, turned into the current call's events: every line (redacted) for -Debug, and its waits (rate-limit holds, retry backoffs) for Write-Progress.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.Extensions.Logging;

namespace RestoreSdk.PowerShell.Engine;

/// <summary>
/// One logger for every client of the module: a client outlives the call that created it, so each line goes to the listener of the
/// call whose restore logged it (an async-local set by <see cref="RestoreSession"/>), and nowhere outside a call.
/// </summary>
internal sealed class ListenerLoggerFactory : ILoggerFactory, ILogger
{
    public static readonly ListenerLoggerFactory Instance = new ListenerLoggerFactory();

    private static readonly AsyncLocal<(IRestoreListener Listener, SecretRedactor Redactor)?> Current = new AsyncLocal<(IRestoreListener Listener, SecretRedactor Redactor)?>();

    private ListenerLoggerFactory()
    {
    }

    /// <summary>Routes the log of the restores that run in this async flow to <paramref name="listener"/>, through <paramref name="redactor"/>.</summary>
    public static void RouteTo(IRestoreListener listener, SecretRedactor redactor) => Current.Value = (listener, redactor);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public ILogger CreateLogger(string categoryName) => this;

    public void Dispose()
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug && Current.Value is not null;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (Current.Value is not var (listener, redactor))
        {
            return;
        }

        listener.Log(redactor.Redact(formatter(state, exception))!);
        var fields = (state as IEnumerable<KeyValuePair<string, object?>>)?.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal)
            ?? new Dictionary<string, object?>(StringComparer.Ordinal);
        var package = redactor.Redact(Text(fields, "Package"));
        switch (eventId.Name)
        {
            case "Retrying" when fields.TryGetValue("Wait", out var wait) && wait is TimeSpan delay:
                listener.Waiting($"Waiting before attempt {Text(fields, "Attempt")} of {package}", DateTimeOffset.UtcNow + delay);
                break;
            case "Holding" when fields.TryGetValue("Until", out var until) && until is DateTimeOffset end:
                listener.Waiting($"GitHub's {Text(fields, "Limit")} rate limit is exhausted ({package} answered {Text(fields, "Status")}): no restore is sent until {end.ToUniversalTime().ToString("u", CultureInfo.InvariantCulture)}", end);
                break;
        }
    }

    private static string Text(Dictionary<string, object?> fields, string name) =>
        fields.TryGetValue(name, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty : string.Empty;
}

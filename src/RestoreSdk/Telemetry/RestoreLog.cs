// The client's log events: method, route template, attempt, status, wait and request id, never a token or the query; server text goes through the call's redactor.
using System;
using Microsoft.Extensions.Logging;

namespace RestoreSdk;

internal static class RestoreLog
{
    private static readonly Action<ILogger, string, string, int, Exception?> SendingEvent = LoggerMessage.Define<string, string, int>(
        LogLevel.Debug, new EventId(1, "Sending"), "Sending POST {Route} for {Package}, attempt {Attempt}.");

    private static readonly Action<ILogger, string, string, int, Exception?> RestoredEvent = LoggerMessage.Define<string, string, int>(
        LogLevel.Information, new EventId(2, "Restored"), "POST {Route} for {Package} answered 204 on attempt {Attempt}.");

    private static readonly Action<ILogger, string, string, int, int, string?, Exception?> FailedEvent = LoggerMessage.Define<string, string, int, int, string?>(
        LogLevel.Warning, new EventId(3, "Failed"), "POST {Route} for {Package} answered {Status} on attempt {Attempt} (request id {RequestId}).");

    private static readonly Action<ILogger, string, string, int, string, Exception?> TransportFailedEvent = LoggerMessage.Define<string, string, int, string>(
        LogLevel.Warning, new EventId(4, "TransportFailed"), "POST {Route} for {Package} failed on attempt {Attempt}: {Failure}.");

    private static readonly Action<ILogger, string, string, TimeSpan, int, Exception?> RetryingEvent = LoggerMessage.Define<string, string, TimeSpan, int>(
        LogLevel.Warning, new EventId(5, "Retrying"), "POST {Route} for {Package}: waiting {Wait} before attempt {Attempt}.");

    private static readonly Action<ILogger, string, string, int, string, DateTimeOffset, Exception?> HoldingEvent = LoggerMessage.Define<string, string, int, string, DateTimeOffset>(
        LogLevel.Warning, new EventId(6, "Holding"), "POST {Route} for {Package} answered {Status} with GitHub's {Limit} rate limit exhausted: this client sends no restore until {Until:u}.");

    private static readonly Action<ILogger, int, int, int, int, string, Exception?> BulkFinishedEvent = LoggerMessage.Define<int, int, int, int, string>(
        LogLevel.Information, new EventId(7, "BulkFinished"), "Bulk restore of {Count} packages: {Restored} restored, {Failed} failed, {NotAttempted} not attempted; stopped early: {StopReason}.");

    private static readonly Action<ILogger, string, string, DateTimeOffset, string, int, string, Exception?> WaitingForWriteBudgetEvent = LoggerMessage.Define<string, string, DateTimeOffset, string, int, string>(
        LogLevel.Warning, new EventId(8, "WaitingForWriteBudget"), "POST {Route} for {Package} waits until {Until:u}: the client's {Budget} budget ({Limit} per {Window}) is spent (GitHub's secondary rate limit).");

    private static readonly Action<ILogger, string, string, DateTimeOffset, string, Exception?> QueuedBehindWriteBudgetEvent = LoggerMessage.Define<string, string, DateTimeOffset, string>(
        LogLevel.Warning, new EventId(9, "QueuedBehindWriteBudget"), "POST {Route} for {Package} queues behind a restore of this client that waits until {Until:u} for the client's {Budget} budget; it is sent after that one.");

    // The success path's two events build their package label only when their level is on.
    public static void Sending(ILogger logger, RestoreRequest request, int attempt)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            SendingEvent(logger, request.Route, request.PackageLabel, attempt, null);
        }
    }

    public static void Restored(ILogger logger, RestoreRequest request, int attempt)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            RestoredEvent(logger, request.Route, request.PackageLabel, attempt, null);
        }
    }

    public static void Failed(ILogger logger, RestoreRequest request, int attempt, ServiceResponseException answer) =>
        FailedEvent(logger, request.Route, request.PackageLabel, answer.StatusCode, attempt, request.Secrets.Show(answer.Header("X-GitHub-Request-Id")), null);

    // The exception's type and message only (AttemptGuard has already replaced any message that could quote the server), never the exception object.
    public static void TransportFailed(ILogger logger, RestoreRequest request, int attempt, Exception failure) =>
        TransportFailedEvent(logger, request.Route, request.PackageLabel, attempt, request.Secrets.Show($"{failure.GetType().Name}: {failure.Message}")!, null);

    public static void Retrying(ILogger logger, RestoreRequest request, TimeSpan wait, int nextAttempt) =>
        RetryingEvent(logger, request.Route, request.PackageLabel, wait, nextAttempt, null);

    public static void Holding(ILogger logger, RestoreRequest request, int status, string limit, DateTimeOffset until) =>
        HoldingEvent(logger, request.Route, request.PackageLabel, status, limit, until, null);

    public static void WaitingForWriteBudget(ILogger logger, RestoreRequest request, BudgetWait spent) =>
        WaitingForWriteBudgetEvent(
            logger,
            request.Route,
            request.PackageLabel,
            spent.Until,
            spent.Reason.ToString(),
            spent.Limit,
            spent.Reason == RestoreWaitReason.WritesPerHour ? "hour" : "minute",
            null);

    public static void QueuedBehindWriteBudget(ILogger logger, RestoreRequest request, BudgetWait spent) =>
        QueuedBehindWriteBudgetEvent(logger, request.Route, request.PackageLabel, spent.Until, spent.Reason.ToString(), null);

    public static void BulkFinished(ILogger logger, BulkRestoreResult result) =>
        BulkFinishedEvent(logger, result.Outcomes.Count, result.RestoredCount, result.FailedCount, result.NotAttemptedCount, result.StopReason.ToString(), null);
}

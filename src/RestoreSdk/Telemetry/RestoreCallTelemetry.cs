// One public restore call's activity and duration measurement; only created when a listener wants either, so the quiet path costs nothing.
using System;
using System.Diagnostics;
using System.Threading;

namespace RestoreSdk;

internal sealed class RestoreCallTelemetry
{
    private readonly RestoreRequest _request;
    private readonly Activity? _activity;
    private readonly TimeProvider _time;
    private readonly long _startTimestamp;

    private RestoreCallTelemetry(RestoreRequest request, Activity? activity, TimeProvider time)
    {
        _request = request;
        _activity = activity;
        _time = time;
        _startTimestamp = time.GetTimestamp();
    }

    /// <summary>Starts the call's activity (a child of the current one) and clock, or returns null when nobody listens.</summary>
    public static RestoreCallTelemetry? Start(RestoreRequest request, TimeProvider time)
    {
        var activity = RestoreTelemetry.Source.StartActivity(request.Org is null ? RestoreTelemetry.UserOperation : RestoreTelemetry.OrgOperation, ActivityKind.Client);
        // Stryker disable once Block : an instance with neither an activity nor an enabled duration records nothing either; null only spares its allocation.
        if (activity is null && !RestoreTelemetry.OperationDuration.Enabled)
        {
            return null;
        }

        if (activity is { IsAllDataRequested: true })
        {
            // Names are not secret and help find the package in a trace; they stay off the metrics, where they would explode cardinality.
            activity.SetTag(RestoreTelemetry.UrlTemplate, request.Route);
            activity.SetTag(RestoreTelemetry.HttpMethod, "POST");
            activity.SetTag(RestoreTelemetry.ServerAddress, request.Instance.ServerAddress);
            activity.SetTag(RestoreTelemetry.ServerPort, request.Instance.ServerPort);
            activity.SetTag(RestoreTelemetry.PackageType, request.Registry.WireName);
            activity.SetTag(RestoreTelemetry.PackageName, request.PackageName);
            activity.SetTag(RestoreTelemetry.Organization, request.Org);
        }

        return new RestoreCallTelemetry(request, activity, time);
    }

    public void Succeeded(int attempts) => Stop(attempts, failure: null, answered: true, "success");

    // failure: the exception the caller receives; answered: whether it maps GitHub's final answer, rather than a refusal
    // at the gate (a RateLimitExceededException that carries an earlier answer's status) or a transport failure.
    public void Failed(int attempts, Exception failure, bool answered, CancellationToken cancellationToken) =>
        Stop(attempts, failure, answered, OutcomeOf(failure, cancellationToken.IsCancellationRequested));

    // The final answer's status code and request id are already on the activity: RestoreTelemetry.Answered notes every answer's.
    private void Stop(int attempts, Exception? failure, bool answered, string outcome)
    {
        var errorType = failure is null ? null : RestoreTelemetry.ErrorTypeOf(failure, answered);
        if (RestoreTelemetry.OperationDuration.Enabled)
        {
            var tags = RestoreTelemetry.Common(_request);
            tags.Add(RestoreTelemetry.Outcome, outcome);
            if (errorType is not null)
            {
                tags.Add(RestoreTelemetry.ErrorType, errorType);
            }

            RestoreTelemetry.OperationDuration.Record(_time.GetElapsedTime(_startTimestamp).TotalSeconds, tags);
        }

        if (_activity is null)
        {
            return;
        }

        if (_activity.IsAllDataRequested)
        {
            _activity.SetTag(RestoreTelemetry.Outcome, outcome);
            if (attempts > 1)
            {
                _activity.SetTag(RestoreTelemetry.ResendCount, attempts - 1);
            }

            if (!answered)
            {
                // The call ended without a final answer, so an earlier attempt's status is not the final one.
                _activity.SetTag(RestoreTelemetry.StatusCode, null);
                _activity.SetTag(RestoreTelemetry.RequestId, null);
            }

            _activity.SetTag(RestoreTelemetry.ErrorType, errorType);
        }

        if (failure is not null)
        {
            // The status code or exception type alone: messages quote what a server sent, which is not ours to vouch for.
            _activity.SetStatus(ActivityStatusCode.Error, errorType);
        }

        _activity.Stop();
    }

    private static string OutcomeOf(Exception failure, bool callerCancelled) => failure switch
    {
        RateLimitExceededException => "rate_limited",
        GitHubApiException => "github_error",
        OperationCanceledException when callerCancelled => "cancelled",
        _ when RetryRules.IsTransportFailure(failure, callerCancelled) => "transport_error",
        _ => "error",
    };
}

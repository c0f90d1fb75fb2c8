// The client's tracing and metrics: an ActivitySource and a Meter named RestoreSdk, fed only when someone listens, never with a secret or the query.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Net.Http;
using System.Text.RegularExpressions;

namespace RestoreSdk;

internal static class RestoreTelemetry
{
    public const string Name = "RestoreSdk";

    public const string UserOperation = "PackagesClient.RestorePackageForAuthenticatedUser";
    public const string OrgOperation = "PackagesClient.RestorePackageForOrg";
    public const string BatchOperation = "PackagesClient.RestorePackages";

    // OpenTelemetry semantic-convention attributes, and this library's own under restoresdk.*.
    public const string UrlTemplate = "url.template";
    public const string ServerAddress = "server.address";
    public const string ServerPort = "server.port";
    public const string HttpMethod = "http.request.method";
    public const string StatusCode = "http.response.status_code";
    public const string ResendCount = "http.request.resend_count";
    public const string ErrorType = "error.type";
    public const string PackageType = "restoresdk.package.type";
    public const string PackageName = "restoresdk.package.name";
    public const string Organization = "restoresdk.organization";
    public const string RequestId = "restoresdk.github.request_id";
    public const string Outcome = "restoresdk.outcome";
    public const string RetryReason = "restoresdk.retry.reason";
    public const string RetryDelay = "restoresdk.retry.delay";
    public const string RateLimitKind = "restoresdk.rate_limit.kind";
    public const string RetryEvent = "restoresdk.retry";
    public const string RateLimitWaitEvent = "restoresdk.rate_limit.wait";
    public const string BatchSize = "restoresdk.batch.size";
    public const string BatchRestored = "restoresdk.batch.restored";
    public const string BatchFailed = "restoresdk.batch.failed";
    public const string BatchNotAttempted = "restoresdk.batch.not_attempted";
    public const string BatchStopReason = "restoresdk.batch.stop_reason";

    private static readonly string? Version = typeof(RestoreTelemetry).Assembly.GetName().Version?.ToString(3);

    // From a fast 204 to a call that waited out rate limits for minutes, or up to an hour for the hourly write budget.
    private static readonly double[] SecondsBuckets = { 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600 };

    public static readonly ActivitySource Source = new ActivitySource(Name, Version);

    private static readonly Meter Meter = new Meter(Name, Version);

    public static readonly Histogram<double> OperationDuration = Meter.CreateHistogram(
        "restoresdk.client.operation.duration",
        "s",
        "Duration of a public restore call, from the first attempt to the final answer, retries and waits included.",
        tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    public static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "restoresdk.client.retries",
        "{retry}",
        "Attempts the client repeated after a rate limit, a 502/503/504 or a transport failure.");

    public static readonly Histogram<double> RateLimitWaitDuration = Meter.CreateHistogram(
        "restoresdk.client.rate_limit.wait.duration",
        "s",
        "How long the client waited for a GitHub rate limit before trying again, or before sending within its own write budget (restoresdk.rate_limit.kind writes_per_hour or writes_per_minute).",
        tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    /// <summary>Notes an answer's status and request id, the call's secrets masked, on the call's activity; each attempt overwrites the previous one's.</summary>
    public static void Answered(HttpResponseMessage response, SecretRedactor secrets)
    {
        if (Source.HasListeners() && Activity.Current is { Source: var source, IsAllDataRequested: true } activity && source == Source)
        {
            activity.SetTag(StatusCode, (int)response.StatusCode);
            activity.SetTag(RequestId, RequestIdOf(secrets.Show(response.Headers.TryGetValues("X-GitHub-Request-Id", out var ids) ? ids.FirstOrDefault() : null)));
        }
    }

    /// <summary>Counts a retry, records a rate-limit wait, and adds a retry event to the call's activity.</summary>
    public static void Retrying(RestoreRequest request, Exception failure, TimeSpan delay, int resendCount)
    {
        var reason = ReasonOf(failure, out var rateLimit);
        var error = ErrorTypeOf(failure);
        if (Retries.Enabled)
        {
            var tags = Common(request);
            tags.Add(RetryReason, reason);
            tags.Add(ErrorType, error);
            Retries.Add(1, tags);
        }

        if (rateLimit is not null && RateLimitWaitDuration.Enabled)
        {
            var tags = Common(request);
            tags.Add(RateLimitKind, rateLimit);
            RateLimitWaitDuration.Record(delay.TotalSeconds, tags);
        }

        if (Source.HasListeners() && Activity.Current is { Source: var source, IsAllDataRequested: true } activity && source == Source)
        {
            activity.AddEvent(new ActivityEvent(RetryEvent, tags: new ActivityTagsCollection
            {
                { ResendCount, resendCount },
                { RetryReason, reason },
                { RetryDelay, delay.TotalSeconds },
                { ErrorType, error },
            }));
        }
    }

    /// <summary>Records a wait at the client's gate, which another call's rate-limited answer closed, and notes it on this call's activity.</summary>
    public static void HeldByRateLimit(RestoreRequest request, TimeSpan wait, bool secondary) =>
        HeldAtGate(request, wait, secondary ? "secondary" : "primary");

    /// <summary>Records a wait for the client's own write budget (kind <c>writes_per_hour</c> or <c>writes_per_minute</c>) and notes it on this call's activity.</summary>
    public static void HeldByWriteBudget(RestoreRequest request, TimeSpan wait, RestoreWaitReason reason) =>
        HeldAtGate(request, wait, reason == RestoreWaitReason.WritesPerHour ? "writes_per_hour" : "writes_per_minute");

    // Both waits at the gate: one measurement of the rate-limit wait metric and one activity event, tagged with the kind of limit.
    private static void HeldAtGate(RestoreRequest request, TimeSpan wait, string kind)
    {
        if (RateLimitWaitDuration.Enabled)
        {
            var tags = Common(request);
            tags.Add(RateLimitKind, kind);
            RateLimitWaitDuration.Record(wait.TotalSeconds, tags);
        }

        if (Source.HasListeners() && Activity.Current is { Source: var source, IsAllDataRequested: true } activity && source == Source)
        {
            activity.AddEvent(new ActivityEvent(RateLimitWaitEvent, tags: new ActivityTagsCollection
            {
                { RateLimitKind, kind },
                { RetryDelay, wait.TotalSeconds },
            }));
        }
    }

    /// <summary>Starts the activity of a bulk restore, the parent of its packages' activities, or returns null when nobody listens.</summary>
    public static Activity? StartBatch(int size, GitHubInstance instance)
    {
        var activity = Source.StartActivity(BatchOperation, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(ServerAddress, instance.ServerAddress);
            activity.SetTag(ServerPort, instance.ServerPort);
            activity.SetTag(BatchSize, size);
        }

        return activity;
    }

    /// <summary>Tags the batch's activity with its counts, marks it Error when any package was not restored, and stops it.</summary>
    public static void StopBatch(Activity activity, BulkRestoreResult? result)
    {
        if (result is null)
        {
            activity.SetStatus(ActivityStatusCode.Error, "interrupted");
        }
        else
        {
            if (activity.IsAllDataRequested)
            {
                activity.SetTag(BatchRestored, result.RestoredCount);
                activity.SetTag(BatchFailed, result.FailedCount);
                activity.SetTag(BatchNotAttempted, result.NotAttemptedCount);
                activity.SetTag(BatchStopReason, result.StopReason == BulkRestoreStopReason.None ? null : result.StopReason.ToString());
            }

            if (result.FailedCount + result.NotAttemptedCount > 0)
            {
                activity.SetStatus(ActivityStatusCode.Error, $"{result.FailedCount + result.NotAttemptedCount} of {result.Outcomes.Count} not restored");
            }
        }

        activity.Stop();
    }

    /// <summary>
    /// The request id if it has GitHub's shape (hex groups joined by colons, such as <c>C0DE:1234:5B6A7:8F9E0:65A1B2C3</c>), else null:
    /// a header a proxy or server filled with anything else, even an echoed token, never becomes a tag.
    /// </summary>
    public static string? RequestIdOf(string? header) =>
        header is { Length: <= 64 } && IsGitHubRequestId(header) ? header : null;

    // Hex groups joined by colons, at least two (such as 0400:3A4B:1C2D:5E6F), checked by hand: a Regex would be built on every process's first answer.
    private static bool IsGitHubRequestId(string value)
    {
        var separators = 0;
        var groupLength = 0;
        foreach (var c in value)
        {
            if (c == ':')
            {
                if (groupLength == 0)
                {
                    return false;
                }

                separators++;
                groupLength = 0;
            }
            else if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))
            {
                groupLength++;
            }
            else
            {
                return false;
            }
        }

        return separators > 0 && groupLength > 0;
    }

    /// <summary>The low-cardinality tags every measurement carries: route template, package type and server.</summary>
    public static TagList Common(RestoreRequest request) => new TagList
    {
        { UrlTemplate, request.Route },
        { PackageType, request.Registry.WireName },
        { ServerAddress, request.Instance.ServerAddress },
        { ServerPort, request.Instance.ServerPort },
    };

    /// <summary>The semantic conventions' error.type: the status code of a GitHub answer, otherwise the exception's type.</summary>
    public static string ErrorTypeOf(Exception failure, bool answered = true) => failure switch
    {
        GitHubApiException answer when answered => answer.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ServiceResponseException answer => answer.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => failure.GetType().FullName!,
    };

    private static string ReasonOf(Exception failure, out string? rateLimit)
    {
        rateLimit = null;
        if (failure is not ServiceResponseException answer)
        {
            return "transport_error";
        }

        switch (RetryRules.KindOf(answer))
        {
            case RestoreSdk.RateLimitKind.Primary:
                rateLimit = "primary";
                return "primary_rate_limit";
            case RestoreSdk.RateLimitKind.Secondary:
                rateLimit = "secondary";
                return "secondary_rate_limit";
            default:
                return "server_error";
        }
    }
}

// What became of one package, in the terms the cmdlet reports: outcome, GitHub's status and request id, a message, and the failure.
using System;

namespace RestoreSdk.PowerShell.Engine;

/// <summary>How a package ended.</summary>
internal enum ReportOutcome
{
    /// <summary>GitHub answered 204: restored.</summary>
    Restored,

    /// <summary>Sent (or refused by the client) and failed; see the error.</summary>
    Failed,

    /// <summary>Not sent: the batch stopped first (401, a rate limit outlasting the client's wait, or Ctrl+C).</summary>
    NotAttempted,
}

/// <summary>Why a package failed, for the cmdlet's error category.</summary>
internal enum FailureKind
{
    None,
    Unauthorized,
    NotFound,
    Forbidden,
    Invalid,
    RateLimited,
    ServerError,
    Transport,
    Interrupted,
    Other,
}

/// <summary>One package's outcome; every text in it has the run's secrets replaced by ***.</summary>
internal sealed class PackageReport
{
    public PackageReport(PackageRequest request, ReportOutcome outcome, int? statusCode, string? requestId, string? message, FailureKind failure, Exception? error, bool wasSent)
    {
        Request = request;
        Outcome = outcome;
        StatusCode = statusCode;
        RequestId = requestId;
        Message = message;
        Failure = failure;
        Error = error;
        WasSent = wasSent;
    }

    public PackageRequest Request { get; }

    public ReportOutcome Outcome { get; }

    /// <summary>GitHub's HTTP status, when it answered.</summary>
    public int? StatusCode { get; }

    /// <summary>GitHub's X-GitHub-Request-Id, when it answered.</summary>
    public string? RequestId { get; }

    public string? Message { get; }

    public FailureKind Failure { get; }

    /// <summary>The SDK's exception for a failure (a GitHubApiException carries status, scopes and hint); its texts are the SDK's, which never hold the token.</summary>
    public Exception? Error { get; }

    /// <summary>Whether the request left the machine (for an interrupted run's summary).</summary>
    public bool WasSent { get; }
}

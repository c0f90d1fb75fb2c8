// Turns the SDK's per-package outcomes into reports: GitHub's status and request id, and a message (the SDK's, which names a missing scope's fix).
using System;
using System.Globalization;
using System.Net.Http;
using RestoreSdk.Cli.Input;
using RestoreSdk.Cli.Output;
using RestoreSdk.Cli.Planning;

namespace RestoreSdk.Cli.Running;

internal sealed class OutcomeDescriber
{
    private readonly GitHubTarget _target;
    private readonly Redactor _redactor;

    public OutcomeDescriber(GitHubTarget target, Redactor redactor)
    {
        _target = target;
        _redactor = redactor;
    }

    public GitHubTarget Target => _target;

    public PackageReport Describe(PlannedPackage planned, PackageRestoreOutcome outcome, BulkRestoreStopReason stopReason, DateTimeOffset? retryAt)
    {
        var requested = planned.Requested;
        switch (outcome.Status)
        {
            case PackageRestoreStatus.Restored:
                var attempts = outcome.Result?.Attempts ?? 1;
                return Report(planned, Outcomes.Restored, outcome.Result?.StatusCode ?? 204, outcome.Result?.RequestId, attempts > 1 ? $"restored after {attempts} attempts" : null, sent: true);
            case PackageRestoreStatus.Failed:
                return Failure(planned, outcome);
            default:
                return Report(planned, Outcomes.NotAttempted, null, null, NotAttemptedReason(stopReason, retryAt), outcome.WasSent);
        }
    }

    public PackageReport Skipped(PlannedPackage planned, string journal) =>
        Report(planned, Outcomes.Skipped, null, null, $"already restored according to the journal {journal}", sent: false);

    public PackageReport Planned(PlannedPackage planned, string requirement) =>
        Report(planned, Outcomes.NotAttempted, null, null, $"dry run: not sent; restoring it requires {requirement}", sent: false);

    private PackageReport Failure(PlannedPackage planned, PackageRestoreOutcome outcome)
    {
        switch (outcome.Error)
        {
            case GitHubApiException { StatusCode: 404 } notFound when outcome.WasSent && planned.EarlierSend is { } earlier:
                return Report(planned, Outcomes.Failed, 404, notFound.RequestId, ProbablyRestoredMessage(notFound, earlier), sent: true);
            case GitHubApiException api when outcome.WasSent:
                return Report(planned, Outcomes.Failed, api.StatusCode, api.RequestId, ApiFailureMessage(api), sent: true);
            case GitHubApiException held:
                // The client refused to send it, for example while a rate limit outlasts MaxRetryDelay.
                return Report(planned, Outcomes.Failed, null, null, $"not sent: {held.Message}", sent: false);
            case HttpRequestException transport:
                return Report(planned, Outcomes.Failed, null, null, $"could not reach {_target.BaseAddress} after the retries: {transport.Message}", outcome.WasSent);
            case OperationCanceledException when !outcome.WasSent:
                // Nothing reached GitHub, so it is reported like the packages after it.
                return Report(planned, Outcomes.NotAttempted, null, null, NotAttemptedReason(BulkRestoreStopReason.Cancelled, null), sent: false);
            case OperationCanceledException:
                return Report(planned, Outcomes.Failed, null, null, "interrupted while it was being sent: GitHub may or may not have restored it (rerun to be sure; restoring twice does no harm)", sent: true);
            default:
                return Report(planned, Outcomes.Failed, null, null, outcome.Error?.Message ?? "failed", outcome.WasSent);
        }
    }

    private string ApiFailureMessage(GitHubApiException error)
    {
        var message = error.Message;
        if (error.StatusCode == 401 && _target.Simulator is null && _target.Token is { } token)
        {
            const string precedence = "(GH_TOKEN is used when both it and GITHUB_TOKEN are set)";
            return Credentials.KindGitHubPackagesRejects(token) is { } kind
                ? $"{message} The token came from {token.Variable}, and it is {kind}, a kind GitHub Packages does not accept: set {token.Variable} to a personal access token (classic) with the scopes named above instead {precedence}."
                : $"{message} The token came from {token.Variable} {precedence}.";
        }

        return message;
    }

    // A restored package is no longer deleted, so restoring it again finds nothing: the 404 most likely confirms the earlier request.
    private static string ProbablyRestoredMessage(GitHubApiException notFound, UnansweredSend earlier) =>
        $"probably restored by the interrupted run: its request for this package went out at "
        + $"{earlier.SentAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC and got no recorded answer, "
        + "and GitHub answers 404 to a restore of a package that is no longer deleted. Check that it is back on GitHub; "
        + $"only if it is not does the 404 mean what it says: {notFound.Message}";

    private static string NotAttemptedReason(BulkRestoreStopReason stopReason, DateTimeOffset? retryAt) => stopReason switch
    {
        BulkRestoreStopReason.Unauthorized => "not sent: GitHub rejected the credentials (401) for an earlier package, so the batch stopped",
        BulkRestoreStopReason.RateLimited => retryAt is { } at
            ? $"not sent: GitHub rate-limited the batch until {at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC; run again then (with --journal to skip what was restored)"
            : "not sent: GitHub rate-limited the batch for longer than the client waits; run again later (with --journal to skip what was restored)",
        BulkRestoreStopReason.Cancelled => "not sent: interrupted",
        _ => "not sent",
    };

    private PackageReport Report(PlannedPackage planned, string outcome, int? status, string? requestId, string? message, bool sent) =>
        new PackageReport(planned.Requested.Org, planned.Requested.Type, planned.Requested.Name, outcome, status, _redactor.Redact(requestId), _redactor.Redact(message), sent);
}

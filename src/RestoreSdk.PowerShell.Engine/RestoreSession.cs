// Restores a validated batch through the module's SDK client for its target (so spacing, write budgets and rate-limit holds span the pipeline and later calls), or the simulator.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using RestoreSdk.Testing;

namespace RestoreSdk.PowerShell.Engine;

/// <summary>Where a batch goes and as whom; create with <see cref="ForGitHub"/> or <see cref="ForSimulator"/>.</summary>
internal sealed class RestoreSession
{
    /// <summary>GitHub.com's REST API root, the default of -BaseUrl.</summary>
    public const string DefaultBaseUrl = "https://api.github.com/";

    private readonly PackagesClientOptions _options;
    private readonly HttpMessageHandler? _handler;
    private readonly SecretRedactor _redactor;
    private readonly string _tokenSource;

    private RestoreSession(PackagesClientOptions options, HttpMessageHandler? handler, string tokenSource, string? packageToken)
    {
        _options = options;
        _options.LoggerFactory = ListenerLoggerFactory.Instance;
        _handler = handler;
        _tokenSource = tokenSource;
        _redactor = new SecretRedactor(options.Token, packageToken);
    }

    /// <summary>
    /// Checks -BaseUrl with the SDK's rules before anything is sent (absolute http(s), no query or user info; plain http to another
    /// host only with -AllowPlainHttp). Throws <see cref="ArgumentException"/> with the SDK's reason.
    /// </summary>
    public static Uri CheckBaseUrl(string baseUrl, bool allowPlainHttp)
    {
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri))
        {
            throw new ArgumentException($"-BaseUrl '{PrintableText.Escape(baseUrl)}' is not an absolute URL such as https://api.github.com/ or https://HOST/api/v3.");
        }

        // A stand-in token, so the SDK applies its rules for a request that carries one.
        var options = new PackagesClientOptions { BaseAddress = uri, Token = "stand-in", AllowTokenOverPlainHttp = allowPlainHttp };
        Translate(() => new PackagesClient(new HttpClient(), options));
        return uri;
    }

    /// <summary>Whether <paramref name="baseAddress"/> is GitHub Enterprise Server (the SDK's rule: it ends in /api/v3); null means the simulator.</summary>
    public static bool IsEnterpriseServer(Uri? baseAddress) =>
        baseAddress is not null && baseAddress.AbsolutePath.TrimEnd('/').EndsWith("/api/v3", StringComparison.OrdinalIgnoreCase);

    /// <summary>What restoring <paramref name="request"/> requires on the target (token scopes, admin rights): the SDK's requirements.</summary>
    public static string Requirement(PackageRequest request, Uri? baseAddress) =>
        request.Requirement(IsEnterpriseServer(baseAddress) ? GitHubProduct.EnterpriseServer : GitHubProduct.GitHubCom);

    /// <summary>
    /// A session on a real GitHub (or a server at <paramref name="baseAddress"/>) with the given token. Its batches go through the
    /// module's one client for this base URL, token, -AllowPlainHttp and -WritesPerHour (see <see cref="SessionClients"/>), so the
    /// client's one-second spacing, its 80-a-minute and <paramref name="writesPerHour"/> budgets and GitHub's rate-limit holds span calls.
    /// </summary>
    /// <param name="baseAddress">The REST API root, checked by <see cref="CheckBaseUrl"/>.</param>
    /// <param name="allowPlainHttp">-AllowPlainHttp.</param>
    /// <param name="token">The token sent as the bearer credential.</param>
    /// <param name="tokenSource">Where the token came from, for the 401 message: "-Token", "GH_TOKEN" or "GITHUB_TOKEN". Never the token.</param>
    /// <param name="packageToken">-PackageToken, masked in every text like the token.</param>
    /// <param name="writesPerHour">-WritesPerHour: the client's hourly budget, 0 for none.</param>
    public static RestoreSession ForGitHub(Uri baseAddress, bool allowPlainHttp, string token, string tokenSource, string? packageToken, int writesPerHour)
    {
        var options = new PackagesClientOptions { BaseAddress = baseAddress, Token = token, AllowTokenOverPlainHttp = allowPlainHttp, WritesPerHour = writesPerHour };
        return new RestoreSession(options, null, tokenSource, packageToken);
    }

    /// <summary>
    /// A session on a fresh in-process simulator (as the tool's --simulate): each package deleted yesterday, owned by the simulator's
    /// demo user or by organizations it administers, restorable with the demo token. Nothing leaves the machine. The simulator and its
    /// client are the call's own (each call's packages are deleted afresh), so its pacing spans one pipeline, not later calls.
    /// </summary>
    public static RestoreSession ForSimulator(IReadOnlyList<PackageRequest> packages, string? packageToken, int writesPerHour)
    {
        var simulator = new GitHubSimulator(TimeProvider.System)
            .AddUser(GitHubSimulator.DemoUser)
            .AddClassicToken(GitHubSimulator.DemoToken, GitHubSimulator.DemoUser, "read:packages", "write:packages", "repo");
        foreach (var org in packages.Select(package => package.Org).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase))
        {
            simulator.AddOrganization(org, GitHubSimulator.DemoUser);
        }

        var yesterday = DateTimeOffset.UtcNow.AddDays(-1);
        foreach (var package in packages)
        {
            simulator.AddDeletedPackage(package.Org ?? GitHubSimulator.DemoUser, package.Type, package.Name, yesterday);
            if (package.Org is not null)
            {
                simulator.AddPackageAdmin(package.Org, package.Type, package.Name, GitHubSimulator.DemoUser);
            }
        }

        var options = new PackagesClientOptions { BaseAddress = simulator.BaseAddress, Token = GitHubSimulator.DemoToken, WritesPerHour = writesPerHour };
        return new RestoreSession(options, simulator, "the simulator's demo token", packageToken);
    }

    /// <summary>Where the requests go, for messages: the base URL, or the simulator.</summary>
    public string Target => _handler is GitHubSimulator ? "the in-process GitHub simulator (nothing leaves this machine)" : _options.BaseAddress.ToString();

    /// <summary>Replaces the session's secrets (token, package token, and their URL-escaped forms) in <paramref name="text"/> with ***.</summary>
    public string? Redact(string? text) => _redactor.Redact(text);

    /// <summary>
    /// Restores <paramref name="packages"/> (distinct, in order) one at a time through one client, reporting each as it ends;
    /// stops at a 401, at a rate limit longer than the client waits, or at <paramref name="cancellationToken"/> (nothing further is sent).
    /// </summary>
    public async Task<BatchResult> RunAsync(IReadOnlyList<PackageRequest> packages, IRestoreListener listener, CancellationToken cancellationToken)
    {
        ListenerLoggerFactory.RouteTo(listener, _redactor);
        var client = _handler is null
            ? SessionClients.For(_options, () => Translate(() => new PackagesClient(_options)))
            : Translate(() => new PackagesClient(new HttpClient(_handler, disposeHandler: false), _options));
        var positions = new Dictionary<PackageToRestore, int>(ReferenceComparer.Instance);
        for (var index = 0; index < packages.Count; index++)
        {
            positions.Add(packages[index].Package, index);
        }

        var reports = new PackageReport?[packages.Count];
        var progress = new ImmediateProgress(outcome =>
        {
            if (outcome.Status == PackageRestoreStatus.NotAttempted)
            {
                return;
            }

            var index = positions[outcome.Package];
            reports[index] = Describe(packages[index], outcome, BulkRestoreStopReason.None, null);
            listener.Completed(reports[index]!);
            if (index + 1 < packages.Count && !cancellationToken.IsCancellationRequested)
            {
                listener.Sending(index + 1, packages[index + 1]);
            }
        },
        wait =>
        {
            var window = wait.Reason == RestoreWaitReason.WritesPerHour ? "hour" : "minute";
            listener.Waiting($"{wait.Limit} restores were sent within the last {window}, the client's budget under GitHub's secondary rate limit: {packages[positions[wait.Package]].Label} waits until {Utc(wait.Until)} UTC", wait.Until);
        });

        if (packages.Count > 0)
        {
            listener.Sending(0, packages[0]);
        }

        var bulk = await client.RestorePackagesAsync(packages.Select(package => package.Package), progress, cancellationToken).ConfigureAwait(false);
        foreach (var outcome in bulk.Outcomes)
        {
            var index = positions[outcome.Package];
            reports[index] ??= Describe(packages[index], outcome, bulk.StopReason, bulk.RetryAt);
        }

        var all = reports.Select((report, index) => report ?? Describe(packages[index], null, bulk.StopReason, bulk.RetryAt)).ToList();
        var stop = (StopReason)(int)bulk.StopReason;
        return new BatchResult(all, stop, bulk.RetryAt, StopMessage(all, stop, bulk.RetryAt));
    }

    private static T Translate<T>(Func<T> create)
    {
        try
        {
            return create();
        }
        catch (ArgumentException error)
        {
            // The SDK names its option; the cmdlet's user knows the parameter.
            throw new ArgumentException(error.Message
                .Replace("Invalid PackagesClientOptions: ", string.Empty)
                .Replace("set AllowTokenOverPlainHttp", "pass -AllowPlainHttp")
                .Replace("BaseAddress", "-BaseUrl"));
        }
    }

    private string? StopMessage(IReadOnlyList<PackageReport> reports, StopReason stop, DateTimeOffset? retryAt)
    {
        var notSent = reports.Count(report => !report.WasSent);
        switch (stop)
        {
            case StopReason.Cancelled:
                return $"Stopped: {reports.Count - notSent} of {reports.Count} package(s) were sent to GitHub, {notSent} were not. Run the same command again to continue (restoring twice does no harm).";
            case StopReason.Unauthorized:
                var rejected = reports.FirstOrDefault(report => report.Failure == FailureKind.Unauthorized);
                var rest = notSent > 0 ? $" {notSent} package(s) were not sent." : string.Empty;
                return $"{rejected?.Message ?? "GitHub rejected the credentials (401)."}{rest}";
            case StopReason.RateLimited:
                var until = retryAt is { } at ? $" until {Utc(at)} UTC" : string.Empty;
                return $"GitHub rate-limited the batch{until}, longer than the client waits: {notSent} package(s) were not sent; run again then.";
            default:
                return null;
        }
    }

    private PackageReport Describe(PackageRequest request, PackageRestoreOutcome? outcome, BulkRestoreStopReason stop, DateTimeOffset? retryAt)
    {
        if (outcome?.Status == PackageRestoreStatus.Restored)
        {
            var attempts = outcome.Result?.Attempts ?? 1;
            return Report(request, ReportOutcome.Restored, outcome.Result?.StatusCode ?? 204, outcome.Result?.RequestId, attempts > 1 ? $"Restored after {attempts} attempts." : "Restored.", FailureKind.None, null, sent: true);
        }

        if (outcome?.Status == PackageRestoreStatus.Failed)
        {
            return Failure(request, outcome);
        }

        return Report(request, ReportOutcome.NotAttempted, null, null, NotAttemptedReason(stop, retryAt), FailureKind.None, null, sent: false);
    }

    private PackageReport Failure(PackageRequest request, PackageRestoreOutcome outcome)
    {
        switch (outcome.Error)
        {
            case RateLimitExceededException limited when !outcome.WasSent:
                // The client refused to send it: a rate limit outlasts MaxRetryDelay.
                return Report(request, ReportOutcome.Failed, null, null, $"Not sent: {limited.Message}", FailureKind.RateLimited, limited, sent: false);
            case GitHubApiException api:
                var message = api.StatusCode == 401 ? $"{api.Message} The token came from {_tokenSource}." : api.Message;
                return Report(request, ReportOutcome.Failed, api.StatusCode, api.RequestId, message, KindOf(api), api, outcome.WasSent);
            case HttpRequestException transport:
                return Report(request, ReportOutcome.Failed, null, null, $"Could not reach {_options.BaseAddress} after the retries: {transport.Message}", FailureKind.Transport, transport, outcome.WasSent);
            case OperationCanceledException when !outcome.WasSent:
                return Report(request, ReportOutcome.NotAttempted, null, null, NotAttemptedReason(BulkRestoreStopReason.Cancelled, null), FailureKind.None, null, sent: false);
            case OperationCanceledException cancelled:
                return Report(request, ReportOutcome.Failed, null, null, "Interrupted while it was being sent: GitHub may or may not have restored it (run again to be sure; restoring twice does no harm).", FailureKind.Interrupted, cancelled, sent: true);
            default:
                return Report(request, ReportOutcome.Failed, null, null, outcome.Error?.Message ?? "Failed.", FailureKind.Other, outcome.Error, outcome.WasSent);
        }
    }

    private static FailureKind KindOf(GitHubApiException error) => error switch
    {
        RateLimitExceededException => FailureKind.RateLimited,
        { StatusCode: 401 } => FailureKind.Unauthorized,
        { StatusCode: 403 } => FailureKind.Forbidden,
        { StatusCode: 404 } => FailureKind.NotFound,
        { StatusCode: 429 } => FailureKind.RateLimited,
        { StatusCode: 400 or 422 } => FailureKind.Invalid,
        { StatusCode: >= 500 } => FailureKind.ServerError,
        _ => FailureKind.Other,
    };

    private static string NotAttemptedReason(BulkRestoreStopReason stop, DateTimeOffset? retryAt) => stop switch
    {
        BulkRestoreStopReason.Unauthorized => "Not sent: GitHub rejected the credentials (401) for an earlier package, so the batch stopped.",
        BulkRestoreStopReason.RateLimited => retryAt is { } at
            ? $"Not sent: GitHub rate-limited the batch until {Utc(at)} UTC; run again then."
            : "Not sent: GitHub rate-limited the batch for longer than the client waits; run again later.",
        BulkRestoreStopReason.Cancelled => "Not sent: stopped (Ctrl+C).",
        _ => "Not sent.",
    };

    private static string Utc(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private PackageReport Report(PackageRequest request, ReportOutcome outcome, int? status, string? requestId, string? message, FailureKind failure, Exception? error, bool sent) =>
        new PackageReport(request, outcome, status, _redactor.Redact(requestId), _redactor.Redact(message), failure, error, sent);

    // Progress<T> would post to a synchronization context; the cmdlet's own queue does the hand-over to the pipeline thread.
    // Also an IProgress<RestoreWait>: the bulk restore then reports its write-budget waits (80 a minute, 500 an hour) before it waits.
    private sealed class ImmediateProgress : IProgress<PackageRestoreOutcome>, IProgress<RestoreWait>
    {
        private readonly Action<PackageRestoreOutcome> _report;
        private readonly Action<RestoreWait> _wait;

        public ImmediateProgress(Action<PackageRestoreOutcome> report, Action<RestoreWait> wait)
        {
            _report = report;
            _wait = wait;
        }

        public void Report(PackageRestoreOutcome value) => _report(value);

        public void Report(RestoreWait value) => _wait(value);
    }

    private sealed class ReferenceComparer : IEqualityComparer<PackageToRestore>
    {
        public static readonly ReferenceComparer Instance = new ReferenceComparer();

        public bool Equals(PackageToRestore? x, PackageToRestore? y) => ReferenceEquals(x, y);

        public int GetHashCode(PackageToRestore obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}

// Restore-GitHubPackage: checks every package from the pipeline, asks ShouldProcess for each, then restores them all through one client, reporting as each ends.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using RestoreSdk.PowerShell.Engine;

namespace RestoreSdk.PowerShell;

/// <summary>
/// Restores deleted GitHub packages. Input is collected in ProcessRecord and sent in EndProcessing as one batch: every input is
/// checked before anything is sent (one bad row sends nothing), -Confirm asks before the first request, and the batch stops at a 401.
/// Every call with the same base URL, token, -AllowPlainHttp and -WritesPerHour goes through the module's one SDK client, so its
/// one-second spacing, write budgets and GitHub's rate-limit holds span the pipeline and later calls alike. Results stream as each package ends.
/// </summary>
/// <remarks>Get-Help reads the MAML help (en-US/RestoreSdk.PowerShell.dll-Help.xml); these comments document the type for .NET callers.</remarks>
[Cmdlet(VerbsData.Restore, "GitHubPackage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = GitHubSet)]
[OutputType(typeof(PackageRestoreResult))]
public sealed class RestoreGitHubPackageCommand : PSCmdlet, IDisposable
{
    private const string GitHubSet = "GitHub";
    private const string SimulateSet = "Simulate";
    private const string Activity = "Restoring deleted GitHub packages";

    private readonly List<PackageRequest> _accepted = new List<PackageRequest>();
    private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new CancellationTokenSource();
    private string? _packageToken;
    private Uri? _baseAddress;
    private int _invalid;
    private ActiveWait? _wait;

    /// <summary>How often Write-Progress updates its countdown during a wait.</summary>
    internal static readonly TimeSpan CountdownInterval = TimeSpan.FromSeconds(1);

    /// <summary>The owning organization; empty or absent for a package of the token's user.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    [AllowNull]
    public string? Org { get; set; }

    /// <summary>The registry: npm, maven, rubygems, docker, nuget or container (any case).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    [ArgumentCompleter(typeof(PackageTypeCompleter))]
    public string Type { get; set; } = string.Empty;

    /// <summary>The package's name, or several names of the same type and owner (as the tool's repeated --name).</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    [AllowEmptyCollection]
    public string[] Name { get; set; } = Array.Empty<string>();

    /// <summary>The REST API root: https://api.github.com/ (default) or https://HOST/api/v3 for GitHub Enterprise Server.</summary>
    [Parameter(ParameterSetName = GitHubSet)]
    public string BaseUrl { get; set; } = RestoreSession.DefaultBaseUrl;

    /// <summary>Allows sending the token over plain http to another host (a GHES without TLS).</summary>
    [Parameter(ParameterSetName = GitHubSet)]
    public SwitchParameter AllowPlainHttp { get; set; }

    /// <summary>A personal access token (classic); without it, GH_TOKEN, else GITHUB_TOKEN.</summary>
    [Parameter(ParameterSetName = GitHubSet)]
    public SecureString? Token { get; set; }

    /// <summary>The package token GitHub's token query parameter takes, for every package of the run.</summary>
    [Parameter]
    public SecureString? PackageToken { get; set; }

    /// <summary>
    /// The most restore requests sent in any rolling hour by the module's client for this target and token, across calls. Defaults to 500
    /// (GitHub's secondary rate limit on github.com); 0 turns the budget off. On GitHub Enterprise Server use your administrator's figure, or 0.
    /// </summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int WritesPerHour { get; set; } = 500;

    /// <summary>Restores in the in-process GitHub simulator instead: nothing leaves the machine.</summary>
    [Parameter(Mandatory = true, ParameterSetName = SimulateSet)]
    public SwitchParameter Simulate { get; set; }

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        if (PackageToken is not null)
        {
            _packageToken = Reveal(PackageToken);
            if (_packageToken.Length == 0)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-PackageToken is empty."), "EmptyPackageToken", ErrorCategory.InvalidArgument, null));
            }
        }

        if (Simulate)
        {
            return;
        }

        try
        {
            _baseAddress = RestoreSession.CheckBaseUrl(BaseUrl, AllowPlainHttp);
        }
        catch (ArgumentException error)
        {
            ThrowTerminatingError(new ErrorRecord(error, "InvalidBaseUrl", ErrorCategory.InvalidArgument, BaseUrl));
        }
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var name in Name.Length == 0 ? new[] { string.Empty } : Name)
        {
            Accept(name);
        }
    }

    private void Accept(string? name)
    {
        PackageRequest request;
        try
        {
            request = PackageRequest.Create(Org, Type, name, _packageToken);
        }
        catch (ArgumentException error)
        {
            _invalid++;
            var input = PackageRequest.DescribeInput(Org, Type, name);
            WriteError(new ErrorRecord(new ArgumentException($"Invalid package ({input}): {error.Message}", error), "InvalidPackage", ErrorCategory.InvalidArgument, input));
            return;
        }

        if (!_seen.Add(request.Key))
        {
            WriteVerbose($"{request.Label} was given before; it is restored once.");
            return;
        }

        _accepted.Add(request);
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var packages = _accepted;
        if (_invalid > 0)
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException($"{_invalid} of {_invalid + packages.Count} package(s) are invalid (see the errors above), so nothing was sent. Fix them and run again."),
                "InvalidInput", ErrorCategory.InvalidArgument, null));
        }

        // -WhatIf says what each would need and sends nothing; -Confirm asks for each before the first request.
        var target = Simulate ? "the in-process GitHub simulator" : _baseAddress!.ToString();
        var confirmed = packages
            .Where(package => ShouldProcess(
                $"{package.Label} on {target}",
                $"Restore the deleted package (requires {RestoreSession.Requirement(package, _baseAddress)})"))
            .ToList();
        if (confirmed.Count == 0)
        {
            return;
        }

        ModuleInitializer.EngineUsed = true;
        var session = Simulate ? RestoreSession.ForSimulator(confirmed, _packageToken, WritesPerHour) : ForGitHub();
        WriteVerbose($"Restoring {confirmed.Count} package(s) on {session.Target}, one at a time.");
        Run(session, confirmed);
    }

    /// <inheritdoc />
    protected override void StopProcessing() => _stop.Cancel();

    /// <inheritdoc />
    public void Dispose() => _stop.Dispose();

    private static string Reveal(SecureString secret) => new NetworkCredential(string.Empty, secret).Password;

    private RestoreSession ForGitHub()
    {
        string token;
        string source;
        if (Token is not null)
        {
            token = Reveal(Token);
            source = "-Token";
        }
        else
        {
            source = new[] { "GH_TOKEN", "GITHUB_TOKEN" }.FirstOrDefault(name => Environment.GetEnvironmentVariable(name) is not null)
                ?? ThrowTerminating<string>(
                    "No token: pass -Token (a SecureString, such as Read-Host -AsSecureString gives) or set GH_TOKEN or GITHUB_TOKEN to a personal access token (classic) with the read:packages and write:packages scopes.",
                    "NoToken");
            token = Environment.GetEnvironmentVariable(source)!;
        }

        if (token.Length == 0)
        {
            ThrowTerminating<string>($"{source} is empty (in GitHub Actions this is what a missing secret gives). Give a token, or unset it.", "EmptyToken");
        }

        if (token.Any(c => c < '!' || c > '~'))
        {
            ThrowTerminating<string>($"{source} contains a character that is not printable ASCII (a space, a line break or a non-ASCII character); a token never does.", "InvalidToken");
        }

        return RestoreSession.ForGitHub(_baseAddress!, AllowPlainHttp, token, source, _packageToken, WritesPerHour);
    }

    private T ThrowTerminating<T>(string message, string errorId)
    {
        ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), errorId, ErrorCategory.AuthenticationError, null));
        return default!;
    }

    // The batch runs on a worker; its events are queued and written here, on the pipeline thread, as PowerShell requires.
    private void Run(RestoreSession session, IReadOnlyList<PackageRequest> packages)
    {
        var events = new BlockingCollection<Action>();
        var listener = new QueuedListener(this, events, packages.Count);
        var batch = Task.Run(() => session.RunAsync(packages, listener, _stop.Token));
        batch.ContinueWith(_ => events.CompleteAdding(), TaskScheduler.Default);
        BatchResult? result = null;
        try
        {
            while (!events.IsCompleted)
            {
                if (events.TryTake(out var write, CountdownInterval))
                {
                    write();
                }
                else
                {
                    ShowWait();
                }
            }

            result = ResultOf(batch);
            foreach (var report in result.Reports.Where(report => !listener.Written.ContainsKey(report.Request)))
            {
                Write(report);
            }

            WriteProgress(new ProgressRecord(1, Activity, "Done") { RecordType = ProgressRecordType.Completed });
        }
        catch (PipelineStoppedException)
        {
            // Ctrl+C (or a downstream Select-Object -First): nothing further is sent; say what was before the pipeline ends.
            _stop.Cancel();
            result ??= ResultOf(batch);
            try
            {
                Host?.UI?.WriteWarningLine(session.Redact(result.StopMessage ?? $"Stopped: {result.Reports.Count(r => r.WasSent)} of {result.Reports.Count} package(s) were sent to GitHub.")!);
            }
            catch (Exception)
            {
                // A host without a UI: the results already written say what was restored.
            }

            throw;
        }

        Finish(result!);
    }

    // The SDK refuses options or packages before sending anything, with ArgumentException: a terminating InvalidArgument error.
    private BatchResult ResultOf(Task<BatchResult> batch)
    {
        try
        {
            return batch.GetAwaiter().GetResult();
        }
        catch (ArgumentException error)
        {
            ThrowTerminatingError(new ErrorRecord(error, "InvalidArgument", ErrorCategory.InvalidArgument, null));
            throw;
        }
    }

    private void Finish(BatchResult result)
    {
        switch (result.StopReason)
        {
            case StopReason.Unauthorized:
                var rejected = result.Reports.First(report => report.Failure == FailureKind.Unauthorized);
                ThrowTerminatingError(ErrorFor(rejected, result.StopMessage));
                break;
            case StopReason.RateLimited:
            case StopReason.Cancelled:
                WriteWarning(result.StopMessage);
                break;
        }
    }

    private void Write(PackageReport report)
    {
        var request = report.Request;
        var outcome = report.Outcome switch
        {
            ReportOutcome.Restored => RestoreOutcome.Restored,
            ReportOutcome.Failed => RestoreOutcome.Failed,
            _ => RestoreOutcome.NotAttempted,
        };
        var result = new PackageRestoreResult(request.Org, request.Type, request.Name, outcome, report.StatusCode, report.RequestId, report.Message);
        WriteObject(result);
        WriteVerbose($"{request.Label}: {outcome}{(report.StatusCode is { } status ? $" ({status})" : string.Empty)}. {report.Message}");
        if (report.Outcome == ReportOutcome.Failed && report.Failure != FailureKind.Unauthorized)
        {
            WriteError(ErrorFor(report, null, result));
        }
    }

    private static ErrorRecord ErrorFor(PackageReport report, string? message, object? target = null)
    {
        var (id, category) = report.Failure switch
        {
            FailureKind.Unauthorized => ("Unauthorized", ErrorCategory.AuthenticationError),
            FailureKind.NotFound => ("PackageNotFound", ErrorCategory.ObjectNotFound),
            FailureKind.Forbidden => ("Forbidden", ErrorCategory.PermissionDenied),
            FailureKind.Invalid => ("Unprocessable", ErrorCategory.InvalidData),
            FailureKind.RateLimited => ("RateLimited", ErrorCategory.LimitsExceeded),
            FailureKind.ServerError => ("ServerError", ErrorCategory.ResourceUnavailable),
            FailureKind.Transport => ("Unreachable", ErrorCategory.ConnectionError),
            FailureKind.Interrupted => ("Interrupted", ErrorCategory.OperationStopped),
            _ => ("RestoreFailed", ErrorCategory.NotSpecified),
        };
        var text = message ?? report.Message ?? "The restore failed.";
        var record = new ErrorRecord(report.Error ?? new InvalidOperationException(text), id, category, target ?? report.Request.Label)
        {
            ErrorDetails = new ErrorDetails($"{report.Request.Label}: {text}"),
        };
        return record;
    }

    // The countdown of the current wait, written when it starts and again every CountdownInterval until the next event ends it.
    private void ShowWait()
    {
        if (_wait is not { } wait)
        {
            return;
        }

        var seconds = ActiveWait.SecondsUntil(wait.Until);
        WriteProgress(new ProgressRecord(1, Activity, $"Waiting {seconds} s, resuming at {wait.Until.ToUniversalTime().ToString("HH':'mm':'ss", CultureInfo.InvariantCulture)} UTC: {wait.Reason}") { SecondsRemaining = seconds });
        if (seconds == 0)
        {
            _wait = null;
        }
    }

    private sealed class ActiveWait
    {
        public ActiveWait(string reason, DateTimeOffset until)
        {
            Reason = reason;
            Until = until;
        }

        public string Reason { get; }

        public DateTimeOffset Until { get; }

        public static int SecondsUntil(DateTimeOffset until) => (int)Math.Ceiling(Math.Max(0, (until - DateTimeOffset.UtcNow).TotalSeconds));
    }

    // Hands the engine's events (on the batch's thread) to the pipeline thread; remembers which packages it wrote.
    private sealed class QueuedListener : IRestoreListener
    {
        private readonly RestoreGitHubPackageCommand _command;
        private readonly BlockingCollection<Action> _events;
        private readonly int _total;

        public QueuedListener(RestoreGitHubPackageCommand command, BlockingCollection<Action> events, int total)
        {
            _command = command;
            _events = events;
            _total = total;
        }

        public ConcurrentDictionary<PackageRequest, bool> Written { get; } = new ConcurrentDictionary<PackageRequest, bool>();

        public void Sending(int index, PackageRequest request) => Post(() =>
        {
            _command._wait = null;
            _command.WriteProgress(new ProgressRecord(1, Activity, $"{index + 1} of {_total}: {request.Label}") { PercentComplete = index * 100 / _total });
        });

        public void Completed(PackageReport report)
        {
            Written[report.Request] = true;
            Post(() =>
            {
                _command._wait = null;
                _command.Write(report);
            });
        }

        public void Waiting(string reason, DateTimeOffset until) => Post(() =>
        {
            _command._wait = new ActiveWait(reason, until);
            _command.WriteVerbose($"{reason} (waiting {ActiveWait.SecondsUntil(until)} s).");
            _command.ShowWait();
        });

        public void Log(string line) => Post(() => _command.WriteDebug(line));

        // A log line the SDK writes after the batch ended has no pipeline left to go to.
        private void Post(Action write)
        {
            try
            {
                _events.Add(write);
            }
            catch (InvalidOperationException)
            {
            }
        }
    }
}

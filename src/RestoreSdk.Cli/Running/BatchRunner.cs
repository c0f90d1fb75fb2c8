// Sends the plan through one SDK client (so spacing and rate-limit waits span the whole batch), journaling each request before it goes out and reporting and journaling each outcome as it arrives.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using RestoreSdk.Cli.Input;
using RestoreSdk.Cli.Output;
using RestoreSdk.Cli.Parsing;
using RestoreSdk.Cli.Planning;

namespace RestoreSdk.Cli.Running;

internal sealed class BatchRunner
{
    private readonly IPackagesClient _client;
    private readonly OutcomeDescriber _describer;
    private readonly ProgressDisplay _progress;
    private readonly ResultWriter _results;
    private readonly Journal? _journal;
    private readonly string? _journalPath;
    private readonly TimeProvider _time;
    private ImmediateReporter? _reporter;

    public BatchRunner(IPackagesClient client, OutcomeDescriber describer, ProgressDisplay progress, ResultWriter results, Journal? journal, string? journalPath, TimeProvider time)
    {
        _time = time;
        _client = client;
        _describer = describer;
        _progress = progress;
        _results = results;
        _journal = journal;
        _journalPath = journalPath;
    }

    /// <summary>
    /// The client for the whole run; invalid options (a bad --base-url, plain http without --allow-plain-http) are input errors.
    /// <paramref name="previousWrites"/> are the journal's sends to this target in the last hour, which GitHub's hourly limit still counts.
    /// </summary>
    public static PackagesClient CreateClient(GitHubTarget target, CommandOptions options, TimeProvider time, ILoggerFactory loggerFactory, IReadOnlyList<DateTimeOffset> previousWrites)
    {
        var clientOptions = new PackagesClientOptions
        {
            BaseAddress = target.BaseAddress,
            Token = target.Token?.Value,
            AllowTokenOverPlainHttp = options.AllowPlainHttp,
            WritesPerHour = options.WritesPerHour,
            TimeProvider = time,
            LoggerFactory = loggerFactory,
            PreviousWriteTimes = previousWrites,
        };
        if (options.ApiVersion is not null)
        {
            clientOptions.ApiVersion = options.ApiVersion;
        }

        try
        {
            return target.Handler is null
                ? new PackagesClient(clientOptions)
                : new PackagesClient(new HttpClient(target.Handler, disposeHandler: false), clientOptions);
        }
        catch (ArgumentException error)
        {
            throw new InputException(error.Message.Contains(nameof(PackagesClientOptions.AllowTokenOverPlainHttp), StringComparison.Ordinal)
                ? $"{error.Message} On the command line: --allow-plain-http."
                : error.Message);
        }
    }

    /// <summary>Sends <paramref name="plan"/>; <paramref name="terminated"/> says whether SIGTERM, not Ctrl+C, cancelled it (null: never).</summary>
    public async Task<int> RunAsync(RestorePlan plan, CancellationToken cancellationToken, Func<bool>? terminated = null)
    {
        foreach (var skipped in plan.Packages.Where(package => package.AlreadyRestored))
        {
            var report = _describer.Skipped(skipped, _journalPath!);
            _progress.Note($"skipped {report.Label}: {report.Message}");
            _results.Add(report);
        }

        var toSend = plan.ToSend;
        var result = await _progress.RunAsync(toSend.Count, async progress =>
        {
            var reporter = _reporter = new ImmediateReporter(this, toSend, progress);
            progress.Next(Upcoming(toSend, 0));
            BulkRestoreResult bulk;
            try
            {
                bulk = await _client.RestorePackagesAsync(toSend.Select(package => package.Package), reporter, cancellationToken).ConfigureAwait(false);
            }
            catch (ArgumentException error)
            {
                // The SDK checks every package against the client before sending any.
                throw new InputException(error.Message);
            }

            reporter.ReportRest(bulk);
            return bulk;
        }).ConfigureAwait(false);

        var bySigterm = terminated?.Invoke() == true;
        var closing = ClosingLines(result, toSend.Count, bySigterm);
        if (_journal?.IncompleteNote() is { } incomplete)
        {
            closing.Add(incomplete);
        }

        foreach (var line in closing)
        {
            _progress.Note(line);
        }

        _results.Finish(closing);
        var exitCode = ExitCode(result, bySigterm);
        return exitCode == ExitCodes.Success && _journal is { IsIncomplete: true } ? ExitCodes.SomeFailed : exitCode;
    }

    /// <summary>The client is about to send attempt <paramref name="attempt"/> of the package in turn: the journal records it first.</summary>
    public void Sending(int attempt) => _reporter?.Sending(attempt);

    private static int ExitCode(BulkRestoreResult result, bool bySigterm) => result.StopReason switch
    {
        BulkRestoreStopReason.Cancelled => bySigterm ? ExitCodes.Terminated : ExitCodes.Interrupted,
        BulkRestoreStopReason.Unauthorized => ExitCodes.Unauthorized,
        _ => result.FailedCount + result.NotAttemptedCount > 0 ? ExitCodes.SomeFailed : ExitCodes.Success,
    };

    private static List<string> ClosingLines(BulkRestoreResult result, int total, bool bySigterm)
    {
        var lines = new List<string>();
        if (result.StopReason == BulkRestoreStopReason.Cancelled)
        {
            var sent = result.Outcomes.Count(outcome => outcome.WasSent);
            lines.Add($"{(bySigterm ? "Stopped by SIGTERM" : "Interrupted")}: {sent} of {total} package(s) were sent to GitHub, {total - sent} were not. Run the same command again to continue (with --journal FILE, restored packages are skipped).");
        }
        else if (result.StopReason == BulkRestoreStopReason.Unauthorized)
        {
            lines.Add("Stopped: GitHub rejected the credentials (401), so the remaining packages were not sent.");
        }
        else if (result.StopReason == BulkRestoreStopReason.RateLimited)
        {
            lines.Add("Stopped: GitHub's rate limit outlasts what the client waits; the remaining packages were not sent.");
        }

        return lines;
    }

    private static string? Upcoming(IReadOnlyList<PlannedPackage> toSend, int index) =>
        index < toSend.Count ? toSend[index].Requested.Label : null;

    private void Publish(PackageReport report, IBatchProgress progress)
    {
        _journal?.Append(report);
        progress.Completed(report);
        _results.Add(report);
    }

    // Reports restored and failed packages the moment the SDK does; packages it did not send wait for the stop reason at the end.
    // Outcomes are matched to the plan by the package object handed to the SDK, so its own duplicate handling cannot shift them.
    // A pause for the write budget is reported when it starts: a line, and the live display's description until the next outcome.
    private sealed class ImmediateReporter : IProgress<PackageRestoreOutcome>, IProgress<RestoreWait>
    {
        private readonly BatchRunner _runner;
        private readonly IReadOnlyList<PlannedPackage> _toSend;
        private readonly Dictionary<PackageToRestore, int> _positions;
        private readonly IBatchProgress _progress;
        private readonly object _gate = new object();
        private readonly HashSet<int> _reported = new HashSet<int>();
        private int _inTurn;

        public ImmediateReporter(BatchRunner runner, IReadOnlyList<PlannedPackage> toSend, IBatchProgress progress)
        {
            _runner = runner;
            _toSend = toSend;
            _positions = new Dictionary<PackageToRestore, int>(ReferenceEqualityComparer.Instance);
            for (var position = 0; position < toSend.Count; position++)
            {
                _positions.Add(toSend[position].Package, position);
            }

            _progress = progress;
        }

        public void Report(PackageRestoreOutcome value)
        {
            if (value.Status == PackageRestoreStatus.NotAttempted)
            {
                return;
            }

            lock (_gate)
            {
                var position = _positions[value.Package];
                if (_reported.Add(position))
                {
                    _runner.Publish(_runner._describer.Describe(_toSend[position], value, BulkRestoreStopReason.None, null), _progress);
                    _progress.Next(Upcoming(_toSend, position + 1));
                }

                _inTurn = position + 1;
            }
        }

        // The SDK sends a batch one package at a time, in order, and reports each outcome before the next package's first send.
        public void Sending(int attempt)
        {
            lock (_gate)
            {
                if (_inTurn < _toSend.Count)
                {
                    _runner._journal?.Sending(_toSend[_inTurn].Requested, attempt);
                }
            }
        }

        public void Report(RestoreWait value)
        {
            lock (_gate)
            {
                var next = _toSend[_positions[value.Package]].Requested.Label;
                var (line, status) = BudgetWaitText.Describe(value, next, _runner._time.GetUtcNow(), _runner._describer.Target.Product);
                _progress.Note(line);
                _progress.Next(status);
            }
        }

        public void ReportRest(BulkRestoreResult result)
        {
            lock (_gate)
            {
                foreach (var outcome in result.Outcomes.OrderBy(outcome => _positions[outcome.Package]))
                {
                    var position = _positions[outcome.Package];
                    if (_reported.Add(position))
                    {
                        _runner.Publish(_runner._describer.Describe(_toSend[position], outcome, result.StopReason, result.RetryAt), _progress);
                    }
                }
            }
        }
    }
}

// Standard error while the batch runs: a live Spectre.Console progress bar on a terminal, otherwise one plain line per package; waits and notes either way.
using System;
using System.IO;
using System.Threading.Tasks;
using Spectre.Console;

namespace RestoreSdk.Cli.Output;

/// <summary>Where the runner says what is happening, package by package.</summary>
internal interface IBatchProgress
{
    /// <summary>The package about to be sent (its label), or null after the last.</summary>
    void Next(string? upcoming);

    /// <summary>A package's outcome.</summary>
    void Completed(PackageReport report);

    /// <summary>A line such as a rate-limit wait.</summary>
    void Note(string line);
}

internal abstract class ProgressDisplay
{
    public static ProgressDisplay Create(TextWriter error, bool interactive, Redactor redactor) =>
        interactive ? new LiveProgressDisplay(error, redactor) : new PlainProgressDisplay(error, redactor);

    /// <summary>Runs <paramref name="work"/>, showing its progress over <paramref name="total"/> packages.</summary>
    public abstract Task<T> RunAsync<T>(int total, Func<IBatchProgress, Task<T>> work);

    /// <summary>A line outside a run (a note about the input, the target).</summary>
    public abstract void Note(string line);

    private sealed class PlainProgressDisplay : ProgressDisplay, IBatchProgress
    {
        private readonly TextWriter _error;
        private readonly Redactor _redactor;
        private readonly object _gate = new object();
        private int _total;
        private int _done;

        public PlainProgressDisplay(TextWriter error, Redactor redactor)
        {
            _error = error;
            _redactor = redactor;
        }

        public override Task<T> RunAsync<T>(int total, Func<IBatchProgress, Task<T>> work)
        {
            _total = total;
            return work(this);
        }

        public override void Note(string line)
        {
            lock (_gate)
            {
                _error.WriteLine(Printable.Escape(_redactor.Redact(line)!));
                _error.Flush();
            }
        }

        // Plain output names each package once, when its outcome is known.
        public void Next(string? upcoming)
        {
        }

        public void Completed(PackageReport report)
        {
            var done = System.Threading.Interlocked.Increment(ref _done);
            var status = report.Status is { } code ? $" ({code}{(report.RequestId is null ? string.Empty : $", request {report.RequestId}")})" : string.Empty;
            var message = report.Message is null ? string.Empty : $": {report.Message}";
            Note($"[{done}/{_total}] {report.Outcome} {report.Label}{status}{message}");
        }
    }

    private sealed class LiveProgressDisplay : ProgressDisplay
    {
        private readonly IAnsiConsole _console;
        private readonly Redactor _redactor;

        public LiveProgressDisplay(TextWriter error, Redactor redactor)
        {
            _console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(error),
                Ansi = AnsiSupport.Detect,
                ColorSystem = ColorSystemSupport.Detect,
                Interactive = InteractionSupport.Yes,
            });
            _redactor = redactor;
        }

        public override Task<T> RunAsync<T>(int total, Func<IBatchProgress, Task<T>> work) =>
            _console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("starting", maxValue: Math.Max(1, total));
                    return await work(new LiveBatchProgress(this, task, total));
                });

        // WriteLine(string) prints text, not markup, so only unsafe characters need escaping.
        public override void Note(string line) => _console.WriteLine(Printable.Escape(_redactor.Redact(line)!));

        private sealed class LiveBatchProgress : IBatchProgress
        {
            private readonly LiveProgressDisplay _display;
            private readonly ProgressTask _task;
            private readonly int _total;
            private int _restored;
            private int _failed;
            private int _other;

            public LiveBatchProgress(LiveProgressDisplay display, ProgressTask task, int total)
            {
                _display = display;
                _task = task;
                _total = total;
            }

            public void Next(string? upcoming) => _task.Description = Markup.Escape(Printable.Escape(_display._redactor.Redact(Describe(upcoming ?? "done"))!));

            public void Completed(PackageReport report)
            {
                switch (report.Outcome)
                {
                    case Outcomes.Restored:
                        _restored++;
                        break;
                    case Outcomes.Failed:
                        _failed++;
                        _display.Note($"failed {report.Label}: {report.Message}");
                        break;
                    default:
                        _other++;
                        break;
                }

                _task.Increment(1);
            }

            public void Note(string line) => _display.Note(line);

            private string Describe(string current) =>
                $"{_restored + _failed + _other}/{_total}: {_restored} restored, {_failed} failed; {current}";
        }
    }
}

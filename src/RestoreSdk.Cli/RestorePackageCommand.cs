// The whole command as one testable call: parse, read input and environment, plan, then dry-run or run; returns the exit code.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using RestoreSdk.Cli.Input;
using RestoreSdk.Cli.Output;
using RestoreSdk.Cli.Parsing;
using RestoreSdk.Cli.Planning;
using RestoreSdk.Cli.Running;

namespace RestoreSdk.Cli;

internal static class RestorePackageCommand
{
    /// <summary>Runs restore-package with <paramref name="args"/>.</summary>
    /// <param name="args">The command line, without the command name.</param>
    /// <param name="stdin">Read for --from -.</param>
    /// <param name="stdout">Results: the summary table, JSON Lines or the dry-run plan.</param>
    /// <param name="stderr">Progress, waits, notes and errors.</param>
    /// <param name="environment">Token variables and whether stderr is a terminal.</param>
    /// <param name="handler">What to send through instead of the network (tests); --simulate ignores it.</param>
    /// <param name="time">The clock for spacing, rate-limit waits and the simulator.</param>
    /// <param name="cancellationToken">Ctrl+C or SIGTERM: stops the batch, which reports what was sent; the exit code is 130, or 143 for SIGTERM.</param>
    /// <param name="terminated">Whether SIGTERM (rather than Ctrl+C) cancelled <paramref name="cancellationToken"/>; null for never.</param>
    public static async Task<int> RunAsync(
        string[] args,
        TextReader stdin,
        TextWriter stdout,
        TextWriter stderr,
        IEnvironment environment,
        HttpMessageHandler? handler,
        TimeProvider time,
        CancellationToken cancellationToken,
        Func<bool>? terminated = null)
    {
        var parsed = CommandLineSyntax.Parse(args, stdout, stderr);
        if (parsed.Handled)
        {
            return ExitCodes.Success;
        }

        if (parsed.Options is not { } options)
        {
            foreach (var error in parsed.Errors)
            {
                stderr.WriteLine($"restore-package: error: {Printable.Escape(error)}");
            }

            stderr.WriteLine("Run 'restore-package --help' for usage and examples. Nothing was sent.");
            return ExitCodes.BadInput;
        }

        var redactor = new Redactor();
        try
        {
            return await RunAsync(options, stdin, stdout, stderr, environment, handler, time, redactor, cancellationToken, terminated).ConfigureAwait(false);
        }
        catch (InputException error)
        {
            stderr.WriteLine($"restore-package: error: {Printable.Escape(redactor.Redact(error.Message)!)}");
            stderr.WriteLine("Nothing was sent.");
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var bySigterm = terminated?.Invoke() == true;
            stderr.WriteLine(bySigterm ? "restore-package: stopped by SIGTERM." : "restore-package: interrupted.");
            return bySigterm ? ExitCodes.Terminated : ExitCodes.Interrupted;
        }
        catch (Exception error)
        {
            // Last resort: one redacted line instead of a stack trace. Whatever was reported above stands.
            stderr.WriteLine($"restore-package: unexpected error ({error.GetType().Name}): {Printable.Escape(redactor.Redact(error.Message)!)}");
            return ExitCodes.SomeFailed;
        }
    }

    private static async Task<int> RunAsync(
        CommandOptions options,
        TextReader stdin,
        TextWriter stdout,
        TextWriter stderr,
        IEnvironment environment,
        HttpMessageHandler? handler,
        TimeProvider time,
        Redactor redactor,
        CancellationToken cancellationToken,
        Func<bool>? terminated)
    {
        var requested = ReadRequested(options, stdin);
        if (options.From is not null && requested.Count == 0)
        {
            throw new InputException($"nothing to restore: --from {options.From} lists no packages below its header.");
        }

        GitHubTarget target;
        IReadOnlyList<RequestedPackage> packages;
        if (options.Simulate)
        {
            target = GitHubTarget.Simulated(requested, time, out packages);
        }
        else
        {
            target = GitHubTarget.Real(options, environment, handler, tokenOptional: options.DryRun);
            packages = requested;
        }

        redactor.Add(target.Token?.Value);
        var packageToken = options.PackageTokenVariable is { } variable ? Credentials.ReadPackageToken(environment, variable) : null;
        redactor.Add(packageToken?.Value);

        var progress = ProgressDisplay.Create(stderr, environment.IsErrorInteractive, redactor);
        var defaults = new PackagesClientOptions();
        BatchRunner? runner = null;
        var loggerFactory = new WaitLoggerFactory(progress.Note, time, defaults.MaxRetryDelay, defaults.MinimumWriteInterval, attempt => runner?.Sending(attempt));

        // Everything that can refuse the input is checked before the journal is opened (and created), so a refused run leaves no trace.
        RestorePlan.Create(packages, packageToken?.Value, JournalContents.Empty);
        BatchRunner.CreateClient(target, options, time, loggerFactory, Array.Empty<DateTimeOffset>());

        // A real run holds the journal until it ends, so a second run on it stops here, before sending anything.
        using var journal = options.Journal is { } path && !options.DryRun ? Journal.Open(path, target.JournalTarget, environment, time, progress.Note) : null;
        var journalContents = journal?.Contents
            ?? (options.Journal is { } journalPath ? Journal.Read(journalPath, target.JournalTarget) : JournalContents.Empty);
        var plan = RestorePlan.Create(packages, packageToken?.Value, journalContents);
        foreach (var note in journalContents.Notes.Concat(plan.Notes))
        {
            progress.Note(note);
        }

        // The journal's sends of the last hour count against GitHub's hourly write limit, so a resumed batch stays within it.
        var recentSends = journalContents.SentWithinHourBefore(time.GetUtcNow());
        if (recentSends.Count > 0)
        {
            progress.Note(
                $"the journal records {recentSends.Count} request(s) to this target in the last hour (the first at "
                + $"{recentSends[0].ToUniversalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC): they count against GitHub's hourly write limit.");
        }

        var client = BatchRunner.CreateClient(target, options, time, loggerFactory, recentSends);
        var describer = new OutcomeDescriber(target, redactor);
        var results = ResultWriter.Create(options.Output == OutputFormat.Json, stdout, environment.IsOutputInteractive);
        if (options.DryRun)
        {
            PrintPlan(plan, target, options, describer, results, stdout, recentSends.Select(sent => time.GetUtcNow() - sent).ToList());
            return ExitCodes.Success;
        }

        progress.Note($"Restoring {plan.ToSend.Count} package(s) on {target.Describe()}.");
        runner = new BatchRunner(client, describer, progress, results, journal, options.Journal, time);
        return await runner.RunAsync(plan, cancellationToken, terminated).ConfigureAwait(false);
    }

    private static IReadOnlyList<RequestedPackage> ReadRequested(CommandOptions options, TextReader stdin)
    {
        if (options.From is { } from)
        {
            if (from == "-")
            {
                return PackageCsvReader.Read(stdin, "standard input");
            }

            try
            {
                using var reader = new StreamReader(from, Encoding.UTF8, detectEncodingFromByteOrderMarks: false);
                return PackageCsvReader.Read(reader, Path.GetFileName(from));
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new InputException($"cannot read --from {from}: {error.Message}");
            }
        }

        // Surrounding whitespace is trimmed from --name and --org as it is from CSV fields: no GitHub name has any.
        var org = options.Org?.Trim();
        if (org is not null)
        {
            RequestedPackage.CheckPrintable(org, "organization", "--org");
        }

        return options.Names
            .Select(name => name.Trim())
            .Select(name =>
            {
                RequestedPackage.CheckPrintable(name, "package name", "--name");
                return new RequestedPackage(org, options.Type!, name, $"--name {name}");
            })
            .ToList();
    }

    /// <param name="earlier">How long ago the journal's sends of the last hour went, which count against the hourly budget.</param>
    private static void PrintPlan(RestorePlan plan, GitHubTarget target, CommandOptions options, OutcomeDescriber describer, ResultWriter results, TextWriter stdout, IReadOnlyList<TimeSpan> earlier)
    {
        var defaults = new PackagesClientOptions();
        if (options.Output == OutputFormat.Json)
        {
            foreach (var planned in plan.Packages)
            {
                results.Add(planned.AlreadyRestored
                    ? describer.Skipped(planned, options.Journal!)
                    : describer.Planned(planned, PlanDescriptions.Requirement(planned, target.Product)));
            }

            return;
        }

        stdout.WriteLine($"Dry run: nothing is sent. Would restore {plan.ToSend.Count} package(s) on {Printable.Escape(target.Describe())}:");
        foreach (var planned in plan.Packages)
        {
            var label = Printable.Escape(planned.Requested.Label);
            stdout.WriteLine(planned.AlreadyRestored
                ? $"  {label}: skipped, already restored according to the journal {Printable.Escape(options.Journal!)}"
                : $"  {label}: requires {PlanDescriptions.Requirement(planned, target.Product)}");
        }

        var spacing = defaults.MinimumWriteInterval;
        var duration = plan.MinimumDuration(spacing, options.WritesPerHour, defaults.WritesPerMinute, earlier);
        var journaled = earlier.Count > 0 ? $", counting the journal's {earlier.Count} of the last hour" : string.Empty;
        var hourly = options.WritesPerHour > 0 && plan.ToSend.Count > 0 && plan.ToSend.Count + earlier.Count > options.WritesPerHour
            ? $", and at most {options.WritesPerHour} in any hour{journaled}: {BudgetWaitText.WhyHourly(target.Product)}"
            : string.Empty;
        stdout.WriteLine(
            $"Expected duration: at least {PlanDescriptions.Duration(duration)} "
            + $"({plan.ToSend.Count} request(s) sent one at a time, {PlanDescriptions.Duration(spacing)} apart{hourly}), longer if GitHub rate-limits the batch.");
    }
}

// Standard output: JSON Lines as each outcome arrives (--output json), or a Spectre.Console summary table at the end (text).
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Spectre.Console;

namespace RestoreSdk.Cli.Output;

internal abstract class ResultWriter
{
    public static ResultWriter Create(bool json, TextWriter output, bool interactive) =>
        json ? new JsonLinesResultWriter(output) : new TableResultWriter(output, interactive);

    /// <summary>A package's final report, in input order.</summary>
    public abstract void Add(PackageReport report);

    /// <summary>After the last package: the table and the lines that tell what to do next.</summary>
    public abstract void Finish(IReadOnlyList<string> closingLines);

    private sealed class JsonLinesResultWriter : ResultWriter
    {
        private readonly TextWriter _output;

        public JsonLinesResultWriter(TextWriter output) => _output = output;

        public override void Add(PackageReport report)
        {
            _output.WriteLine(JsonLines.Format(report));
            _output.Flush();
        }

        public override void Finish(IReadOnlyList<string> closingLines)
        {
        }
    }

    private sealed class TableResultWriter : ResultWriter
    {
        private readonly TextWriter _output;
        private readonly bool _interactive;
        private readonly List<PackageReport> _reports = new List<PackageReport>();

        public TableResultWriter(TextWriter output, bool interactive)
        {
            _output = output;
            _interactive = interactive;
        }

        public override void Add(PackageReport report) => _reports.Add(report);

        public override void Finish(IReadOnlyList<string> closingLines)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(_output),
                Ansi = _interactive ? AnsiSupport.Detect : AnsiSupport.No,
                ColorSystem = _interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
            });
            if (!_interactive)
            {
                console.Profile.Width = 200;
            }

            var table = new Table().Border(TableBorder.Rounded);
            foreach (var column in new[] { "Org", "Type", "Name", "Outcome", "Status", "Request id" })
            {
                table.AddColumn(column);
            }

            foreach (var report in _reports)
            {
                table.AddRow(
                    Cell(report.Org ?? "(you)"),
                    Cell(report.Type),
                    Cell(report.Name),
                    OutcomeMarkup(report.Outcome),
                    report.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
                    Cell(report.RequestId ?? "-"));
            }

            console.Write(table);
            var counts = string.Join(", ", new[] { Outcomes.Restored, Outcomes.Failed, Outcomes.Skipped, Outcomes.NotAttempted }
                .Select(outcome => $"{_reports.Count(report => report.Outcome == outcome)} {outcome}"));
            _output.WriteLine(counts);

            // Messages go below the table, one plain line each, so they stay whole for grep and copy-paste.
            foreach (var report in _reports.Where(report => report.Message is not null && report.Outcome != Outcomes.Restored))
            {
                _output.WriteLine(Printable.Escape($"{report.Outcome} {report.Label}: {report.Message}"));
            }

            foreach (var line in closingLines)
            {
                _output.WriteLine(Printable.Escape(line));
            }

            _output.Flush();
        }

        // Caller and server text in a cell: unsafe characters escaped, then Spectre's markup brackets.
        private static string Cell(string text) => Markup.Escape(Printable.Escape(text));

        private static string OutcomeMarkup(string outcome) => outcome switch
        {
            Outcomes.Restored => "[green]restored[/]",
            Outcomes.Failed => "[red]failed[/]",
            Outcomes.Skipped => "[grey]skipped[/]",
            _ => "[yellow]not-attempted[/]",
        };
    }
}

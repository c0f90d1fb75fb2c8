// The "check" command: reports how freshly trimmed upstream descriptions drift from the committed trimmed spec.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace RestoreSdk.Generator;

internal static class CheckCommand
{
    private const string DefaultSpec = "openapi/github-packages-restore.json";

    public static readonly CommandSpec Spec = new(
        "check",
        "usage: restore-sdk-gen check --upstream <file> [--upstream <file> ...] [--spec <file>] [--format text|json] [--fail-on documentation|additive|breaking]",
        [
            new("--upstream", Required: true, Repeatable: true),
            new("--spec", Required: false),
            new("--format", Required: false),
            new("--fail-on", Required: false),
        ],
        Run);

    private static int Run(ParsedOptions options, TextWriter stdout)
    {
        IReadOnlyList<string> upstreams = options.All("--upstream");
        string? repeated = upstreams.GroupBy(u => u).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (repeated is not null)
        {
            throw new UsageException($"upstream '{repeated}' given more than once");
        }
        string format = options.Optional("--format") ?? "text";
        if (format is not ("text" or "json"))
        {
            throw new UsageException($"unknown format '{format}'");
        }
        string failOnName = options.Optional("--fail-on") ?? DriftReport.Name(DriftClass.Documentation);
        DriftClass failOn = Enum.GetValues<DriftClass>().Where(c => DriftReport.Name(c) == failOnName).Cast<DriftClass?>().FirstOrDefault()
            ?? throw new UsageException($"unknown class '{failOnName}' for --fail-on");

        OpenApiDocument spec = OpenApiDocument.Load(options.Optional("--spec") ?? DefaultSpec, "trimmed spec");
        Contract committed = Contract.From(spec);
        RestoreOperation? absent = RestoreOperations.All.FirstOrDefault(o => !committed.Operations.ContainsKey(o.OperationId));
        if (absent is not null)
        {
            throw spec.Fail($"missing operation {absent}");
        }

        var differences = new List<Difference>();
        foreach (string upstream in upstreams)
        {
            Contract fresh = Contract.From(Trimmer.Trim(OpenApiDocument.Load(upstream, "upstream")).Spec);
            differences.AddRange(ContractDiff.Compare(upstream, committed, fresh));
        }

        if (format == "json")
        {
            DriftReport.WriteJson(stdout, upstreams, differences);
        }
        else
        {
            DriftReport.WriteText(stdout, upstreams, differences);
        }
        return differences.Any(d => d.Class >= failOn) ? Program.Drift : Program.Success;
    }
}

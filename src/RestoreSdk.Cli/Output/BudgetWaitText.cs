// Words for a pause of the batch under the client's write budget (GitHub's 500 restores an hour): the stderr line and the live display's status.
using System;
using System.Globalization;
using RestoreSdk.Cli.Planning;

namespace RestoreSdk.Cli.Output;

/// <summary>How a pause for the client's write budget reads: a stderr line and the live display's status, both saying until when in UTC.</summary>
internal static class BudgetWaitText
{
    /// <param name="wait">The SDK's report.</param>
    /// <param name="next">The label of the package sent when the pause ends.</param>
    /// <param name="now">The client's clock, for how far away the end is.</param>
    public static (string Line, string Status) Describe(RestoreWait wait, string next, DateTimeOffset now)
    {
        var left = wait.Until - now;
        var until = $"{wait.Until.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC";
        var sent = wait.Limit == 1 ? "1 restore request was" : $"{wait.Limit} restore requests were";
        var limit = wait.Reason == RestoreWaitReason.WritesPerHour
            ? $"{sent} sent in the last hour, GitHub's limit on content-generating requests (--writes-per-hour {wait.Limit})"
            : $"{sent} sent in the last minute, GitHub's limit on content-generating requests";
        var line = $"wait: {limit}, so the batch pauses until {until} ({PlanDescriptions.Duration(left < TimeSpan.Zero ? TimeSpan.Zero : left)} from now); then {next}.";
        var status = $"paused for GitHub's {(wait.Reason == RestoreWaitReason.WritesPerHour ? "hourly" : "per-minute")} limit until {until}, then {next}";
        return (line, status);
    }
}

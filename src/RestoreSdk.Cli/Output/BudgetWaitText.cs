// Words for a pause of the batch under the client's write budget (GitHub's 500 restores an hour, or on Enterprise Server the tool's default): the stderr line and the live display's status.
using System;
using System.Globalization;
using RestoreSdk.Cli.Planning;

namespace RestoreSdk.Cli.Output;

/// <summary>How a pause for the client's write budget reads: a stderr line and the live display's status, both saying until when in UTC.</summary>
internal static class BudgetWaitText
{
    private const string SetToAdministrators = "set --writes-per-hour to the administrator's figure, or 0 when there is none";

    /// <summary>Why a batch above the hourly budget pauses, for the dry-run estimate: GitHub's documented limit, or on Enterprise Server its administrator's.</summary>
    public static string WhyHourly(GitHubProduct product) => product == GitHubProduct.EnterpriseServer
        ? $"rate limits on GitHub Enterprise Server are set by its administrator (off by default), so this is the tool's conservative default; {SetToAdministrators}. The batch pauses until each hour allows more"
        : "GitHub's limit on content-generating requests is 500 an hour, so the batch pauses until each hour allows more (--writes-per-hour sets the budget)";

    /// <param name="wait">The SDK's report.</param>
    /// <param name="next">The label of the package sent when the pause ends.</param>
    /// <param name="now">The client's clock, for how far away the end is.</param>
    /// <param name="product">The target's product: on Enterprise Server the budget is the tool's, not a limit GitHub documents.</param>
    public static (string Line, string Status) Describe(RestoreWait wait, string next, DateTimeOffset now, GitHubProduct product)
    {
        var left = wait.Until - now;
        var until = $"{wait.Until.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC";
        var sent = wait.Limit == 1 ? "1 restore request was" : $"{wait.Limit} restore requests were";
        var hourly = wait.Reason == RestoreWaitReason.WritesPerHour;
        var enterprise = product == GitHubProduct.EnterpriseServer;
        var limit = (hourly, enterprise) switch
        {
            (true, false) => $"{sent} sent in the last hour, GitHub's limit on content-generating requests (--writes-per-hour {wait.Limit})",
            (false, false) => $"{sent} sent in the last minute, GitHub's limit on content-generating requests",
            (true, true) => $"{sent} sent in the last hour, the tool's hourly budget (--writes-per-hour {wait.Limit}; rate limits on GitHub Enterprise Server are set by its administrator, off by default: {SetToAdministrators})",
            (false, true) => $"{sent} sent in the last minute, the tool's per-minute budget (GitHub.com's figure; rate limits on GitHub Enterprise Server are set by its administrator, off by default)",
        };
        var line = $"wait: {limit}, so the batch pauses until {until} ({PlanDescriptions.Duration(left < TimeSpan.Zero ? TimeSpan.Zero : left)} from now); then {next}.";
        var which = hourly ? "hourly" : "per-minute";
        var status = $"paused for {(enterprise ? $"the tool's {which} budget" : $"GitHub's {which} limit")} until {until}, then {next}";
        return (line, status);
    }
}

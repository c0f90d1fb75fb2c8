// One package's outcome as the command reports it: the fields of a JSON Lines object, the table row and the journal entry.
namespace RestoreSdk.Cli.Output;

internal static class Outcomes
{
    public const string Restored = "restored";
    public const string Failed = "failed";
    public const string Skipped = "skipped";
    public const string NotAttempted = "not-attempted";
}

/// <param name="Org">The organization, or null for the authenticated user's package.</param>
/// <param name="Type">The registry's wire value.</param>
/// <param name="Name">The package name.</param>
/// <param name="Outcome">One of <see cref="Outcomes"/>.</param>
/// <param name="Status">The HTTP status GitHub answered, or null when nothing was answered.</param>
/// <param name="RequestId">GitHub's X-GitHub-Request-Id, for support.</param>
/// <param name="Message">What happened and, for a failure, what to do; null for a plain success.</param>
/// <param name="Sent">Whether a request for it went out (an interrupted run says which did).</param>
internal sealed record PackageReport(string? Org, string Type, string Name, string Outcome, int? Status, string? RequestId, string? Message, bool Sent)
{
    public string Label => Input.RequestedPackage.Describe(Org, Type, Name);
}

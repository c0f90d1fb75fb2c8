// The object Restore-GitHubPackage writes for each package: what was asked, how it ended, and GitHub's status and request id.
namespace RestoreSdk.PowerShell;

/// <summary>One package's result. Its texts never contain the token or the package token.</summary>
public sealed class PackageRestoreResult
{
    internal PackageRestoreResult(string? org, string type, string name, RestoreOutcome outcome, int? statusCode, string? requestId, string? message)
    {
        Org = org;
        Type = type;
        Name = name;
        Outcome = outcome;
        StatusCode = statusCode;
        RequestId = requestId;
        Message = message;
    }

    /// <summary>The owning organization; empty for a package of the token's user (as in the tool's CSV).</summary>
    public string? Org { get; }

    /// <summary>The registry: npm, maven, rubygems, docker, nuget or container.</summary>
    public string Type { get; }

    /// <summary>The package's name.</summary>
    public string Name { get; }

    /// <summary>Restored, Failed or NotAttempted.</summary>
    public RestoreOutcome Outcome { get; }

    /// <summary>GitHub's HTTP status (204 when restored); empty when GitHub was not reached.</summary>
    public int? StatusCode { get; }

    /// <summary>GitHub's X-GitHub-Request-Id, to quote to GitHub Support.</summary>
    public string? RequestId { get; }

    /// <summary>What happened, in a sentence (for a failure, the SDK's explanation with what to fix).</summary>
    public string? Message { get; }

    /// <summary>For example "npm left-pad: Restored".</summary>
    public override string ToString() => $"{Type} {(Org is null ? string.Empty : Org + "/")}{Name}: {Outcome}";
}

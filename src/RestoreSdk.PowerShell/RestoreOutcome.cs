// What became of a package, as Restore-GitHubPackage reports it in each result's Outcome.
namespace RestoreSdk.PowerShell;

/// <summary>How a package's restore ended.</summary>
public enum RestoreOutcome
{
    /// <summary>GitHub answered 204 No Content: the package is restored.</summary>
    Restored,

    /// <summary>The restore failed; the error stream has an ErrorRecord for it, and Message says why.</summary>
    Failed,

    /// <summary>Not sent: the run stopped first (a 401, a rate limit longer than the client waits, or Ctrl+C).</summary>
    NotAttempted,
}

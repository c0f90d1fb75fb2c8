// Lets RestoreSdk.Testing's exception factory set the diagnostics GitHub's answers normally supply, without widening the public surface.
using System.Collections.Generic;

namespace RestoreSdk;

public partial class GitHubApiException
{
    internal static TException WithDiagnostics<TException>(
        TException exception,
        string? response,
        string? documentationUrl,
        string? requestId,
        GitHubRateLimit? rateLimit,
        IReadOnlyList<string> tokenScopes,
        IReadOnlyList<string> acceptedScopes,
        RestoreRequirements? requirements,
        IReadOnlyList<string> missingScopes)
        where TException : GitHubApiException
    {
        exception.Response = response;
        exception.DocumentationUrl = documentationUrl;
        exception.RequestId = requestId;
        exception.RateLimit = rateLimit;
        exception.TokenScopes = tokenScopes;
        exception.AcceptedScopes = acceptedScopes;
        exception.Requirements = requirements;
        exception.MissingScopes = missingScopes;
        return exception;
    }
}

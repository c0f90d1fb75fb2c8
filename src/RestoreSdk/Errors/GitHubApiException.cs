// The one exception type for GitHub's non-success answers: GitHub's error, rate-limit and scope diagnostics, never a secret.
using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json;

namespace RestoreSdk;

/// <summary>GitHub answered a restore with a status other than 204 No Content.</summary>
/// <remarks>
/// <see cref="Exception.Message"/> names the package, the status, GitHub's own <c>message</c> and a one-line hint.
/// Neither the token nor the package token ever appears in the message, <see cref="Response"/> or <see cref="Exception.ToString"/>.
/// </remarks>
public partial class GitHubApiException : Exception
{
    private const string Redacted = "***";
    private static readonly IReadOnlyList<string> None = Array.Empty<string>();

    /// <summary>Creates an exception for a GitHub answer, for example to stand in for one in a caller's tests.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="statusCode">The HTTP status GitHub answered with.</param>
    public GitHubApiException(string message, int statusCode)
        : base(message)
    {
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status GitHub answered with.</summary>
    public int StatusCode { get; }

    /// <summary>The response body as text (GitHub's JSON error, or whatever a proxy sent), with any secret of the call masked.</summary>
    public string? Response { get; private set; }

    /// <summary>The <c>documentation_url</c> of GitHub's JSON error, when it had one.</summary>
    public string? DocumentationUrl { get; private set; }

    /// <summary>The <c>X-GitHub-Request-Id</c> response header, to quote when contacting GitHub Support.</summary>
    public string? RequestId { get; private set; }

    /// <summary>The rate-limit state from the answer's <c>x-ratelimit-*</c> headers, or <see langword="null"/> when it had none.</summary>
    public GitHubRateLimit? RateLimit { get; private set; }

    /// <summary>The scopes GitHub says the token has (<c>X-OAuth-Scopes</c>); empty when GitHub did not say, as for fine-grained and app tokens.</summary>
    public IReadOnlyList<string> TokenScopes { get; private set; } = None;

    /// <summary>The scopes GitHub says the endpoint accepts (<c>X-Accepted-OAuth-Scopes</c>); empty when GitHub did not say.</summary>
    public IReadOnlyList<string> AcceptedScopes { get; private set; } = None;

    /// <summary>For a 401, 403 or 404 that is not a rate limit: what the route and package type require; otherwise <see langword="null"/>.</summary>
    public RestoreRequirements? Requirements { get; private set; }

    /// <summary>The required classic scopes that <see cref="TokenScopes"/> visibly lacks; empty when none is missing or GitHub did not list the token's scopes.</summary>
    public IReadOnlyList<string> MissingScopes { get; private set; } = None;

    internal static GitHubApiException FromResponse(ServiceResponseException answer, RestoreAttempts attempts, DateTimeOffset now)
    {
        var body = Redact(answer.Response, answer.Secrets);
        var error = ParseError(body);
        var githubMessage = Redact(error?.Message, answer.Secrets);
        var documentationUrl = Redact(error?.Documentation_url, answer.Secrets);
        var status = answer.StatusCode;
        var rateLimit = GitHubRateLimit.From(answer.Header);
        var rateLimitKind = RetryRules.KindOf(answer);
        var grantedScopes = Scopes(answer.Header("X-OAuth-Scopes"));
        var requirements = rateLimitKind == RateLimitKind.None && status is 401 or 403 or 404 ? attempts.Request.Requirements : null;
        var missing = requirements is not null && grantedScopes is not null ? requirements.MissingFrom(grantedScopes) : None;
        var requestId = answer.Header("X-GitHub-Request-Id");
        var resumeAt = rateLimitKind == RateLimitKind.Primary ? rateLimit?.Reset : now + RetryRules.RetryAfter(answer.Header("retry-after"), now);

        var hint = rateLimitKind != RateLimitKind.None
            ? RateLimitHint(rateLimitKind, resumeAt, attempts.Count)
            : Hint(status, requirements, missing, attempts.EarlierAttemptMayHaveRestored);
        var what = githubMessage is { Length: > 0 }
            ? $"GitHub answered HTTP {status}: {githubMessage.TrimEnd('.')}."
            : $"GitHub answered HTTP {status} without GitHub's JSON error body{ContentTypeSuffix(answer)}.";
        var message = $"{attempts.Request.Description} failed. {what}"
            + (hint is null ? string.Empty : " " + hint)
            + (requestId is null ? string.Empty : $" Request id: {requestId}.")
            + (documentationUrl is { Length: > 0 } ? $" See {documentationUrl}" : string.Empty);

        var exception = rateLimitKind == RateLimitKind.None
            ? new GitHubApiException(message, status)
            : new RateLimitExceededException(message, status, rateLimitKind == RateLimitKind.Secondary, resumeAt);
        exception.Response = body;
        exception.DocumentationUrl = documentationUrl;
        exception.RequestId = requestId;
        exception.RateLimit = rateLimit;
        exception.TokenScopes = grantedScopes ?? None;
        exception.AcceptedScopes = Scopes(answer.Header("X-Accepted-OAuth-Scopes")) ?? None;
        exception.Requirements = requirements;
        exception.MissingScopes = missing;
        return exception;
    }

    private static string? Hint(int status, RestoreRequirements? requirements, IReadOnlyList<string> missing, bool earlierAttemptMayHaveRestored)
    {
        var hint = status switch
        {
            401 => "GitHub did not accept the credentials: the token is missing, expired or revoked.",
            403 or 404 when missing.Count > 0 => $"The token lacks the {RestoreRequirements.Join(missing)} scope{(missing.Count > 1 ? "s" : string.Empty)} this restore needs.",
            403 => $"Restoring it needs {requirements}.",
            404 => $"GitHub answers 404 rather than 403 when the caller may not see the package: check the name, that it was deleted within the last 30 days, and that you have {requirements}.",
            _ => null,
        };

        return status == 404 && earlierAttemptMayHaveRestored
            ? hint + " An earlier attempt of this call failed after it may have reached GitHub, so it may already have restored the package."
            : hint;
    }

    private static string RateLimitHint(RateLimitKind kind, DateTimeOffset? resumeAt, int attempts)
    {
        var which = kind == RateLimitKind.Primary ? "primary" : "secondary";
        var until = resumeAt is { } at ? $" until {at:u}" : string.Empty;
        return $"The {which} rate limit is exhausted{until}; gave up after {attempts} attempt{(attempts > 1 ? "s" : string.Empty)}.";
    }

    private static BasicError? ParseError(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return JsonConvert.DeserializeObject<BasicError>(body!);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IReadOnlyList<string>? Scopes(string? header) =>
        header?.Split(',').Select(scope => scope.Trim()).Where(scope => scope.Length > 0).ToList();

    private static string? Redact(string? text, IReadOnlyList<string> secrets) =>
        text is null ? null : secrets.Where(secret => secret.Length > 0).Aggregate(text, (current, secret) => current.Replace(secret, Redacted));

    private static string ContentTypeSuffix(ServiceResponseException answer) =>
        answer.Header("Content-Type") is { } contentType ? $" ({contentType})" : string.Empty;
}

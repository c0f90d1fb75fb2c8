// The one exception type for GitHub's non-success answers: GitHub's error, rate-limit and scope diagnostics, never a secret.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace RestoreSdk;

/// <summary>GitHub answered a restore with a status other than 204 No Content.</summary>
/// <remarks>
/// <see cref="Exception.Message"/> names the package, the status, GitHub's own <c>message</c> and a one-line hint.
/// Neither the token nor the package token ever appears in the message, <see cref="Response"/> or <see cref="Exception.ToString"/>.
/// </remarks>
public partial class GitHubApiException : Exception
{
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

    /// <summary>
    /// The response body as text (GitHub's JSON error, or whatever a proxy sent), with any secret of the call masked: at most its
    /// first 64 KiB, decoded by its charset or else as UTF-8, with a closing note in brackets when it was cut or broke off.
    /// Not escaped: escape it before writing it to a terminal.
    /// </summary>
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

    /// <summary>
    /// For a redirect (3xx) answer, its <c>Location</c> header; when the HttpClient itself followed a redirect, the URI the answer came from.
    /// Secrets masked, line-breaking characters escaped; <see langword="null"/> otherwise. The client never follows a redirect.
    /// </summary>
    public string? RedirectLocation { get; private set; }

    /// <summary>The required classic scopes that <see cref="TokenScopes"/> visibly lacks; empty when none is missing or GitHub did not list the token's scopes.</summary>
    public IReadOnlyList<string> MissingScopes { get; private set; } = None;

    // clientHeldUntil: until when the client's gate holds its restores, having seen this answer; a later end than GitHub's becomes ResetAt.
    internal static GitHubApiException FromResponse(ServiceResponseException answer, RestoreAttempts attempts, DateTimeOffset now, DateTimeOffset? clientHeldUntil)
    {
        var secrets = answer.Secrets;
        var request = attempts.Request;
        if (answer.FollowedRedirectTo is { } followedTo)
        {
            return FollowedRedirect(answer, request, secrets.Show(followedTo)!);
        }

        var body = secrets.Redact(answer.Response);
        var error = ParseError(body);
        var githubMessage = secrets.Show(error?.Message);
        var documentationUrl = secrets.Show(error?.Documentation_url);
        var status = answer.StatusCode;
        var rateLimit = GitHubRateLimit.From(name => secrets.Show(answer.Header(name)));
        var rateLimitKind = RetryRules.KindOf(answer);
        var grantedScopes = Scopes(secrets.Show(answer.Header("X-OAuth-Scopes")));
        var requirements = rateLimitKind == RateLimitKind.None && status is 401 or 403 or 404 ? request.Requirements : null;
        var missing = requirements is not null && grantedScopes is not null && answer.TokenKind.HasOAuthScopes() ? requirements.MissingFrom(grantedScopes) : None;
        var requestId = secrets.Show(answer.Header("X-GitHub-Request-Id"));
        var location = status is >= 300 and < 400 ? secrets.Show(answer.Header("Location")) : null;
        var retryAfter = answer.Header("retry-after");
        var retryAfterWait = RetryRules.RetryAfter(retryAfter, now);
        var resumeAt = ResumeAt(rateLimitKind, retryAfterWait, rateLimit, now, clientHeldUntil); // read only for a rate limit
        var hint = rateLimitKind != RateLimitKind.None
            ? RateLimitHint(rateLimitKind, resumeAt, attempts.Count)
            : status is >= 300 and < 400
                ? RedirectHint(location)
                : Hint(status, requirements is null ? null : AccessHint.For(status, request, requirements, answer.TokenKind, grantedScopes, missing), attempts.EarlierAttemptMayHaveRestored);
        if (retryAfter is not null && retryAfterWait is null && status is 403 or 429)
        {
            hint += $" GitHub's wait was unreadable: retry-after '{Shorten(secrets.Show(retryAfter)!)}' is neither seconds nor an HTTP date, so it was ignored.";
        }

        var what = githubMessage is { Length: > 0 }
            ? $"GitHub answered HTTP {status}: {githubMessage.TrimEnd('.')}.{ValidationErrors(error, answer.Secrets)}"
            : $"GitHub answered HTTP {status} without GitHub's JSON error body{ContentTypeSuffix(answer)}.";
        var message = $"{request.Description} failed. {what}"
            + (hint is null ? string.Empty : " " + hint.TrimStart())
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
        exception.AcceptedScopes = Scopes(secrets.Show(answer.Header("X-Accepted-OAuth-Scopes"))) ?? None;
        exception.Requirements = requirements;
        exception.MissingScopes = missing;
        exception.RedirectLocation = location;
        return exception;
    }

    private static GitHubApiException FollowedRedirect(ServiceResponseException answer, RestoreRequest request, string followedTo)
    {
        var message = $"{request.Description} failed. The HttpClient followed a redirect and sent the request to {followedTo} instead,"
            + $" which answered HTTP {answer.StatusCode}; that is not GitHub's answer to this restore, which did not happen."
            + " Give PackagesClient an HttpClient whose handler does not follow redirects (AllowAutoRedirect = false).";
        return new GitHubApiException(message, answer.StatusCode) { RedirectLocation = followedTo };
    }

    private static string RedirectHint(string? location) =>
        (location is null ? "The answer is a redirect without a Location." : $"The answer redirects to {location}.")
        + " The client never follows redirects; check BaseAddress (for GitHub Enterprise Server it is https://HOST/api/v3).";

    private static string Shorten(string text) => text.Length <= 64 ? text : text.Substring(0, 64) + "...";

    private static string? Hint(int status, string? accessHint, bool earlierAttemptMayHaveRestored) =>
        status == 404 && earlierAttemptMayHaveRestored
            ? accessHint + " An earlier attempt of this call failed after it may have reached GitHub, so it may already have restored the package."
            : accessHint;

    // GitHub's validation detail: each entry of "errors" is a string or an object with resource, field, code and message.
    private static string ValidationErrors(BasicError? error, SecretRedactor secrets)
    {
        if (error?.AdditionalProperties.TryGetValue("errors", out var value) != true || value is not JArray entries || entries.Count == 0)
        {
            return string.Empty;
        }

        var described = entries.Select(entry => secrets.Show(Describe(entry))!.TrimEnd('.'));
        return $" Errors: {string.Join("; ", described)}.";
    }

    private static string Describe(JToken entry)
    {
        if (entry.Type == JTokenType.String)
        {
            return (string)entry!;
        }

        if (entry is not JObject fields)
        {
            return entry.ToString(Formatting.None);
        }

        string? Field(string name) => fields[name] is JValue { Value: not null } field ? field.ToString(CultureInfo.InvariantCulture) : null;
        var subject = string.Join(".", new[] { Field("resource"), Field("field") }.Where(part => !string.IsNullOrEmpty(part)));
        var code = Field("code");
        var detail = Field("message");
        var text = string.Join(" ", new[] { subject, code }.Where(part => !string.IsNullOrEmpty(part)));
        text = detail is null ? text : text.Length == 0 ? detail : $"{text}: {detail}";
        return text.Length > 0 ? text : entry.ToString(Formatting.None);
    }

    // The later of when GitHub allows requests again (retry-after, else a primary limit's reset) and the end of the client's hold.
    private static DateTimeOffset? ResumeAt(RateLimitKind kind, TimeSpan? retryAfterWait, GitHubRateLimit? rateLimit, DateTimeOffset now, DateTimeOffset? clientHeldUntil)
    {
        var githubSays = retryAfterWait is { } wait ? now + wait : kind == RateLimitKind.Primary ? rateLimit?.Reset : null;
        return new[] { githubSays, clientHeldUntil }.Max();
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
        // Stryker disable once Block : the emptied catch block returns default, which is this same null.
        {
            return null;
        }
    }

    private static IReadOnlyList<string>? Scopes(string? header) =>
        header?.Split(',').Select(scope => scope.Trim()).Where(scope => scope.Length > 0).ToList();

    private static string ContentTypeSuffix(ServiceResponseException answer) =>
        answer.Header("Content-Type") is { } contentType ? $" ({Shorten(answer.Secrets.Show(contentType)!)})" : string.Empty;
}

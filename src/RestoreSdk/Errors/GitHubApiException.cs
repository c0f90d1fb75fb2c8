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
        var missing = requirements is not null && grantedScopes is not null && answer.TokenKind.HasOAuthScopes() ? requirements.MissingFrom(grantedScopes) : None;
        var requestId = answer.Header("X-GitHub-Request-Id");
        var resumeAt = rateLimitKind == RateLimitKind.Primary ? rateLimit?.Reset : now + RetryRules.RetryAfter(answer.Header("retry-after"), now);

        var hint = rateLimitKind != RateLimitKind.None
            ? RateLimitHint(rateLimitKind, resumeAt, attempts.Count)
            : Hint(status, requirements is null ? null : AccessHint.For(status, attempts.Request, requirements, answer.TokenKind, grantedScopes, missing), attempts.EarlierAttemptMayHaveRestored);
        var what = githubMessage is { Length: > 0 }
            ? $"GitHub answered HTTP {status}: {githubMessage.TrimEnd('.')}.{ValidationErrors(error, answer.Secrets)}"
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

    private static string? Hint(int status, string? accessHint, bool earlierAttemptMayHaveRestored) =>
        status == 404 && earlierAttemptMayHaveRestored
            ? accessHint + " An earlier attempt of this call failed after it may have reached GitHub, so it may already have restored the package."
            : accessHint;

    // GitHub's validation detail: each entry of "errors" is a string or an object with resource, field, code and message.
    private static string ValidationErrors(BasicError? error, IReadOnlyList<string> secrets)
    {
        if (error?.AdditionalProperties.TryGetValue("errors", out var value) != true || value is not JArray entries || entries.Count == 0)
        {
            return string.Empty;
        }

        var described = entries.Select(entry => Redact(Describe(entry), secrets)!.TrimEnd('.'));
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

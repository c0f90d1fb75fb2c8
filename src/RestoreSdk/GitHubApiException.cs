// The one exception type for GitHub's non-success answers: GitHub's error message, documentation link and request id, never a secret.
using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json;

namespace RestoreSdk;

/// <summary>GitHub answered a restore with a status other than 204 No Content.</summary>
/// <remarks>
/// <see cref="Exception.Message"/> names the package, the status and GitHub's own <c>message</c>.
/// Neither the token nor the package token ever appears in the message, <see cref="Response"/> or <see cref="Exception.ToString"/>.
/// </remarks>
public partial class GitHubApiException : Exception
{
    private const string Redacted = "***";

    /// <summary>Creates an exception for a GitHub answer, for example to stand in for one in a caller's tests.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="statusCode">The HTTP status GitHub answered with.</param>
    public GitHubApiException(string message, int statusCode)
        : this(message, statusCode, null, null, null)
    {
    }

    internal GitHubApiException(string message, int statusCode, string? response, string? documentationUrl, string? requestId)
        : base(message)
    {
        StatusCode = statusCode;
        Response = response;
        DocumentationUrl = documentationUrl;
        RequestId = requestId;
    }

    /// <summary>The HTTP status GitHub answered with.</summary>
    public int StatusCode { get; }

    /// <summary>The response body as text (GitHub's JSON error, or whatever a proxy sent), with any secret of the call masked.</summary>
    public string? Response { get; }

    /// <summary>The <c>documentation_url</c> of GitHub's JSON error, when it had one.</summary>
    public string? DocumentationUrl { get; }

    /// <summary>The <c>X-GitHub-Request-Id</c> response header, to quote when contacting GitHub Support.</summary>
    public string? RequestId { get; }

    internal static GitHubApiException FromResponse(ServiceResponseException response, RestoreRequest request, ClientSettings settings)
    {
        var secrets = request.Secrets(settings).Where(secret => !string.IsNullOrEmpty(secret)).Select(secret => secret!).ToList();
        var body = Redact(response.Response, secrets);
        var error = ParseError(body);
        var requestId = Header(response.Headers, "X-GitHub-Request-Id");
        var status = response.StatusCode;

        var what = error?.Message is { Length: > 0 } githubMessage
            ? $"GitHub answered HTTP {status}: {githubMessage}"
            : $"GitHub answered HTTP {status} without GitHub's JSON error body{ContentTypeSuffix(response.Headers)}";
        var message = $"{request.Description} failed. {what.TrimEnd('.')}."
            + (requestId is null ? string.Empty : $" Request id: {requestId}.")
            + (error?.Documentation_url is { Length: > 0 } docs ? $" See {docs}" : string.Empty);

        return new GitHubApiException(message, status, body, error?.Documentation_url, requestId);
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

    private static string? Redact(string? text, IReadOnlyList<string> secrets) =>
        text is null ? null : secrets.Aggregate(text, (current, secret) => current.Replace(secret, Redacted));

    private static string? Header(IReadOnlyDictionary<string, IEnumerable<string>> headers, string name) =>
        headers.FirstOrDefault(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();

    private static string ContentTypeSuffix(IReadOnlyDictionary<string, IEnumerable<string>> headers) =>
        Header(headers, "Content-Type") is { } contentType ? $" ({contentType})" : string.Empty;
}

// GitHubExceptionFactory builds the SDK's exceptions with every diagnostic a consumer's catch block might read.
using System;
using Newtonsoft.Json.Linq;

namespace RestoreSdk.Testing.Tests;

public class ExceptionFactoryTests
{
    [Fact]
    public void GitHubApiException_carries_every_diagnostic_given()
    {
        var reset = new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);
        var rateLimit = GitHubExceptionFactory.GitHubRateLimit(limit: 5000, remaining: 4000, used: 1000, reset: reset, resource: "core");
        var requirements = RestoreRequirements.ForUser(UserPackageType.Npm);

        var exception = GitHubExceptionFactory.GitHubApiException(
            404,
            message: "Not here.",
            response: "{\"message\":\"Not Found\"}",
            documentationUrl: "https://docs.github.com/rest",
            requestId: "5A1E:0001",
            rateLimit: rateLimit,
            tokenScopes: new[] { "read:packages" },
            acceptedScopes: new[] { "read:packages", "write:packages" },
            requirements: requirements,
            missingScopes: new[] { "write:packages" });

        Assert.IsNotType<RateLimitExceededException>(exception);
        Assert.Equal(404, exception.StatusCode);
        Assert.Equal("Not here.", exception.Message);
        Assert.Equal("Not Found", (string?)JObject.Parse(exception.Response!)["message"]);
        Assert.Equal("https://docs.github.com/rest", exception.DocumentationUrl);
        Assert.Equal("5A1E:0001", exception.RequestId);
        Assert.Same(rateLimit, exception.RateLimit);
        Assert.Equal((5000, 4000, 1000, reset, "core"), (exception.RateLimit!.Limit, exception.RateLimit.Remaining, exception.RateLimit.Used, exception.RateLimit.Reset, exception.RateLimit.Resource));
        Assert.Equal(new[] { "read:packages" }, exception.TokenScopes);
        Assert.Equal(new[] { "read:packages", "write:packages" }, exception.AcceptedScopes);
        Assert.Same(requirements, exception.Requirements);
        Assert.Equal(new[] { "write:packages" }, exception.MissingScopes);
    }

    [Fact]
    public void Missing_scopes_are_worked_out_from_the_requirements_and_token_scopes_when_not_given()
    {
        var exception = GitHubExceptionFactory.GitHubApiException(
            403,
            tokenScopes: new[] { "read:packages", "write:packages" },
            requirements: RestoreRequirements.ForOrg(OrgPackageType.Maven));

        Assert.Equal(new[] { "repo" }, exception.MissingScopes);
        Assert.Contains("403", exception.Message);
    }

    [Fact]
    public void Omitted_diagnostics_are_empty_not_null()
    {
        var exception = GitHubExceptionFactory.GitHubApiException(500);

        Assert.Empty(exception.TokenScopes);
        Assert.Empty(exception.AcceptedScopes);
        Assert.Empty(exception.MissingScopes);
        Assert.Null(exception.RequestId);
        Assert.Null(exception.RateLimit);
    }

    [Fact]
    public void A_primary_RateLimitExceededException_resets_when_its_rate_limit_does()
    {
        var reset = new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);

        var exception = GitHubExceptionFactory.RateLimitExceededException(
            rateLimit: GitHubExceptionFactory.GitHubRateLimit(limit: 5000, remaining: 0, used: 5000, reset: reset),
            requestId: "5A1E:0002");

        Assert.False(exception.IsSecondaryLimit);
        Assert.Equal(reset, exception.ResetAt);
        Assert.Equal(403, exception.StatusCode);
        Assert.Equal("5A1E:0002", exception.RequestId);
        Assert.Equal(0, exception.RateLimit!.Remaining);
        Assert.Null(exception.Requirements);
        Assert.Contains("primary rate limit", exception.Message);
    }

    [Fact]
    public void A_secondary_RateLimitExceededException_resets_when_told()
    {
        var resetAt = new DateTimeOffset(2026, 11, 1, 9, 1, 0, TimeSpan.Zero);

        GitHubApiException exception = GitHubExceptionFactory.RateLimitExceededException(isSecondaryLimit: true, resetAt: resetAt, statusCode: 429);

        var limited = Assert.IsType<RateLimitExceededException>(exception);
        Assert.True(limited.IsSecondaryLimit);
        Assert.Equal(resetAt, limited.ResetAt);
        Assert.Equal(429, limited.StatusCode);
    }
}

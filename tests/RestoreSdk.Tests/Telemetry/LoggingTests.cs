// Pins what the client logs, and that no token or package token reaches any log line, IHttpClientFactory's included.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Tests;

public sealed class LoggingTests
{
    private const string Token = "ghp_NeverLogThisAccessToken";
    private const string PackageToken = "pkg_NeverLogThisPackageToken";

    [Fact]
    public async Task Attempts_answers_and_waits_are_logged_with_route_status_attempt_wait_and_request_id()
    {
        using var stub = new GitHubStub();
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        stub.AnswerInOrder(
            new StubAnswer(503, """{"message":"unavailable"}""", new Dictionary<string, string> { ["X-GitHub-Request-Id"] = "REQ-503" }),
            new StubAnswer(204));

        await stub.Client(options => options.LoggerFactory = loggerFactory).RestorePackageForOrgAsync("acme", OrgPackageType.Npm, "left-pad");

        var events = logs.Logs.Where(log => log.Category == typeof(PackagesClient).FullName).ToList();
        Assert.Equal(new[] { "Sending", "Failed", "Retrying", "Sending", "Restored" }, events.Select(log => log.EventName));
        Assert.Contains(events, log => log.Level == LogLevel.Warning && log.Text.Contains("503") && log.Text.Contains("REQ-503") && log.Text.Contains("Attempt=1"));
        var retrying = Assert.Single(events, log => log.EventName == "Retrying");
        var loggedWait = TimeSpan.Parse(Regex.Match(retrying.Text, @"Wait=([0-9:.]+)").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(loggedWait - Assert.Single(stub.Clock.Waits), TimeSpan.Zero, TimeSpan.FromMilliseconds(1)); // timers get whole milliseconds
        Assert.Contains("Attempt=2", retrying.Text);
        Assert.Contains(events, log => log.Level == LogLevel.Information && log.Text.Contains("Attempt=2"));
        Assert.All(events, log => Assert.Contains("Route=/orgs/{org}/packages/{package_type}/{package_name}/restore", log.Text));
    }

    [Fact]
    public async Task No_secret_reaches_any_log_line_at_trace_level_through_dependency_injection()
    {
        using var stub = new GitHubStub();
        var logs = new CapturingLoggerProvider();
        stub.AnswerInOrder(
            new StubAnswer(503),
            new StubAnswer(403, $$"""{"message":"token {{Token}} / {{PackageToken}} rejected"}""", new Dictionary<string, string> { ["X-OAuth-Scopes"] = "read:packages" }));
        var services = new ServiceCollection();
        services.AddLogging(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddSingleton<TimeProvider>(stub.Clock);
        services.AddPackagesClient(options =>
        {
            options.BaseAddress = stub.BaseAddress;
            options.Token = Token;
            options.MinimumWriteInterval = TimeSpan.Zero;
        });
        using var provider = services.BuildServiceProvider();

        var error = await Assert.ThrowsAsync<GitHubApiException>(
            () => provider.GetRequiredService<IPackagesClient>().RestorePackageForOrgAsync("acme", OrgPackageType.Container, "acme/web", PackageToken));

        Assert.Equal(403, error.StatusCode);
        Assert.Contains(logs.Logs, log => log.Category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal));
        Assert.Contains(logs.Logs, log => log.Category == typeof(PackagesClient).FullName && log.EventName == "Retrying");
        Assert.All(logs.Logs, log =>
        {
            Assert.DoesNotContain(Token, log.Text);
            Assert.DoesNotContain(PackageToken, log.Text);
        });
    }

    [Fact]
    public async Task A_dropped_connection_is_logged_as_a_transport_failure_without_secrets()
    {
        await using var server = new RawHttpRecorder(RawReply.Drop, RawReply.NoContent);
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        var client = new PackagesClient(new PackagesClientOptions
        {
            BaseAddress = server.BaseAddress,
            Token = Token,
            LoggerFactory = loggerFactory,
            TimeProvider = new InstantTimeProvider(),
        });

        await client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad", PackageToken);

        var failure = Assert.Single(logs.Logs, log => log.EventName == "TransportFailed");
        Assert.Equal(LogLevel.Warning, failure.Level);
        Assert.Contains("HttpRequestException", failure.Text);
        Assert.Contains(logs.Logs, log => log.EventName == "Restored" && log.Text.Contains("Attempt=2"));
        Assert.All(logs.Logs, log =>
        {
            Assert.DoesNotContain(Token, log.Text);
            Assert.DoesNotContain(PackageToken, log.Text);
        });
    }

    private const string UserRoute = "/user/packages/{package_type}/{package_name}/restore";

    [Fact]
    public async Task A_restore_logs_sending_at_debug_and_restored_at_information()
    {
        var (logs, _) = await RestoreLoggedAsync(new StubAnswer(204));

        Assert.Equal(
            new[]
            {
                (LogLevel.Debug, 1, "Sending", $"Sending POST {UserRoute} for npm package 'left-pad', attempt 1."),
                (LogLevel.Information, 2, "Restored", $"POST {UserRoute} for npm package 'left-pad' answered 204 on attempt 1."),
            },
            logs.Select(log => (log.Level, log.EventId, log.EventName, MessageOf(log))));
    }

    [Fact]
    public async Task A_404_logs_a_warning_with_status_attempt_and_request_id()
    {
        var (logs, error) = await RestoreLoggedAsync(new StubAnswer(404, """{"message":"Not Found"}""", new Dictionary<string, string> { ["X-GitHub-Request-Id"] = "ABCD:0404" }));

        Assert.Equal(404, Assert.IsType<GitHubApiException>(error).StatusCode);
        var failed = Assert.Single(logs, log => log.EventName == "Failed");
        Assert.Equal((LogLevel.Warning, 3), (failed.Level, failed.EventId));
        Assert.Equal($"POST {UserRoute} for npm package 'left-pad' answered 404 on attempt 1 (request id ABCD:0404).", MessageOf(failed));
        Assert.DoesNotContain(logs, log => log.EventName == "Restored");
    }

    [Theory]
    [InlineData(403, "primary")]
    [InlineData(429, "secondary")]
    public async Task An_exhausted_rate_limit_logs_a_warning_naming_the_limit_and_until_when_the_client_holds(int status, string limit)
    {
        // Either limit ends an hour after the stub clock's start: beyond MaxRetryDelay, so the call gives up and the client holds.
        var headers = limit == "primary"
            ? new Dictionary<string, string> { ["x-ratelimit-remaining"] = "0", ["x-ratelimit-reset"] = new DateTimeOffset(2026, 11, 22, 13, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) }
            : new Dictionary<string, string> { ["retry-after"] = "3600" };
        var body = limit == "primary" ? """{"message":"API rate limit exceeded"}""" : """{"message":"You have exceeded a secondary rate limit."}""";

        var (logs, error) = await RestoreLoggedAsync(new StubAnswer(status, body, headers));

        Assert.IsType<RateLimitExceededException>(error);
        var holding = Assert.Single(logs, log => log.EventName == "Holding");
        Assert.Equal((LogLevel.Warning, 6), (holding.Level, holding.EventId));
        Assert.StartsWith($"POST {UserRoute} for npm package 'left-pad' answered {status} with GitHub's {limit} rate limit exhausted: this client sends no restore until ", MessageOf(holding));
    }

    [Fact]
    public async Task A_retry_logs_a_warning_with_the_wait_and_the_next_attempt()
    {
        var (logs, _) = await RestoreLoggedAsync(new StubAnswer(502, """{"message":"bad gateway"}"""), new StubAnswer(204));

        var retrying = Assert.Single(logs, log => log.EventName == "Retrying");
        Assert.Equal((LogLevel.Warning, 5), (retrying.Level, retrying.EventId));
        Assert.Matches($@"^POST {Regex.Escape(UserRoute)} for npm package 'left-pad': waiting 00:00:\d\d(\.\d+)? before attempt 2\.$", MessageOf(retrying));
    }

    [Fact]
    public async Task A_call_cancelled_before_it_starts_logs_nothing()
    {
        using var stub = new GitHubStub();
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => stub.Client(options => options.LoggerFactory = loggerFactory).RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad", cancellationToken: new CancellationToken(canceled: true)));

        Assert.Empty(logs.Logs);
        Assert.Empty(stub.Requests);
    }

    private static async Task<(IReadOnlyList<CapturedLog> Logs, Exception? Error)> RestoreLoggedAsync(params StubAnswer[] answers)
    {
        using var stub = new GitHubStub();
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        stub.AnswerInOrder(answers);
        var client = stub.Client(options =>
        {
            options.LoggerFactory = loggerFactory;
            options.MaxRetries = answers.Length - 1;
        });

        var error = await Record.ExceptionAsync(() => client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));
        return (logs.Logs.Where(log => log.Category == typeof(PackagesClient).FullName).ToList(), error);
    }

    private static string MessageOf(CapturedLog log) => log.Text[..log.Text.IndexOf(" || ", StringComparison.Ordinal)];
}

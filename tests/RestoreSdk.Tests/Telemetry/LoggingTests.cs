// Pins what the client logs, and that no token or package token reaches any log line, IHttpClientFactory's included.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
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
}

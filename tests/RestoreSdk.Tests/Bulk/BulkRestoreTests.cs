// Pins the bulk restore: validation before sending, in-order spaced requests, per-package outcomes, the stop rules and progress reports.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Tests;

public sealed class BulkRestoreTests
{
    private static readonly PackageToRestore LeftPad = PackageToRestore.ForUser(UserPackageType.Npm, "left-pad");
    private static readonly PackageToRestore Web = PackageToRestore.ForOrg("acme", OrgPackageType.Container, "acme/web");
    private static readonly PackageToRestore Core = PackageToRestore.ForOrg("acme", OrgPackageType.Maven, "com.acme.core");
    private static readonly PackageToRestore Gem = PackageToRestore.ForUser(UserPackageType.RubyGems, "rails-ext");

    [Fact(Timeout = 30_000)]
    public async Task Mixed_answers_give_one_outcome_each_in_order_with_requests_spaced_a_second_apart()
    {
        using var stub = new GitHubStub();
        stub.AnswerInOrder(
            new StubAnswer(204, Headers: new Dictionary<string, string> { ["X-GitHub-Request-Id"] = "REQ:1" }),
            new StubAnswer(404, """{"message":"Package not found."}"""),
            new StubAnswer(403, """{"message":"Must have admin rights to Repository."}""", new Dictionary<string, string> { ["X-OAuth-Scopes"] = "read:packages, write:packages" }),
            new StubAnswer(502),
            new StubAnswer(204, Headers: new Dictionary<string, string> { ["X-GitHub-Request-Id"] = "REQ:5" }));
        var clock = new SteppedClock();
        var handler = new ClockStampingHandler(clock);
        var client = new PackagesClient(new HttpClient(handler), stub.Options(options =>
        {
            options.TimeProvider = clock;
            options.MinimumWriteInterval = TimeSpan.FromSeconds(1);
        }));
        var progress = new RecordingProgress();

        var result = await clock.DriveAsync(client.RestorePackagesAsync(new[] { LeftPad, Web, Core, Gem }, progress));

        Assert.Equal(new[] { PackageRestoreStatus.Restored, PackageRestoreStatus.Failed, PackageRestoreStatus.Failed, PackageRestoreStatus.Restored }, result.Outcomes.Select(outcome => outcome.Status));
        Assert.Equal(new[] { 0, 1, 2, 3 }, result.Outcomes.Select(outcome => outcome.Index));
        Assert.Equal(new[] { LeftPad, Web, Core, Gem }, result.Outcomes.Select(outcome => outcome.Package));
        Assert.All(result.Outcomes, outcome => Assert.True(outcome.WasSent));
        Assert.Equal("REQ:1", result.Outcomes[0].Result!.RequestId);
        Assert.Equal(404, Assert.IsType<GitHubApiException>(result.Outcomes[1].Error).StatusCode);
        var forbidden = Assert.IsType<GitHubApiException>(result.Outcomes[2].Error);
        Assert.Equal(403, forbidden.StatusCode);
        Assert.Equal(new[] { "repo" }, forbidden.MissingScopes);
        Assert.Equal(2, result.Outcomes[3].Result!.Attempts);
        Assert.Equal("REQ:5", result.Outcomes[3].Result!.RequestId);
        Assert.Equal((BulkRestoreStopReason.None, 2, 2, 0), (result.StopReason, result.RestoredCount, result.FailedCount, result.NotAttemptedCount));

        Assert.Equal(result.Outcomes, progress.Reports);
        Assert.Equal(
            new[]
            {
                "/user/packages/npm/left-pad/restore",
                "/orgs/acme/packages/container/acme%2Fweb/restore",
                "/orgs/acme/packages/maven/com.acme.core/restore",
                "/user/packages/rubygems/rails-ext/restore",
                "/user/packages/rubygems/rails-ext/restore",
            },
            handler.Requests.Select(request => request.Target));
        var sent = handler.Requests.Select(request => request.At).ToList();
        Assert.All(sent.Zip(sent.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromSeconds(1), $"requests at {pair.First:O} and {pair.Second:O} are less than a second apart"));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_401_stops_the_batch_and_leaves_later_packages_not_attempted()
    {
        using var stub = new GitHubStub();
        stub.AnswerInOrder(new StubAnswer(204), new StubAnswer(401, """{"message":"Bad credentials"}"""));
        var progress = new RecordingProgress();

        var result = await stub.Client().RestorePackagesAsync(new[] { LeftPad, Web, Core, Gem }, progress);

        Assert.Equal(
            new[] { PackageRestoreStatus.Restored, PackageRestoreStatus.Failed, PackageRestoreStatus.NotAttempted, PackageRestoreStatus.NotAttempted },
            result.Outcomes.Select(outcome => outcome.Status));
        Assert.Equal(BulkRestoreStopReason.Unauthorized, result.StopReason);
        Assert.Equal(401, Assert.IsType<GitHubApiException>(result.Outcomes[1].Error).StatusCode);
        Assert.All(result.Outcomes.Skip(2), outcome => Assert.False(outcome.WasSent));
        Assert.Equal(2, stub.Requests.Count);
        Assert.Equal(4, progress.Reports.Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task The_log_sums_up_the_batch_without_package_tokens()
    {
        using var stub = new GitHubStub();
        stub.AnswerInOrder(new StubAnswer(204), new StubAnswer(401, """{"message":"Bad credentials"}"""));
        using var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var packages = new[] { PackageToRestore.ForUser(UserPackageType.Npm, "left-pad", "pkg_bulk_secret"), Web, Core };

        await stub.Client(options => options.LoggerFactory = loggerFactory).RestorePackagesAsync(packages);

        var summary = Assert.Single(logs.Logs, log => log.EventName == "BulkFinished");
        Assert.Equal(LogLevel.Information, summary.Level);
        Assert.StartsWith("Bulk restore of 3 packages: 1 restored, 1 failed, 1 not attempted; stopped early: Unauthorized.", summary.Text);
        Assert.DoesNotContain(logs.Logs, log => log.Text.Contains("pkg_bulk_secret"));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_rate_limit_beyond_MaxRetryDelay_stops_the_batch_with_the_time_GitHub_allows_requests_again()
    {
        using var stub = new GitHubStub();
        var clock = new SteppedClock();
        var reset = clock.Start + TimeSpan.FromHours(1);
        stub.Answer(403, """{"message":"API rate limit exceeded"}""", headers: new Dictionary<string, string>
        {
            ["x-ratelimit-remaining"] = "0",
            ["x-ratelimit-reset"] = reset.ToUnixTimeSeconds().ToString(),
        });

        var result = await stub.Client(options => options.TimeProvider = clock).RestorePackagesAsync(new[] { LeftPad, Web, Core });

        Assert.Equal(BulkRestoreStopReason.RateLimited, result.StopReason);
        Assert.Equal(reset, result.RetryAt);
        Assert.Equal(reset, Assert.IsType<RateLimitExceededException>(result.Outcomes[0].Error).ResetAt);
        Assert.True(result.Outcomes[0].WasSent);
        Assert.Equal(new[] { PackageRestoreStatus.NotAttempted, PackageRestoreStatus.NotAttempted }, result.Outcomes.Skip(1).Select(outcome => outcome.Status));
        Assert.Single(stub.Requests);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_204_exhausting_the_primary_limit_stops_the_batch_at_the_next_package_without_sending_it()
    {
        using var stub = new GitHubStub();
        var clock = new SteppedClock();
        var reset = clock.Start + TimeSpan.FromMinutes(45);
        stub.Answer(204, headers: new Dictionary<string, string>
        {
            ["x-ratelimit-remaining"] = "0",
            ["x-ratelimit-reset"] = reset.ToUnixTimeSeconds().ToString(),
        });

        var result = await stub.Client(options => options.TimeProvider = clock).RestorePackagesAsync(new[] { LeftPad, Web, Core });

        Assert.Equal(new[] { PackageRestoreStatus.Restored, PackageRestoreStatus.Failed, PackageRestoreStatus.NotAttempted }, result.Outcomes.Select(outcome => outcome.Status));
        Assert.Equal(0, result.Outcomes[0].Result!.RateLimit!.Remaining);
        Assert.Equal(reset, Assert.IsType<RateLimitExceededException>(result.Outcomes[1].Error).ResetAt);
        Assert.False(result.Outcomes[1].WasSent);
        Assert.Equal((BulkRestoreStopReason.RateLimited, (DateTimeOffset?)reset), (result.StopReason, result.RetryAt));
        Assert.Single(stub.Requests);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_short_rate_limit_is_waited_out_and_the_batch_goes_on()
    {
        using var stub = new GitHubStub();
        stub.AnswerInOrder(
            new StubAnswer(429, """{"message":"You have exceeded a secondary rate limit."}""", new Dictionary<string, string> { ["retry-after"] = "10" }),
            new StubAnswer(204));
        var clock = new SteppedClock();
        var handler = new ClockStampingHandler(clock);
        var client = new PackagesClient(new HttpClient(handler), stub.Options(options =>
        {
            options.TimeProvider = clock;
            options.MaxRetries = 0;
        }));

        var result = await clock.DriveAsync(client.RestorePackagesAsync(new[] { LeftPad, Web }));

        Assert.Equal(BulkRestoreStopReason.None, result.StopReason);
        Assert.IsType<RateLimitExceededException>(result.Outcomes[0].Error);
        Assert.Equal(PackageRestoreStatus.Restored, result.Outcomes[1].Status);
        Assert.Equal(clock.Start + TimeSpan.FromSeconds(10), handler.Requests[1].At);
    }

    [Fact(Timeout = 30_000)]
    public async Task Duplicates_are_restored_once_keeping_the_first_listing()
    {
        using var stub = new GitHubStub();
        var packages = new[]
        {
            LeftPad,
            Web,
            PackageToRestore.ForUser(UserPackageType.Npm, "left-pad", "pkg_second_listing"),
            PackageToRestore.ForOrg("acme", OrgPackageType.Container, "acme/web"),
            PackageToRestore.ForOrg("other", OrgPackageType.Container, "acme/web"),
        };

        var result = await stub.Client().RestorePackagesAsync(packages);

        Assert.Equal(new[] { LeftPad, Web, packages[4] }, result.Outcomes.Select(outcome => outcome.Package));
        Assert.Equal(new[] { 0, 1, 2 }, result.Outcomes.Select(outcome => outcome.Index));
        Assert.Equal(3, stub.Requests.Count);
        Assert.DoesNotContain(stub.Requests, request => request.RawQuery?.Contains("pkg_second_listing") == true);
    }

    [Fact]
    public void An_organization_login_is_compared_ignoring_case_and_the_package_name_is_not()
    {
        var lower = PackageToRestore.ForOrg("acme", OrgPackageType.Npm, "left-pad");
        var upper = PackageToRestore.ForOrg("ACME", OrgPackageType.Npm, "left-pad");

        Assert.Equal(lower, upper);
        Assert.Equal(lower.GetHashCode(), upper.GetHashCode());
        Assert.Single(new HashSet<PackageToRestore> { lower, upper, PackageToRestore.ForOrg("Acme", OrgPackageType.Npm, "left-pad") });
        Assert.NotEqual(lower, PackageToRestore.ForOrg("acme", OrgPackageType.Npm, "LEFT-PAD"));
        Assert.NotEqual(lower, PackageToRestore.ForOrg("acme", OrgPackageType.Maven, "left-pad"));
    }

    [Fact(Timeout = 30_000)]
    public async Task Cancelling_while_a_request_is_out_fails_that_package_as_sent_and_stops_the_batch_without_throwing()
    {
        using var stub = new GitHubStub();
        using var cancellation = new CancellationTokenSource();
        var handler = new ClockStampingHandler(TimeProvider.System) { BeforeSend = index => { if (index == 1) cancellation.Cancel(); } };
        var client = new PackagesClient(new HttpClient(handler), stub.Options());

        var result = await client.RestorePackagesAsync(new[] { LeftPad, Web, Core }, cancellationToken: cancellation.Token);

        Assert.Equal(BulkRestoreStopReason.Cancelled, result.StopReason);
        Assert.Equal(new[] { PackageRestoreStatus.Restored, PackageRestoreStatus.Failed, PackageRestoreStatus.NotAttempted }, result.Outcomes.Select(outcome => outcome.Status));
        Assert.IsAssignableFrom<OperationCanceledException>(result.Outcomes[1].Error);
        Assert.Equal(new[] { true, true, false }, result.Outcomes.Select(outcome => outcome.WasSent));
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task Cancelling_while_a_package_waits_its_turn_fails_it_as_not_sent()
    {
        using var stub = new GitHubStub();
        var clock = new SteppedClock();
        using var cancellation = new CancellationTokenSource();
        var client = stub.Client(options =>
        {
            options.TimeProvider = clock;
            options.MinimumWriteInterval = TimeSpan.FromSeconds(1);
        });

        var batch = client.RestorePackagesAsync(new[] { LeftPad, Web, Core }, cancellationToken: cancellation.Token);
        Assert.Equal(TimeSpan.FromSeconds(1), await clock.NextWaitAsync());
        cancellation.Cancel();
        var result = await batch;

        Assert.Equal(BulkRestoreStopReason.Cancelled, result.StopReason);
        Assert.Equal(new[] { PackageRestoreStatus.Restored, PackageRestoreStatus.Failed, PackageRestoreStatus.NotAttempted }, result.Outcomes.Select(outcome => outcome.Status));
        Assert.IsAssignableFrom<OperationCanceledException>(result.Outcomes[1].Error);
        Assert.Equal(new[] { true, false, false }, result.Outcomes.Select(outcome => outcome.WasSent));
        Assert.Single(stub.Requests);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_attempt_that_times_out_fails_only_its_package_and_the_batch_goes_on()
    {
        // GitHub never answers the second restore; AttemptTimeout ends it, which is not the caller cancelling.
        await using var server = new RawHttpRecorder(RawReply.NoContent, RawReply.Hold, RawReply.NoContent);
        var client = new PackagesClient(new PackagesClientOptions
        {
            BaseAddress = server.BaseAddress,
            AttemptTimeout = TimeSpan.FromSeconds(2),
            MaxRetries = 0,
            MinimumWriteInterval = TimeSpan.Zero,
        });

        var result = await client.RestorePackagesAsync(new[] { LeftPad, Web, Core });

        Assert.Equal(BulkRestoreStopReason.None, result.StopReason);
        Assert.Null(result.RetryAt);
        Assert.Equal(new[] { PackageRestoreStatus.Restored, PackageRestoreStatus.Failed, PackageRestoreStatus.Restored }, result.Outcomes.Select(outcome => outcome.Status));
        Assert.IsType<TimeoutException>(Assert.IsType<TaskCanceledException>(result.Outcomes[1].Error).InnerException);
        Assert.True(result.Outcomes[1].WasSent);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task Cancelling_while_the_last_packages_request_is_out_still_reports_the_batch_as_cancelled()
    {
        using var stub = new GitHubStub();
        using var cancellation = new CancellationTokenSource();
        var handler = new ClockStampingHandler(TimeProvider.System) { BeforeSend = index => { if (index == 1) cancellation.Cancel(); } };
        var client = new PackagesClient(new HttpClient(handler), stub.Options());

        var result = await client.RestorePackagesAsync(new[] { LeftPad, Web }, cancellationToken: cancellation.Token);

        Assert.Equal(BulkRestoreStopReason.Cancelled, result.StopReason);
        Assert.Equal(new[] { PackageRestoreStatus.Restored, PackageRestoreStatus.Failed }, result.Outcomes.Select(outcome => outcome.Status));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_rate_limit_of_exactly_MaxRetryDelay_is_waited_out_by_the_next_package()
    {
        using var stub = new GitHubStub();
        stub.AnswerInOrder(
            new StubAnswer(429, """{"message":"You have exceeded a secondary rate limit."}""", new Dictionary<string, string> { ["retry-after"] = "60" }),
            new StubAnswer(204));
        var clock = new SteppedClock();
        var client = stub.Client(options =>
        {
            options.TimeProvider = clock;
            options.MaxRetries = 0;
            options.MaxRetryDelay = TimeSpan.FromSeconds(60);
        });

        var result = await clock.DriveAsync(client.RestorePackagesAsync(new[] { LeftPad, Web }));

        Assert.Equal((BulkRestoreStopReason.None, (DateTimeOffset?)null), (result.StopReason, result.RetryAt));
        Assert.Equal(new[] { PackageRestoreStatus.Failed, PackageRestoreStatus.Restored }, result.Outcomes.Select(outcome => outcome.Status));
        Assert.Equal(clock.Start + TimeSpan.FromSeconds(60), clock.GetUtcNow());
    }

    [Fact(Timeout = 30_000)]
    public async Task An_already_cancelled_token_sends_nothing_and_marks_every_package_not_attempted()
    {
        using var stub = new GitHubStub();

        var result = await stub.Client().RestorePackagesAsync(new[] { LeftPad, Web }, cancellationToken: new CancellationToken(canceled: true));

        Assert.Equal(BulkRestoreStopReason.Cancelled, result.StopReason);
        Assert.Equal(2, result.NotAttemptedCount);
        Assert.Empty(stub.Requests);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_package_token_bound_for_plain_http_is_refused_with_its_index_before_anything_is_sent()
    {
        using var stub = new GitHubStub();
        var handler = new ClockStampingHandler(TimeProvider.System);
        var client = new PackagesClient(new HttpClient(handler), new PackagesClientOptions { BaseAddress = new Uri("http://ghes.example/api/v3") });
        var packages = new[] { LeftPad, Web, PackageToRestore.ForOrg("acme", OrgPackageType.Npm, "private", "pkg_plain_http_secret") };

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => client.RestorePackagesAsync(packages));

        Assert.Equal("packages", refused.ParamName);
        Assert.Contains("packages[2]", refused.Message);
        Assert.Contains("plain http", refused.Message);
        Assert.DoesNotContain("pkg_plain_http_secret", refused.ToString());
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task A_null_package_or_list_is_refused_before_anything_is_sent()
    {
        using var stub = new GitHubStub();
        var client = stub.Client();

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => client.RestorePackagesAsync(new[] { LeftPad, null! }));
        await Assert.ThrowsAsync<ArgumentNullException>(() => client.RestorePackagesAsync(null!));

        Assert.Contains("packages[1] is null", refused.Message);
        Assert.Empty(stub.Requests);
    }

    [Fact]
    public void A_package_is_checked_when_created_and_its_token_stays_private()
    {
        Assert.Throws<ArgumentException>(() => PackageToRestore.ForOrg("acme", OrgPackageType.Npm, " "));
        Assert.Throws<ArgumentOutOfRangeException>(() => PackageToRestore.ForUser((UserPackageType)42, "left-pad"));

        var withToken = PackageToRestore.ForOrg("acme", OrgPackageType.Npm, "left-pad", "pkg_private");
        var withoutToken = PackageToRestore.ForOrg("acme", OrgPackageType.Npm, "left-pad");

        Assert.Equal(withoutToken, withToken);
        Assert.Equal(withoutToken.GetHashCode(), withToken.GetHashCode());
        Assert.NotEqual(withoutToken, PackageToRestore.ForOrg("acme", OrgPackageType.Npm, "Left-Pad"));
        Assert.NotEqual(PackageToRestore.ForUser(UserPackageType.Npm, "left-pad"), withoutToken);
        Assert.Equal("npm package 'left-pad' of organization 'acme'", withToken.ToString());
        Assert.Equal(("acme", "npm", "left-pad"), (withToken.Org, withToken.PackageType, withToken.PackageName));
        Assert.DoesNotContain(typeof(PackageToRestore).GetProperties(), property => property.GetValue(withToken) is "pkg_private");
    }

    private sealed class RecordingProgress : IProgress<PackageRestoreOutcome>
    {
        private readonly List<PackageRestoreOutcome> _reports = new List<PackageRestoreOutcome>();

        public IReadOnlyList<PackageRestoreOutcome> Reports => _reports;

        public void Report(PackageRestoreOutcome value) => _reports.Add(value);
    }
}

// Pins the telemetry of each way a restore or a batch ends, and the RestoreSdk Meter's instruments themselves, as a dashboard or trace backend sees them.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Tests;

public sealed class TelemetryOutcomeTests
{
    private const string UserRoute = "/user/packages/{package_type}/{package_name}/restore";
    private const string Duration = "restoresdk.client.operation.duration";
    private const string Retries = "restoresdk.client.retries";
    private const string RateLimitWait = "restoresdk.client.rate_limit.wait.duration";
    private const string SecondaryLimitBody = """{"message":"You have exceeded a secondary rate limit."}""";

    [Fact]
    public void The_meter_publishes_three_instruments_with_units_descriptions_and_second_buckets_up_to_an_hour()
    {
        var published = new List<Instrument>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == "RestoreSdk")
                {
                    published.Add(instrument);
                }
            },
        };
        _ = RestoreTelemetry.Retries;
        listener.Start();

        var duration = Assert.IsType<Histogram<double>>(Assert.Single(published, instrument => instrument.Name == Duration));
        Assert.Equal("s", duration.Unit);
        Assert.Equal("Duration of a public restore call, from the first attempt to the final answer, retries and waits included.", duration.Description);
        var retries = Assert.IsType<Counter<long>>(Assert.Single(published, instrument => instrument.Name == Retries));
        Assert.Equal("{retry}", retries.Unit);
        Assert.Equal("Attempts the client repeated after a rate limit, a 502/503/504 or a transport failure.", retries.Description);
        var wait = Assert.IsType<Histogram<double>>(Assert.Single(published, instrument => instrument.Name == RateLimitWait));
        Assert.Equal("s", wait.Unit);
        Assert.Equal(
            "How long the client waited for a GitHub rate limit before trying again, or before sending within its own write budget (restoresdk.rate_limit.kind writes_per_hour or writes_per_minute).",
            wait.Description);
        Assert.Equal(3, published.Count);

        // The default buckets end at 10 s; waits for GitHub's limits and the hourly write budget need buckets up to an hour.
        foreach (var buckets in new[] { duration.Advice?.HistogramBucketBoundaries, wait.Advice?.HistogramBucketBoundaries })
        {
            Assert.NotNull(buckets);
            Assert.Equal(buckets.OrderBy(bound => bound), buckets);
            Assert.True(buckets[0] <= 0.1, "a fast 204 needs sub-second buckets");
            Assert.Contains(10.0, buckets);
            Assert.Contains(60.0, buckets);
            Assert.Equal(3600, buckets[^1]);
        }
    }

    [Fact]
    public async Task The_call_activity_names_the_server_it_was_sent_to()
    {
        using var stub = new GitHubStub();
        using var telemetry = new TelemetryCapture(stub.BaseAddress);

        await stub.Client().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad");

        var activity = Assert.Single(telemetry.Activities);
        Assert.Equal(stub.BaseAddress.Host, activity.GetTagItem("server.address"));
        Assert.Equal(stub.BaseAddress.Port, activity.GetTagItem("server.port"));
        Assert.Equal(stub.BaseAddress.Host, Assert.Single(telemetry.Measurements(Duration)).Tags["server.address"]);
    }

    [Fact]
    public async Task A_transport_failure_after_an_answer_drops_the_earlier_answers_status_and_request_id()
    {
        var address = new Uri("https://ghe.example:47212/api/v3/");
        using var telemetry = new TelemetryCapture(address);
        using var http = new HttpClient(new UnavailableThenUnreachable());
        var client = new PackagesClient(http, new PackagesClientOptions { BaseAddress = address, TimeProvider = new InstantTimeProvider(), MinimumWriteInterval = TimeSpan.Zero, MaxRetries = 1 });

        await Assert.ThrowsAsync<HttpRequestException>(() => client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        var activity = Assert.Single(telemetry.Activities);
        Assert.Equal("transport_error", activity.GetTagItem("restoresdk.outcome"));
        Assert.Equal(typeof(HttpRequestException).FullName, activity.GetTagItem("error.type"));
        Assert.Null(activity.GetTagItem("http.response.status_code"));
        Assert.Null(activity.GetTagItem("restoresdk.github.request_id"));
        Assert.Equal(1, activity.GetTagItem("http.request.resend_count"));
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal(typeof(HttpRequestException).FullName, activity.StatusDescription);
    }

    [Fact]
    public async Task A_failure_that_is_neither_an_answer_a_transport_failure_nor_a_cancellation_is_outcome_error()
    {
        using var stub = new GitHubStub();
        using var telemetry = new TelemetryCapture(stub.BaseAddress);

        await Assert.ThrowsAsync<InvalidOperationException>(() => stub.Client(options => options.TokenProvider = _ => null!).RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        Assert.Empty(stub.Requests);
        var activity = Assert.Single(telemetry.Activities);
        Assert.Equal("error", activity.GetTagItem("restoresdk.outcome"));
        Assert.Equal(typeof(InvalidOperationException).FullName, activity.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        var duration = Assert.Single(telemetry.Measurements(Duration));
        Assert.Equal("error", duration.Tags["restoresdk.outcome"]);
        Assert.Equal(typeof(InvalidOperationException).FullName, duration.Tags["error.type"]);
    }

    [Fact]
    public async Task A_secondary_rate_limit_retried_is_counted_and_its_wait_recorded_as_secondary()
    {
        using var stub = new GitHubStub();
        using var telemetry = new TelemetryCapture(stub.BaseAddress);
        stub.AnswerInOrder(new StubAnswer(403, SecondaryLimitBody, new Dictionary<string, string> { ["retry-after"] = "7" }), new StubAnswer(204));

        await stub.Client().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad");

        var retried = Assert.Single(telemetry.Measurements(Retries));
        Assert.Equal("secondary_rate_limit", retried.Tags["restoresdk.retry.reason"]);
        Assert.Equal("403", retried.Tags["error.type"]);
        var wait = Assert.Single(telemetry.Measurements(RateLimitWait));
        Assert.Equal("secondary", wait.Tags["restoresdk.rate_limit.kind"]);
        Assert.InRange(wait.Value, 7, 8); // retry-after, plus jitter
        var retry = Assert.Single(Assert.Single(telemetry.Activities).Events);
        Assert.Equal("secondary_rate_limit", retry.Tags.Single(tag => tag.Key == "restoresdk.retry.reason").Value);
    }

    [Fact]
    public async Task A_call_held_at_the_gate_by_another_calls_secondary_limit_records_a_secondary_wait()
    {
        using var stub = new GitHubStub();
        using var telemetry = new TelemetryCapture(stub.BaseAddress);
        stub.AnswerInOrder(new StubAnswer(429, SecondaryLimitBody, new Dictionary<string, string> { ["retry-after"] = "30" }), new StubAnswer(204));
        var client = stub.Client(options => options.MaxRetries = 0);

        await Assert.ThrowsAsync<RateLimitExceededException>(() => client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));
        await client.RestorePackageForAuthenticatedUserAsync(UserPackageType.RubyGems, "rails-ext");

        var wait = Assert.Single(telemetry.Measurements(RateLimitWait));
        Assert.Equal("secondary", wait.Tags["restoresdk.rate_limit.kind"]);
        Assert.Equal("rubygems", wait.Tags["restoresdk.package.type"]);
        var held = Assert.Single(telemetry.Activities, activity => (string?)activity.GetTagItem("restoresdk.package.type") == "rubygems");
        Assert.Equal("secondary", Assert.Single(held.Events).Tags.Single(tag => tag.Key == "restoresdk.rate_limit.kind").Value);
    }

    [Fact]
    public async Task A_wait_for_the_minute_budget_is_logged_per_minute_and_measured_as_writes_per_minute()
    {
        using var stub = new GitHubStub();
        using var telemetry = new TelemetryCapture(stub.BaseAddress);
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        var now = stub.Clock.GetUtcNow();
        var client = stub.Client(options =>
        {
            options.WritesPerMinute = 2;
            options.PreviousWriteTimes = new[] { now.AddSeconds(-20), now.AddSeconds(-10) };
            options.LoggerFactory = loggerFactory;
        });

        await client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad");

        var logged = Assert.Single(logs.Logs, log => log.EventName == "WaitingForWriteBudget");
        Assert.Equal(LogLevel.Warning, logged.Level);
        Assert.Equal(
            $"POST {UserRoute} for npm package 'left-pad' waits until {now.AddSeconds(40):u}: the client's WritesPerMinute budget (2 per minute) is spent (GitHub's secondary rate limit).",
            logged.Text[..logged.Text.IndexOf(" || ", StringComparison.Ordinal)]);
        var measured = Assert.Single(telemetry.Measurements(RateLimitWait));
        Assert.Equal("writes_per_minute", measured.Tags["restoresdk.rate_limit.kind"]);
        Assert.Equal(40, measured.Value, 3);
        var held = Assert.Single(Assert.Single(telemetry.Activities).Events);
        Assert.Equal("restoresdk.rate_limit.wait", held.Name);
        Assert.Equal("writes_per_minute", held.Tags.Single(tag => tag.Key == "restoresdk.rate_limit.kind").Value);
    }

    [Fact]
    public async Task A_stopped_batch_tags_its_stop_reason_and_counts_failed_and_not_attempted_packages_as_not_restored()
    {
        using var stub = new GitHubStub();
        using var telemetry = new TelemetryCapture(stub.BaseAddress);
        stub.AnswerInOrder(new StubAnswer(404, """{"message":"Not Found"}"""), new StubAnswer(401, """{"message":"Bad credentials"}"""));
        var packages = new[] { "a", "b", "c", "d", "e" }.Select(name => PackageToRestore.ForUser(UserPackageType.Npm, name));

        var result = await stub.Client().RestorePackagesAsync(packages);

        Assert.Equal((0, 2, 3), (result.RestoredCount, result.FailedCount, result.NotAttemptedCount));
        var batch = Assert.Single(telemetry.Activities, activity => activity.OperationName == "PackagesClient.RestorePackages");
        Assert.Equal("Unauthorized", batch.GetTagItem("restoresdk.batch.stop_reason"));
        Assert.Equal(stub.BaseAddress.Host, batch.GetTagItem("server.address"));
        Assert.Equal(ActivityStatusCode.Error, batch.Status);
        Assert.Equal("5 of 5 not restored", batch.StatusDescription);
    }

    [Fact]
    public async Task A_batch_where_every_package_is_restored_keeps_status_unset()
    {
        using var stub = new GitHubStub();
        using var telemetry = new TelemetryCapture(stub.BaseAddress);

        await stub.Client().RestorePackagesAsync(new[] { PackageToRestore.ForUser(UserPackageType.Npm, "a"), PackageToRestore.ForUser(UserPackageType.Npm, "b") });

        var batch = Assert.Single(telemetry.Activities, activity => activity.OperationName == "PackagesClient.RestorePackages");
        Assert.Equal(ActivityStatusCode.Unset, batch.Status);
        Assert.Equal(2, batch.GetTagItem("restoresdk.batch.restored"));
        Assert.Null(batch.GetTagItem("restoresdk.batch.stop_reason"));
    }

    [Fact]
    public async Task A_batch_ended_by_an_exception_is_marked_interrupted()
    {
        using var stub = new GitHubStub();
        using var telemetry = new TelemetryCapture(stub.BaseAddress);

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => stub.Client().RestorePackagesAsync(new[] { PackageToRestore.ForUser(UserPackageType.Npm, "a") }, new ThrowingProgress()));

        var batch = Assert.Single(telemetry.Activities, activity => activity.OperationName == "PackagesClient.RestorePackages");
        Assert.Equal(ActivityStatusCode.Error, batch.Status);
        Assert.Equal("interrupted", batch.StatusDescription);
        Assert.Null(batch.GetTagItem("restoresdk.batch.restored"));
    }

    [Fact]
    public async Task An_answer_with_two_request_ids_is_tagged_with_the_first_the_result_also_reports()
    {
        var address = new Uri("https://ghe.example:47211/api/v3/");
        using var telemetry = new TelemetryCapture(address);
        using var http = new HttpClient(new TwoRequestIds());
        var client = new PackagesClient(http, new PackagesClientOptions { BaseAddress = address, TimeProvider = new InstantTimeProvider(), MinimumWriteInterval = TimeSpan.Zero });

        var result = await client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad");

        var activity = Assert.Single(telemetry.Activities);
        Assert.Equal(204, activity.GetTagItem("http.response.status_code"));
        Assert.Equal(("AAAA:0001", "AAAA:0001"), (activity.GetTagItem("restoresdk.github.request_id"), result.RequestId));
    }

    [Theory]
    [InlineData("af:fa", true)]
    [InlineData("AF:FA", true)]
    [InlineData("a0:9f", true)]
    [InlineData("ag:12", false)]
    [InlineData("", false)]
    public void Hex_digits_a_to_f_in_either_case_make_a_request_id(string header, bool kept)
    {
        Assert.Equal(kept ? header : null, RestoreTelemetry.RequestIdOf(header));
    }

    [Fact]
    public void A_request_id_longer_than_64_characters_is_dropped()
    {
        var longest = "ABCD:" + new string('1', 59);
        Assert.Equal(64, longest.Length);

        Assert.Equal(longest, RestoreTelemetry.RequestIdOf(longest));
        Assert.Null(RestoreTelemetry.RequestIdOf(longest + "1"));
    }

    private sealed class ThrowingProgress : IProgress<PackageRestoreOutcome>
    {
        public void Report(PackageRestoreOutcome value) => throw new InvalidOperationException("progress handler broke");
    }

    private sealed class UnavailableThenUnreachable : HttpMessageHandler
    {
        private int _calls;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) > 1)
            {
                throw new HttpRequestException("connection refused");
            }

            var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request, Content = new StringContent("""{"message":"unavailable"}""") };
            response.Headers.Add("X-GitHub-Request-Id", "AAAA:0503");
            return Task.FromResult(response);
        }
    }

    private sealed class TwoRequestIds : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(HttpStatusCode.NoContent) { RequestMessage = request };
            response.Headers.Add("X-GitHub-Request-Id", new[] { "AAAA:0001", "BBBB:0002" });
            return Task.FromResult(response);
        }
    }
}

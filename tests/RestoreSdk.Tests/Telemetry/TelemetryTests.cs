// Pins the RestoreSdk ActivitySource and Meter: one activity and one duration per call, retries and rate-limit waits, and no secret in any tag.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Tests;

public sealed class TelemetryTests
{
    private const string OrgRoute = "/orgs/{org}/packages/{package_type}/{package_name}/restore";
    private const string UserRoute = "/user/packages/{package_type}/{package_name}/restore";
    private const string Duration = "restoresdk.client.operation.duration";
    private const string Retries = "restoresdk.client.retries";
    private const string RateLimitWait = "restoresdk.client.rate_limit.wait.duration";

    [Fact]
    public async Task A_restored_package_gives_one_client_activity_and_one_success_duration()
    {
        using var stub = new GitHubStub();
        using var telemetry = new TelemetryCapture(stub.BaseAddress);
        stub.Answer(204, headers: new Dictionary<string, string> { ["X-GitHub-Request-Id"] = "C0DE:1234:5B6A7:8F9E0:65A1B2C3" });

        await stub.Client().RestorePackageForOrgAsync("acme", OrgPackageType.Container, "acme/web");

        var activity = Assert.Single(telemetry.Activities);
        Assert.Equal("RestoreSdk", activity.Source.Name);
        Assert.Equal("PackagesClient.RestorePackageForOrg", activity.OperationName);
        Assert.Equal(ActivityKind.Client, activity.Kind);
        Assert.Equal(ActivityStatusCode.Unset, activity.Status);
        Assert.Equal(OrgRoute, activity.GetTagItem("url.template"));
        Assert.Equal("POST", activity.GetTagItem("http.request.method"));
        Assert.Equal("container", activity.GetTagItem("restoresdk.package.type"));
        Assert.Equal("acme/web", activity.GetTagItem("restoresdk.package.name"));
        Assert.Equal("acme", activity.GetTagItem("restoresdk.organization"));
        Assert.Equal(204, activity.GetTagItem("http.response.status_code"));
        Assert.Equal("C0DE:1234:5B6A7:8F9E0:65A1B2C3", activity.GetTagItem("restoresdk.github.request_id"));
        Assert.Equal("success", activity.GetTagItem("restoresdk.outcome"));
        Assert.Null(activity.GetTagItem("http.request.resend_count"));
        Assert.Null(activity.GetTagItem("error.type"));
        Assert.Empty(activity.Events);

        var duration = Assert.Single(telemetry.Measurements(Duration));
        Assert.Equal("s", duration.Unit);
        Assert.InRange(duration.Value, 0, 10);
        Assert.Equal(OrgRoute, duration.Tags["url.template"]);
        Assert.Equal("container", duration.Tags["restoresdk.package.type"]);
        Assert.Equal("success", duration.Tags["restoresdk.outcome"]);
        Assert.False(duration.Tags.ContainsKey("error.type"));
        Assert.DoesNotContain(duration.Tags.Values, value => value is string text && text.Contains("acme"));
        Assert.Empty(telemetry.Measurements(Retries));
        Assert.Empty(telemetry.Measurements(RateLimitWait));
    }

    [Fact]
    public async Task A_GitHub_error_sets_status_Error_and_error_type_to_the_status_code()
    {
        using var stub = new GitHubStub();
        using var telemetry = new TelemetryCapture(stub.BaseAddress);
        stub.Answer(404, """{"message":"Not Found"}""", headers: new Dictionary<string, string> { ["X-GitHub-Request-Id"] = "ABCD:0001" });

        await Assert.ThrowsAsync<GitHubApiException>(() => stub.Client().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        var activity = Assert.Single(telemetry.Activities);
        Assert.Equal("PackagesClient.RestorePackageForAuthenticatedUser", activity.OperationName);
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal("404", activity.StatusDescription);
        Assert.Equal("404", activity.GetTagItem("error.type"));
        Assert.Equal(404, activity.GetTagItem("http.response.status_code"));
        Assert.Equal("ABCD:0001", activity.GetTagItem("restoresdk.github.request_id"));
        Assert.Equal("github_error", activity.GetTagItem("restoresdk.outcome"));
        Assert.Null(activity.GetTagItem("restoresdk.organization"));

        var duration = Assert.Single(telemetry.Measurements(Duration));
        Assert.Equal(UserRoute, duration.Tags["url.template"]);
        Assert.Equal("github_error", duration.Tags["restoresdk.outcome"]);
        Assert.Equal("404", duration.Tags["error.type"]);
    }

    [Fact]
    public async Task A_retried_call_counts_the_retry_and_reports_the_final_status_and_resend_count()
    {
        using var stub = new GitHubStub();
        using var telemetry = new TelemetryCapture(stub.BaseAddress);
        stub.AnswerInOrder(
            new StubAnswer(503, """{"message":"unavailable"}""", new Dictionary<string, string> { ["X-GitHub-Request-Id"] = "AAAA:0503" }),
            new StubAnswer(204, Headers: new Dictionary<string, string> { ["X-GitHub-Request-Id"] = "BBBB:0204" }));

        await stub.Client().RestorePackageForOrgAsync("acme", OrgPackageType.Npm, "left-pad");

        var activity = Assert.Single(telemetry.Activities);
        Assert.Equal(1, activity.GetTagItem("http.request.resend_count"));
        Assert.Equal(204, activity.GetTagItem("http.response.status_code"));
        Assert.Equal("BBBB:0204", activity.GetTagItem("restoresdk.github.request_id"));
        Assert.Equal(ActivityStatusCode.Unset, activity.Status);
        var retry = Assert.Single(activity.Events);
        Assert.Equal("restoresdk.retry", retry.Name);
        var eventTags = retry.Tags.ToDictionary(tag => tag.Key, tag => tag.Value);
        Assert.Equal(1, eventTags["http.request.resend_count"]);
        Assert.Equal("server_error", eventTags["restoresdk.retry.reason"]);
        Assert.Equal("503", eventTags["error.type"]);
        Assert.InRange((double)eventTags["restoresdk.retry.delay"]! - Assert.Single(stub.Clock.Waits).TotalSeconds, 0, 0.001); // timers get whole milliseconds

        var retried = Assert.Single(telemetry.Measurements(Retries));
        Assert.Equal(1, retried.Value);
        Assert.Equal("server_error", retried.Tags["restoresdk.retry.reason"]);
        Assert.Equal("503", retried.Tags["error.type"]);
        Assert.Equal(OrgRoute, retried.Tags["url.template"]);
        Assert.Empty(telemetry.Measurements(RateLimitWait));
        Assert.Equal("success", Assert.Single(telemetry.Measurements(Duration)).Tags["restoresdk.outcome"]);
    }

    [Fact]
    public async Task A_rate_limit_wait_is_recorded_and_counted_in_the_calls_duration()
    {
        using var stub = new GitHubStub();
        using var telemetry = new TelemetryCapture(stub.BaseAddress);
        var reset = stub.Clock.GetUtcNow().AddSeconds(30);
        stub.AnswerInOrder(
            new StubAnswer(403, """{"message":"API rate limit exceeded"}""", new Dictionary<string, string>
            {
                ["x-ratelimit-remaining"] = "0",
                ["x-ratelimit-reset"] = reset.ToUnixTimeSeconds().ToString(),
            }),
            new StubAnswer(204));

        await stub.Client().RestorePackageForAuthenticatedUserAsync(UserPackageType.NuGet, "Acme.Core");

        var wait = Assert.Single(telemetry.Measurements(RateLimitWait));
        Assert.Equal("s", wait.Unit);
        Assert.InRange(wait.Value, 30, 31);
        Assert.Equal("primary", wait.Tags["restoresdk.rate_limit.kind"]);
        Assert.Equal("nuget", wait.Tags["restoresdk.package.type"]);
        Assert.Equal("primary_rate_limit", Assert.Single(telemetry.Measurements(Retries)).Tags["restoresdk.retry.reason"]);
        var duration = Assert.Single(telemetry.Measurements(Duration));
        Assert.InRange(duration.Value, wait.Value, wait.Value + 5);
        Assert.Equal(1, Assert.Single(telemetry.Activities).GetTagItem("http.request.resend_count"));
    }

    [Fact]
    public async Task A_rate_limit_the_client_gives_up_on_is_outcome_rate_limited()
    {
        using var stub = new GitHubStub();
        using var telemetry = new TelemetryCapture(stub.BaseAddress);
        stub.Answer(429, """{"message":"You have exceeded a secondary rate limit."}""", headers: new Dictionary<string, string> { ["retry-after"] = "3600" });

        await Assert.ThrowsAsync<RateLimitExceededException>(() => stub.Client().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        var activity = Assert.Single(telemetry.Activities);
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal("429", activity.GetTagItem("error.type"));
        Assert.Equal("rate_limited", activity.GetTagItem("restoresdk.outcome"));
        Assert.Equal("rate_limited", Assert.Single(telemetry.Measurements(Duration)).Tags["restoresdk.outcome"]);
        Assert.Empty(telemetry.Measurements(RateLimitWait));
    }

    [Fact]
    public async Task A_call_the_gate_refuses_without_sending_has_no_status_code_and_the_exception_type_as_error_type()
    {
        using var stub = new GitHubStub();
        using var telemetry = new TelemetryCapture(stub.BaseAddress);
        var reset = stub.Clock.GetUtcNow().AddMinutes(10);
        stub.AnswerInOrder(new StubAnswer(204, Headers: new Dictionary<string, string> { ["x-ratelimit-remaining"] = "0", ["x-ratelimit-reset"] = reset.ToUnixTimeSeconds().ToString() }));
        var client = stub.Client();
        await client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad");

        await Assert.ThrowsAsync<RateLimitExceededException>(() => client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "is-odd"));

        Assert.Single(stub.Requests);
        var refused = Assert.Single(telemetry.Activities, activity => (string?)activity.GetTagItem("restoresdk.package.name") == "is-odd");
        Assert.Equal(ActivityStatusCode.Error, refused.Status);
        Assert.Equal("rate_limited", refused.GetTagItem("restoresdk.outcome"));
        Assert.Equal(typeof(RateLimitExceededException).FullName, refused.GetTagItem("error.type"));
        Assert.Null(refused.GetTagItem("http.response.status_code"));
        var duration = Assert.Single(telemetry.Measurements(Duration), m => (string?)m.Tags["restoresdk.outcome"] == "rate_limited");
        Assert.Equal(typeof(RateLimitExceededException).FullName, duration.Tags["error.type"]);
    }

    [Fact]
    public async Task A_transport_failure_reports_the_exception_type_and_no_status_code()
    {
        await using var server = new RawHttpRecorder(RawReply.Drop);
        using var telemetry = new TelemetryCapture(server.BaseAddress);
        var client = new PackagesClient(new PackagesClientOptions { BaseAddress = server.BaseAddress, TimeProvider = new InstantTimeProvider(), MaxRetries = 1, MinimumWriteInterval = TimeSpan.Zero });

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        var activity = Assert.Single(telemetry.Activities);
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal(typeof(HttpRequestException).FullName, activity.GetTagItem("error.type"));
        Assert.Equal("transport_error", activity.GetTagItem("restoresdk.outcome"));
        Assert.Equal(1, activity.GetTagItem("http.request.resend_count"));
        Assert.Null(activity.GetTagItem("http.response.status_code"));
        Assert.Equal("transport_error", Assert.Single(activity.Events).Tags.Single(tag => tag.Key == "restoresdk.retry.reason").Value);
        var duration = Assert.Single(telemetry.Measurements(Duration));
        Assert.Equal("transport_error", duration.Tags["restoresdk.outcome"]);
        Assert.Equal(typeof(HttpRequestException).FullName, duration.Tags["error.type"]);
        Assert.Equal("transport_error", Assert.Single(telemetry.Measurements(Retries)).Tags["restoresdk.retry.reason"]);
    }

    [Fact]
    public async Task A_call_the_caller_cancels_is_outcome_cancelled()
    {
        using var stub = new GitHubStub();
        using var telemetry = new TelemetryCapture(stub.BaseAddress);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stub.Client().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad", cancellationToken: cancelled.Token));

        Assert.Equal("cancelled", Assert.Single(telemetry.Activities).GetTagItem("restoresdk.outcome"));
        Assert.Equal("cancelled", Assert.Single(telemetry.Measurements(Duration)).Tags["restoresdk.outcome"]);
    }

    [Fact]
    public async Task The_activity_is_a_child_of_the_callers_and_the_parent_of_HttpClients_whose_query_NET_redacts()
    {
        using var stub = new GitHubStub();
        using var telemetry = new TelemetryCapture(stub.BaseAddress);
        using var source = new ActivitySource("RestoreSdk.Tests.Caller");
        var httpActivities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = candidate => candidate.Name == source.Name || candidate.Name == "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (httpActivities)
                {
                    httpActivities.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        using (var caller = source.StartActivity("restore job"))
        {
            await stub.Client().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad", "pkg_HttpClientRedactsThisQuery");
            var restore = Assert.Single(telemetry.Activities);
            Assert.Equal(caller!.SpanId, restore.ParentSpanId);
            lock (httpActivities)
            {
                var http = Assert.Single(httpActivities, http => http.Source.Name == "System.Net.Http" && http.ParentSpanId == restore.SpanId);
                Assert.EndsWith("/restore?*", (string)http.GetTagItem("url.full")!); // .NET 9+ redacts the query of HttpClient's own spans
            }
        }
    }

    [Fact]
    public async Task A_bulk_restore_is_one_batch_activity_parenting_one_activity_per_package()
    {
        using var stub = new GitHubStub();
        using var telemetry = new TelemetryCapture(stub.BaseAddress);
        stub.AnswerInOrder(new StubAnswer(204), new StubAnswer(404, """{"message":"Not Found"}"""), new StubAnswer(204));
        var packages = new[]
        {
            PackageToRestore.ForUser(UserPackageType.Npm, "left-pad"),
            PackageToRestore.ForOrg("acme", OrgPackageType.Container, "acme/web"),
            PackageToRestore.ForOrg("acme", OrgPackageType.Maven, "com.acme.core"),
        };

        await stub.Client().RestorePackagesAsync(packages);

        var activities = telemetry.Activities;
        var batch = Assert.Single(activities, activity => activity.OperationName == "PackagesClient.RestorePackages");
        Assert.Equal(ActivityKind.Internal, batch.Kind);
        Assert.Equal(3, batch.GetTagItem("restoresdk.batch.size"));
        Assert.Equal(2, batch.GetTagItem("restoresdk.batch.restored"));
        Assert.Equal(1, batch.GetTagItem("restoresdk.batch.failed"));
        Assert.Equal(0, batch.GetTagItem("restoresdk.batch.not_attempted"));
        Assert.Null(batch.GetTagItem("restoresdk.batch.stop_reason"));
        Assert.Equal(ActivityStatusCode.Error, batch.Status);
        var children = activities.Where(activity => activity.ParentSpanId == batch.SpanId).ToList();
        Assert.Equal(
            new[] { ("PackagesClient.RestorePackageForAuthenticatedUser", "left-pad", 204), ("PackagesClient.RestorePackageForOrg", "acme/web", 404), ("PackagesClient.RestorePackageForOrg", "com.acme.core", 204) },
            children.OrderBy(child => child.StartTimeUtc).Select(child => (child.OperationName, (string)child.GetTagItem("restoresdk.package.name")!, (int)child.GetTagItem("http.response.status_code")!)));
        Assert.Equal(3, telemetry.Measurements(Duration).Count);
    }

    [Fact]
    public async Task A_call_held_at_the_gate_by_an_earlier_answers_exhausted_limit_records_the_wait()
    {
        using var stub = new GitHubStub();
        using var telemetry = new TelemetryCapture(stub.BaseAddress);
        var reset = stub.Clock.GetUtcNow().AddSeconds(30);
        stub.AnswerInOrder(
            new StubAnswer(204, Headers: new Dictionary<string, string> { ["x-ratelimit-remaining"] = "0", ["x-ratelimit-reset"] = reset.ToUnixTimeSeconds().ToString() }),
            new StubAnswer(204));
        var client = stub.Client();

        await client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad");
        await client.RestorePackageForAuthenticatedUserAsync(UserPackageType.RubyGems, "rails-ext");

        var wait = Assert.Single(telemetry.Measurements(RateLimitWait));
        Assert.Equal(Assert.Single(stub.Clock.Waits).TotalSeconds, wait.Value, precision: 3);
        Assert.InRange(wait.Value, 29, 30);
        Assert.Equal("primary", wait.Tags["restoresdk.rate_limit.kind"]);
        Assert.Equal("rubygems", wait.Tags["restoresdk.package.type"]);
        Assert.Empty(telemetry.Measurements(Retries));
        var held = Assert.Single(telemetry.Activities, activity => (string?)activity.GetTagItem("restoresdk.package.type") == "rubygems");
        var holdEvent = Assert.Single(held.Events);
        Assert.Equal("restoresdk.rate_limit.wait", holdEvent.Name);
        Assert.Equal("primary", holdEvent.Tags.Single(tag => tag.Key == "restoresdk.rate_limit.kind").Value);
    }

    [Fact]
    public async Task No_token_package_token_or_query_reaches_any_tag_event_or_measurement_even_when_echoed()
    {
        const string token = "ghp_TelemetryMustNeverSeeThisToken00000";
        const string packageToken = "pkg_TelemetryMustNeverSeeThisOne";
        using var stub = new GitHubStub();
        using var telemetry = new TelemetryCapture(stub.BaseAddress);
        var echoing = new Dictionary<string, string> { ["X-GitHub-Request-Id"] = token, ["X-Echo"] = packageToken };
        stub.AnswerInOrder(
            new StubAnswer(503, $$"""{"message":"{{token}} {{packageToken}}"}""", echoing),
            new StubAnswer(403, $$"""{"message":"token {{token}} and {{packageToken}} rejected"}""", echoing));

        await Assert.ThrowsAsync<GitHubApiException>(() => stub.Client(o => o.Token = token).RestorePackageForOrgAsync("acme", OrgPackageType.Npm, "left-pad", packageToken));

        var activity = Assert.Single(telemetry.Activities);
        var texts = activity.TagObjects.Select(tag => $"{tag.Key}={tag.Value}")
            .Concat(activity.Events.SelectMany(e => e.Tags.Select(tag => $"{e.Name}:{tag.Key}={tag.Value}")))
            .Concat(new[] { activity.DisplayName, activity.StatusDescription ?? string.Empty })
            .Concat(telemetry.AllMeasurements.SelectMany(m => m.Tags.Select(tag => $"{m.Instrument}:{tag.Key}={tag.Value}")))
            .ToList();
        Assert.NotEmpty(activity.Events);
        Assert.Contains(telemetry.AllMeasurements, m => m.Instrument == Retries);
        Assert.All(texts, text =>
        {
            Assert.DoesNotContain(token, text);
            Assert.DoesNotContain(packageToken, text);
            Assert.DoesNotContain("token=", text);
            Assert.DoesNotContain("?", text);
        });
        Assert.Null(activity.GetTagItem("restoresdk.github.request_id"));
    }

    [Theory]
    [InlineData("C0DE:1234:5B6A7:8F9E0:65A1B2C3", true)]
    [InlineData("c0de:12", true)]
    [InlineData("C0DE", false)]
    [InlineData(":C0DE:12", false)]
    [InlineData("C0DE:12:", false)]
    [InlineData("C0DE::12", false)]
    [InlineData("C0DE:12\n", false)]
    [InlineData("ghp_abc:12", false)]
    public void Only_colon_joined_hex_groups_become_a_request_id_tag(string header, bool kept)
    {
        Assert.Equal(kept ? header : null, RestoreTelemetry.RequestIdOf(header));
    }

    [Theory]
    [InlineData(204)]
    [InlineData(404)]
    public async Task A_token_echoed_in_the_request_id_never_becomes_the_request_id_tag(int status)
    {
        // Tokens from before 2021 are 40 hex digits, so an echo keeps the request id's hex:hex shape.
        const string token = "0123456789abcdef0123456789abcdef01234567";
        const string packageToken = "fedcba9876543210fedcba9876543210";
        using var stub = new GitHubStub();
        using var telemetry = new TelemetryCapture(stub.BaseAddress);
        stub.AnswerInOrder(
            new StubAnswer(status, status == 204 ? null : """{"message":"Not Found"}""", new Dictionary<string, string> { ["X-GitHub-Request-Id"] = "C0DE:" + token }),
            new StubAnswer(status, status == 204 ? null : """{"message":"Not Found"}""", new Dictionary<string, string> { ["X-GitHub-Request-Id"] = "C0DE:" + packageToken }));
        var client = stub.Client(o => o.Token = token);

        for (var call = 0; call < 2; call++)
        {
            var restore = client.RestorePackageForOrgAsync("acme", OrgPackageType.Npm, "left-pad", packageToken);
            if (status == 204)
            {
                await restore;
            }
            else
            {
                await Assert.ThrowsAsync<GitHubApiException>(() => restore);
            }
        }

        Assert.Equal(2, telemetry.Activities.Count);
        Assert.All(telemetry.Activities, activity =>
        {
            Assert.Equal(status, activity.GetTagItem("http.response.status_code"));
            Assert.All(activity.TagObjects, tag =>
            {
                Assert.DoesNotContain(token, $"{tag.Value}");
                Assert.DoesNotContain(packageToken, $"{tag.Value}");
            });
            Assert.Null(activity.GetTagItem("restoresdk.github.request_id"));
        });
    }
}

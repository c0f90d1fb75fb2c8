// Pins that tracing alone or metrics alone each get their full share: run apart from other tests, whose listeners would switch the other one on.
using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading.Tasks;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Tests;

[CollectionDefinition(nameof(TelemetryListenerTests), DisableParallelization = true)]
public sealed class TelemetryListenerCollection
{
}

[Collection(nameof(TelemetryListenerTests))]
public sealed class TelemetryListenerTests
{
    [Fact]
    public async Task With_only_an_activity_listener_every_call_still_ends_its_activity()
    {
        using var stub = new GitHubStub();
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "RestoreSdk",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (Equals(activity.GetTagItem("server.port"), stub.BaseAddress.Port))
                {
                    stopped.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        stub.Answer(404, """{"message":"Not Found"}""");

        await Assert.ThrowsAsync<GitHubApiException>(() => stub.Client().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        var activity = Assert.Single(stopped);
        Assert.Equal("github_error", activity.GetTagItem("restoresdk.outcome"));
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
    }

    [Fact]
    public async Task With_only_a_meter_listener_every_call_still_records_its_duration()
    {
        using var stub = new GitHubStub();
        var outcomes = new ConcurrentQueue<string>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, meters) =>
            {
                if (instrument.Meter.Name == "RestoreSdk")
                {
                    meters.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) =>
        {
            var values = tags.ToArray().ToDictionary(tag => tag.Key, tag => tag.Value);
            if (instrument.Name == "restoresdk.client.operation.duration" && Equals(values["server.port"], stub.BaseAddress.Port))
            {
                outcomes.Enqueue((string)values["restoresdk.outcome"]!);
            }
        });
        listener.Start();
        stub.Answer(404, """{"message":"Not Found"}""");

        await Assert.ThrowsAsync<GitHubApiException>(() => stub.Client().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        Assert.Equal("github_error", Assert.Single(outcomes));
    }
}

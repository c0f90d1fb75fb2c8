// Listens to the RestoreSdk ActivitySource and Meter, keeping only what one stub's clients emit (tests run in parallel).
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;

namespace RestoreSdk.Tests.Infrastructure;

internal sealed record Measurement(string Instrument, string? Unit, double Value, IReadOnlyDictionary<string, object?> Tags);

internal sealed class TelemetryCapture : IDisposable
{
    private readonly int _port;
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters = new MeterListener();
    private readonly ConcurrentQueue<Activity> _stopped = new ConcurrentQueue<Activity>();
    private readonly ConcurrentQueue<Measurement> _measurements = new ConcurrentQueue<Measurement>();

    public TelemetryCapture(Uri stubAddress)
    {
        _port = stubAddress.Port;
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "RestoreSdk",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (Equals(activity.GetTagItem("server.port"), _port))
                {
                    _stopped.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_activities);

        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "RestoreSdk")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.Start();
    }

    public IReadOnlyList<Activity> Activities => _stopped.ToList();

    public IReadOnlyList<Measurement> Measurements(string instrument) => _measurements.Where(m => m.Instrument == instrument).ToList();

    public IReadOnlyList<Measurement> AllMeasurements => _measurements.ToList();

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        if (Equals(copy.GetValueOrDefault("server.port"), _port))
        {
            _measurements.Enqueue(new Measurement(instrument.Name, instrument.Unit, value, copy));
        }
    }
}
